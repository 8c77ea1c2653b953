"""The workers' own pages during a broker bench: ``/ready`` from their first moment, ``/metrics`` while they run.

A worker's first 200 from ``/ready`` must come after its log says Faust's recovery is over ("Worker ready", logged
in the same step that ends the rebalance): ready only after recovery. Its ``/metrics`` must show every series of
services.runtime.metrics.SERIES. Used by bench.soak and bench.end_to_end, which report both with ``endpoints_section``.
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

from services.runtime.metrics import SERIES
from services.runtime.streaming import STAGES
from services.tools.fleet import WorkerFleet

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


def label_sets(samples: Samples, name: str) -> int:
    """How many label sets a series has (a histogram's counted once per set, by its ``_count``)."""
    return len(samples.get(name) or samples.get(f"{name}_count") or [])


@dataclass(frozen=True)
class Endpoints:
    readiness: dict[str, ReadyWatch]
    scrapes: dict[str, Samples]
    """Each worker's /metrics at the end of the run, while it still runs."""

    def problems(self) -> list[str]:
        problems = [f"{w} was not ready after its recovery" for w in STAGES if not self.readiness[w].ok]
        problems += [f"{w} lacks {', '.join(missing)}" for w in STAGES if (missing := self.missing(w))]
        return problems

    def missing(self, worker: str) -> list[str]:
        return missing_series(self.scrapes[worker], tables=worker in STAGES_WITH_TABLES)


def seconds_text(value: float | None) -> str:
    return "–" if value is None else f"{value * 1000:.0f} ms" if value < 1 else f"{value:.1f} s"


def _yes_no(verdict: bool | None) -> str:
    return "–" if verdict is None else "yes" if verdict else "**no**"


def endpoints_section(endpoints: Endpoints, title: str = "Worker endpoints") -> list[str]:
    lines = [
        f"## {title}",
        "",
        "`/ready` polled every 0.1 s from each worker's start until its first 200 (503s counted by the checks that "
        "failed); the first 200 must come after the worker logged Faust's \"Worker ready\" for its latest "
        "assignment. `/metrics` scraped at the end of the run, before the workers stop: every series of "
        "`services.runtime.metrics.SERIES` must have samples (the table series on the workers with tables: dedup, "
        "stories). Latency quantiles are interpolated in the histograms' buckets (as Prometheus' "
        "`histogram_quantile`).",
        "",
        "| worker | 503s before ready (failing checks) | first 200 after start | after recovery | series missing | "
        "records in / out | dead letters | lag at the end | receive → publish p50 / p99 | event → publish p50 / p99 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for worker in STAGES:
        ready, samples = endpoints.readiness[worker], endpoints.scrapes[worker]
        waits = ", ".join(f"{count} {checks}" for checks, count in ready.not_ready.most_common()) or "none"
        first = "never" if ready.first_ready_s is None else f"{ready.first_ready_s:.1f} s"
        receive = [quantile(samples, "newsingest_receive_to_publish_seconds", q) for q in (0.5, 0.99)]
        event = [quantile(samples, "newsingest_event_to_publish_seconds", q) for q in (0.5, 0.99)]
        lines.append(
            f"| {worker} | {waits} | {first} | {_yes_no(ready.recovered_first)} | "
            f"{', '.join(endpoints.missing(worker)) or 'none'} | "
            f"{total(samples, 'newsingest_records_in_total'):.0f} / {total(samples, 'newsingest_records_out_total'):.0f} | "
            f"{total(samples, 'newsingest_dead_letters_total'):.0f} | {total(samples, 'newsingest_consumer_lag'):.0f} | "
            f"{' / '.join(map(seconds_text, receive))} | {' / '.join(map(seconds_text, event))} |"
        )
    problems = endpoints.problems()
    return [*lines, "", "Every check held." if not problems else "**Failed:** " + "; ".join(problems) + ".", ""]


def series_section(endpoints: Endpoints) -> list[str]:
    """Which of services.runtime.metrics.SERIES each worker served, with how many label sets (topics, reasons,
    partitions, tables, batch sides)."""
    lines = [
        "Series served at the end, by worker (label sets: topics, reasons, partitions, tables or batch sides; "
        "*none* = no sample; *n/a* = a table series on a worker without tables):",
        "",
        "| series | " + " | ".join(STAGES) + " |",
        "|---|" + "---|" * len(STAGES),
    ]
    for name in SERIES:
        cells = []
        for worker in STAGES:
            count = label_sets(endpoints.scrapes[worker], name)
            cells.append("n/a" if name in TABLE_SERIES and worker not in STAGES_WITH_TABLES and not count
                         else f"yes ({count})" if count else "**none**")
        lines.append(f"| `{name}` | " + " | ".join(cells) + " |")
    return [*lines, ""]
