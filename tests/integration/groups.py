"""Waiting for a consumer group of real workers to settle."""

from __future__ import annotations

import time

from services.fleet import WorkerFleet


def wait_for_stable_group(fleet: WorkerFleet, names: list[str], quiet_s: float = 5, timeout_s: float = 120) -> None:
    """Until every worker is ready after its latest assignment and no rebalance happened for ``quiet_s``."""
    deadline = time.monotonic() + timeout_s
    last_logs: list[str] = []
    quiet_since = time.monotonic()
    while time.monotonic() < deadline:
        logs = [fleet.log(name) for name in names]
        ready = all(log.rfind("Worker ready") > log.rfind("Setting newly assigned partitions") > -1 for log in logs)
        if logs != last_logs:
            last_logs, quiet_since = logs, time.monotonic()
        if ready and time.monotonic() - quiet_since >= quiet_s:
            return
        time.sleep(0.5)
    raise AssertionError(f"the group of {names} did not settle")
