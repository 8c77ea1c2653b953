"""Running the four workers as local processes: for ``newsingest demo`` and the broker tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Literal

from services.contract.deadletter import Stage
from services.runtime.liveness import EXIT_STUCK
from services.runtime.streaming import STAGES

LOCAL_BROKER = Path(__file__).resolve().parents[2] / "deploy" / "local-kafka" / "localkafka.py"


def local_broker(action: Literal["start", "stop"]) -> str | None:
    """Start (idempotent) or stop the Maven-fetched local broker of a checkout; why it failed, or None."""
    result = subprocess.run([sys.executable, str(LOCAL_BROKER), action], capture_output=True, text=True)
    return None if result.returncode == 0 else result.stderr.strip() or result.stdout.strip()


# What a faust worker logs when the group hands it partitions, and when it has recovered them and runs.
ASSIGNED_LINE = "Setting newly assigned partitions"
READY_LINE = "Worker ready"


class WorkerFleet:
    """Starts one ``newsingest worker STAGE`` process per stage; stops exactly those on exit.

    It supervises them as a container runtime would: a worker that gives up because it is stuck
    (:data:`EXIT_STUCK`, services.runtime.liveness) is started again, and counted in ``restarts``."""

    def __init__(
        self,
        env: dict[str, str],
        log_dir: Path,
        stages: tuple[Stage, ...] = STAGES,
        cli_module: str = "services.tools.cli",
    ) -> None:
        self._env = {**os.environ, **env}
        self._cli_module = cli_module
        """What ``python -m`` runs: a bench may run another revision's workers, whose CLI lived elsewhere."""
        self._log_dir = log_dir
        self._stages = stages
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.restarts: dict[str, int] = {}
        self._launches: dict[str, tuple[Stage, dict[str, str]]] = {}
        self._lock = threading.RLock()
        self._closing = threading.Event()
        self._supervisor = threading.Thread(target=self._restart_stuck_workers, name="supervisor", daemon=True)

    def start(
        self, stage: Stage, name: str | None = None, env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        """Start a worker; a second worker of a stage needs its own ``name`` (log) and data dir (``env``)."""
        name = name or stage
        self._log_dir.mkdir(parents=True, exist_ok=True)
        with self._lock, open(self._log_dir / f"{name}.log", "ab") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", self._cli_module, "worker", stage],
                env={**self._env, **(env or {})},
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
            self.processes[name] = process
            self._launches[name] = (stage, env or {})
        return process

    def _restart_stuck_workers(self) -> None:
        while not self._closing.wait(1.0):
            with self._lock:
                for name, process in list(self.processes.items()):
                    if process.poll() == EXIT_STUCK:
                        self.restarts[name] = self.restarts.get(name, 0) + 1
                        stage, env = self._launches[name]
                        self.start(stage, name, env)

    def stop(self, name: str, sig: signal.Signals = signal.SIGTERM, timeout_s: float = 30) -> int | None:
        with self._lock:
            process = self.processes.pop(name)
        if process.poll() is None:
            process.send_signal(sig)
            try:
                process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        return process.returncode

    def exited(self) -> dict[str, int]:
        """The workers that stopped on their own (not through ``stop``), by name, with their exit code; a stuck one
        is not among them, as it is being started again."""
        with self._lock:
            return {
                name: code for name, process in self.processes.items()
                if (code := process.poll()) is not None and code != EXIT_STUCK
            }

    def __enter__(self) -> WorkerFleet:
        for stage in self._stages:
            self.start(stage)
        self._supervisor.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._closing.set()
        self._supervisor.join()
        for name in list(self.processes):
            self.stop(name)

    def wait_until_settled(self, names: list[str], quiet_s: float = 5, timeout_s: float = 120) -> None:
        """Until every named worker is ready after its latest assignment and no rebalance happened for ``quiet_s``.

        Quiet is judged by the assignment and readiness lines alone: a busy machine makes workers log other things
        all the time (faust's "producer buffer full" warnings during a backlog, producer retries), and waiting for a
        silent log could outlast the deadline.
        """
        deadline = time.monotonic() + timeout_s
        last_marks: list[tuple[int, int]] = []
        quiet_since = time.monotonic()
        logs: list[str] = []
        while time.monotonic() < deadline:
            logs = [self.log(name) for name in names]
            marks = [(log.count(ASSIGNED_LINE), log.count(READY_LINE)) for log in logs]
            ready = all(log.rfind(READY_LINE) > log.rfind(ASSIGNED_LINE) > -1 for log in logs)
            if marks != last_marks:
                last_marks, quiet_since = marks, time.monotonic()
            if ready and time.monotonic() - quiet_since >= quiet_s:
                return
            time.sleep(0.5)
        tails = "\n".join(f"--- {name}:\n" + "\n".join(log.splitlines()[-12:]) for name, log in zip(names, logs))
        raise TimeoutError(f"the group of {names} did not settle in {timeout_s:.0f} s; the logs end:\n{tails}")

    def log(self, name: str) -> str:
        path = self._log_dir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""
