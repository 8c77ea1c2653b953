"""The workers' own pages during a broker bench: ``/ready`` from their first moment, ``/metrics`` while they run.

A worker's first 200 from ``/ready`` must come after its log says Faust's recovery is over ("Worker ready", logged
in the same step that ends the rebalance): ready only after recovery. Its ``/metrics`` must show every series of
services.metrics.SERIES.
"""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from dataclasses import dataclass, field

from prometheus_client.parser import text_string_to_metric_families

from services.fleet import WorkerFleet
from services.metrics import SERIES

Samples = dict[str, list[tuple[dict[str, str], float]]]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(url: str, timeout_s: float = 10) -> tuple[int | None, bytes]:
    """Status and body; None while nothing listens."""
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None, b""


@dataclass
class ReadyWatch:
    not_ready: Counter[str] = field(default_factory=Counter)
    """503 answers, by the checks that failed (``recovered+broker``)."""
    first_ready_s: float | None = None
    """Seconds from the worker's start to its first 200."""
    recovered_first: bool | None = None
    """Its log said "Worker ready" (after its latest assignment) when /ready first answered 200."""

    @property
    def ok(self) -> bool:
        return self.first_ready_s is not None and bool(self.recovered_first)


def watch_ready(fleet: WorkerFleet, ports: dict[str, int], timeout_s: float = 300) -> dict[str, ReadyWatch]:
    """Poll every worker's /ready (each 0.1 s) from now until each answered 200, or ``timeout_s``."""
    began = time.monotonic()
    watches = {name: ReadyWatch() for name in ports}
    while time.monotonic() - began < timeout_s and any(w.first_ready_s is None for w in watches.values()):
        for name, port in ports.items():
            watch = watches[name]
            if watch.first_ready_s is not None:
                continue
            status, body = get(f"http://127.0.0.1:{port}/ready", timeout_s=5)
            if status == 200:
                log = fleet.log(name)
                watch.first_ready_s = time.monotonic() - began
                watch.recovered_first = log.rfind("Worker ready") > log.rfind("Setting newly assigned partitions") > -1
            elif status is not None:
                failing = [check["name"] for check in json.loads(body)["checks"] if not check["ok"]]
                watch.not_ready["+".join(failing)] += 1
        time.sleep(0.1)
    return watches


def start_watching(fleet: WorkerFleet, ports: dict[str, int]) -> tuple[threading.Thread, dict[str, ReadyWatch]]:
    result: dict[str, ReadyWatch] = {}
    thread = threading.Thread(target=lambda: result.update(watch_ready(fleet, ports)), daemon=True)
    thread.start()
    return thread, result


def scrape(port: int) -> Samples:
    status, body = get(f"http://127.0.0.1:{port}/metrics")
    if status != 200:
        return {}
    samples: Samples = {}
    for family in text_string_to_metric_families(body.decode()):
        for sample in family.samples:
            samples.setdefault(sample.name, []).append((sample.labels, sample.value))
    return samples


TABLE_SERIES = ("newsingest_table_keys", "newsingest_table_bytes")
STAGES_WITH_TABLES = ("dedup", "stories")


def missing_series(samples: Samples, tables: bool = True) -> list[str]:
    """Series of SERIES with no sample (a histogram shows as its ``_count``); the table series only of a worker
    with ``tables``."""
    expected = [name for name in SERIES if tables or name not in TABLE_SERIES]
    return [name for name in expected if not samples.get(name) and not samples.get(f"{name}_count")]


def total(samples: Samples, name: str, **labels: str) -> float:
    return sum(value for found, value in samples.get(name, []) if labels.items() <= found.items())


def quantile(samples: Samples, histogram: str, q: float) -> float | None:
    """The ``q`` quantile of a histogram's cumulative buckets, interpolated within the bucket as Prometheus'
    histogram_quantile does; None without observations."""
    buckets = sorted(
        (float(labels["le"]), value) for labels, value in samples.get(f"{histogram}_bucket", [])
    )
    if not buckets or buckets[-1][1] == 0:
        return None
    rank = q * buckets[-1][1]
    lower_bound, lower_count = 0.0, 0.0
    for bound, count in buckets:
        if count >= rank:
            if bound == float("inf"):
                return lower_bound
            return lower_bound + (bound - lower_bound) * (rank - lower_count) / max(count - lower_count, 1e-12)
        lower_bound, lower_count = bound, count
    return None
