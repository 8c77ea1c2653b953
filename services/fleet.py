"""Running the four workers as local processes: for ``newsingest demo`` and the broker tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from types import TracebackType

from services.deadletter import Stage
from services.streaming import STAGES


class WorkerFleet:
    """Starts one ``newsingest worker STAGE`` process per stage; stops exactly those on exit."""

    def __init__(self, env: dict[str, str], log_dir: Path, stages: tuple[Stage, ...] = STAGES) -> None:
        self._env = {**os.environ, **env}
        self._log_dir = log_dir
        self._stages = stages
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, stage: Stage, name: str | None = None, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        """Start a worker; a second worker of a stage needs its own ``name`` (log) and data dir (``env``)."""
        name = name or stage
        self._log_dir.mkdir(parents=True, exist_ok=True)
        with open(self._log_dir / f"{name}.log", "ab") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "services.cli", "worker", stage],
                env={**self._env, **(env or {})},
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        self.processes[name] = process
        return process

    def stop(self, name: str, sig: signal.Signals = signal.SIGTERM, timeout_s: float = 30) -> int | None:
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
        """The workers that stopped on their own (not through ``stop``), by name, with their exit code."""
        return {name: process.returncode for name, process in self.processes.items() if process.poll() is not None}

    def __enter__(self) -> WorkerFleet:
        for stage in self._stages:
            self.start(stage)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        for name in list(self.processes):
            self.stop(name)

    def log(self, name: str) -> str:
        path = self._log_dir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""
