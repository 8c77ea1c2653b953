"""No secret printed, ever: every command of the CLI, and a worker start, with a known SASL password in the
settings, and all they write (stdout, stderr, the demo's worker logs) searched for it.

Three settings: the password set but unused (PLAINTEXT: every command runs for real on the broker); a SASL login
the broker refuses (the local broker has no SASL listener: every client fails at connect, the error paths run,
with and without -v); and SASL with the username missing (the settings error path).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from services.config import Settings
from services.contract.messages import RawArticle
from services.tools.cli import build_parser
from services.tools.kafka_io import read_topic

pytestmark = pytest.mark.broker

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Kx7&q"
"""Short on purpose: pydantic's error messages abbreviate what they echo, and a short value is echoed whole."""

COMMANDS: dict[str, list[list[str]]] = {  # in this order: the topics first, then a message for tail to show
    "topics": [["topics", "create"], ["topics", "list"]],
    "process": [["process", "tests/data/seed_003.txt"]],
    "send": [["send", "tests/data/seed_000.txt"]],
    "tail": [["tail", "raw", "--from-beginning", "-n", "1"], ["tail", "raw", "--from-beginning", "-n", "1",
                                                               "--format", "json"]],
    "lag": [["lag"], ["lag", "--format", "json"]],
    "schemas": [["schemas", "--check"]],
    "dlq": [["dlq", "list"], ["dlq", "list", "--format", "json"], ["dlq", "replay", "--all", "--dry-run"]],
    "demo": [["demo", "tests/data/seed_000.txt", "--timeout", "300"]],
    "worker": [],  # started and stopped by worker_output below
}
GENERAL = [["--help"], ["--version"], *([command, "--help"] for command in COMMANDS)]


def subcommands() -> set[str]:
    return set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


@pytest.fixture
def secured_envs(isolated_env: dict[str, str]) -> dict[str, dict[str, str]]:
    base = {name: value for name, value in os.environ.items() if not name.startswith("NEWSINGEST_KAFKA__SECURITY")}
    security = "NEWSINGEST_KAFKA__SECURITY__"
    login = {f"{security}SASL_USERNAME": "newsingest", f"{security}SASL_PASSWORD": PASSWORD}
    return {
        "unused": base | login,
        "refused": base | login | {f"{security}PROTOCOL": "SASL_PLAINTEXT"},
        "no-username": base | {f"{security}PROTOCOL": "SASL_PLAINTEXT", f"{security}SASL_PASSWORD": PASSWORD},
    }


def run(argv: list[str], env: dict[str, str]) -> str:
    """All the command writes; a bound for a hang, not a measurement."""
    done = subprocess.run([sys.executable, "-m", "services.tools.cli", *argv], cwd=ROOT, env=env, capture_output=True, check=False,
                          timeout=600)
    return done.stdout.decode(errors="replace") + done.stderr.decode(errors="replace")


def test_the_cases_cover_every_command() -> None:
    assert set(COMMANDS) == subcommands()


def test_no_command_prints_the_password(secured_envs: dict[str, dict[str, str]]) -> None:
    printed: dict[str, str] = {}
    for argv in GENERAL:
        printed[" ".join(argv)] = run(argv, secured_envs["unused"])
    for setting, env in secured_envs.items():
        for argv in (argv for cases in COMMANDS.values() for argv in cases):
            printed[f"{setting}: {' '.join(argv)}"] = run(argv, env)
            if setting == "refused":
                printed[f"{setting}: -v {' '.join(argv)}"] = run(["-v", *argv], env)
    # The demo's workers log to files of their own; read them too.
    demo = printed["unused: demo tests/data/seed_000.txt --timeout 300"]
    [log_dir] = re.findall(r"logs in (\S+) \.\.\.", demo)
    for log in sorted(Path(log_dir).glob("*")):
        printed[f"demo worker log {log.name}"] = log.read_text(errors="replace")
    # The runs did what they are for: the commands ran, the login was refused, the settings were rejected.
    assert "message(s) published" in demo and "story " in demo
    assert "cannot reach the Kafka broker" in printed["refused: lag"]
    assert "NEWSINGEST_KAFKA__SECURITY: Value error" in printed["no-username: lag"]
    assert [name for name, text in printed.items() if PASSWORD in text] == []


def test_a_worker_start_prints_no_password(
    secured_envs: dict[str, dict[str, str]], settings: Settings, tmp_path: Path
) -> None:
    """A cleaner worker at debug level that starts, takes an article and stops; one whose login is refused; one
    whose settings are rejected."""
    topics = settings.kafka.topics
    outputs = {}
    for setting, env in secured_envs.items():
        outputs[setting] = worker_output(env | {"NEWSINGEST_WORKER__LOG_LEVEL": "debug"}, tmp_path / setting,
                                         wait_for_output=setting == "unused", settings=settings)
    assert "Starting..." in outputs["unused"] and topics.prefix in outputs["unused"]
    assert "invalid settings" in outputs["no-username"]
    assert [setting for setting, text in outputs.items() if PASSWORD in text] == []


def worker_output(env: dict[str, str], log_dir: Path, *, wait_for_output: bool, settings: Settings) -> str:
    """Start ``newsingest worker cleaner``; once it published a clean article (or, if not asked to, once it exited
    or had a while to fail), stop it with SIGTERM; what it wrote."""
    import asyncio

    from services.tools.kafka_io import create_topics, send

    log_dir.mkdir(parents=True)
    log = log_dir / "worker.log"
    if wait_for_output:
        asyncio.run(create_topics(settings.kafka))
        message = RawArticle(source="wire", body="Quake hits Chile, officials say.").model_dump_json().encode()
        asyncio.run(send(settings.kafka, settings.kafka.topics.raw, [(None, message)]))
    with log.open("wb") as sink:
        worker = subprocess.Popen([sys.executable, "-m", "services.tools.cli", "worker", "cleaner"], cwd=ROOT,
                                  env=env | {"NEWSINGEST_WORKER__DATA_DIR": str(log_dir / "data")},
                                  stdout=sink, stderr=subprocess.STDOUT)
        try:
            for _ in range(300):
                if worker.poll() is not None:
                    break
                if wait_for_output and asyncio.run(read_topic(settings.kafka, settings.kafka.topics.clean)):
                    break
                time.sleep(1)
            else:
                assert not wait_for_output, "the worker published nothing"
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
            worker.wait(timeout=120)
        finally:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
    return log.read_text(errors="replace")
