"""``python -m services.runtime.probe /live /ready``: a container healthcheck of the worker in the same container.

Exits 0 when every page answers 200, else 1 with what the failing one said; the worker's port comes from the same
settings the worker reads. For runtimes without HTTP probes of their own (Compose); Kubernetes asks the pages itself.
"""

from __future__ import annotations

import argparse
import sys
import urllib.error
import urllib.request

from services.config import Settings

_DEFAULT_PORT = 6066


def probe(url: str, timeout_s: float) -> tuple[bool, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:
            return response.status == 200, f"{url}: {response.status}"
    except urllib.error.HTTPError as error:
        return False, f"{url}: {error.code} {error.read()[:2000].decode('utf-8', 'replace')}"
    except (urllib.error.URLError, OSError) as error:
        return False, f"{url}: {getattr(error, 'reason', error)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m services.runtime.probe", description=__doc__)
    parser.add_argument("paths", nargs="+", choices=["/live", "/ready", "/metrics"])
    parser.add_argument("--port", type=int, help="the worker's web port (default: its settings', else 6066)")
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds per page")
    args = parser.parse_args(argv)
    worker = Settings().worker
    port = args.port or worker.web_port or _DEFAULT_PORT
    host = "127.0.0.1" if worker.web_bind in ("0.0.0.0", "::", "") else worker.web_bind
    results = [probe(f"http://{host}:{port}{path}", args.timeout) for path in args.paths]
    for ok, said in results:
        if not ok:
            print(said)
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
