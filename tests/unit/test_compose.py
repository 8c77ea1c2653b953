"""The deployment files agree with the Compose spec, the CLI and the settings.

No Docker engine runs where these tests run, so ``docker-compose.yml`` and
``deploy/Dockerfile`` are checked statically: the compose file against the
Compose Specification's JSON Schema, every project container's command against
the real argument parser, every ``NEWSINGEST_*`` variable against the real
settings model, and the Dockerfile's install steps and entry point.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shlex
import tomllib
from pathlib import Path, PurePosixPath
from typing import Any, get_args

import jsonschema
import pytest
import yaml
from pydantic import BaseModel, TypeAdapter

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "deploy" / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
PYPROJECT = ROOT / "pyproject.toml"
COMPOSE_SCHEMA = ROOT / "tests" / "data" / "compose-spec.json"

ENV_PREFIX = "NEWSINGEST_"
STAGES = ("cleaner", "dedup", "enricher", "stories")
KAFKA_IMAGE = "apache/kafka:3.9.1"
PYTHON_BASE = "python:3.11-slim"
LOCK_FILE = "requirements.lock"
ENTRYPOINT = "newsingest"
# Broker properties a one-node cluster needs: the defaults (3) would leave the
# internal topics unable to reach their replication factor, and consumer groups
# would wait 3 s before each first rebalance.
ONE_NODE_SETTINGS = {
    "offsets.topic.replication.factor": "1",
    "transaction.state.log.replication.factor": "1",
    "transaction.state.log.min.isr": "1",
    "group.initial.rebalance.delay.ms": "0",
}


# ---------------------------------------------------------------- loading


def _load_compose() -> dict[str, Any]:
    # safe_load resolves anchors, aliases and `<<` merge keys as Compose does.
    return yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))


COMPOSE = _load_compose()
SERVICES: dict[str, dict[str, Any]] = COMPOSE.get("services") or {}


def _dockerfile_of(service: dict[str, Any]) -> Path | None:
    """The Dockerfile a service is built from, or None if it runs a ready-made image."""
    build = service.get("build")
    if build is None:
        return None
    if isinstance(build, str):
        context, dockerfile = build, "Dockerfile"
    else:
        context, dockerfile = build.get("context", "."), build.get("dockerfile", "Dockerfile")
    return (COMPOSE_FILE.parent / context / dockerfile).resolve()


PROJECT_SERVICES = sorted(name for name, svc in SERVICES.items() if _dockerfile_of(svc) is not None)


def _command(service: dict[str, Any]) -> list[str]:
    command = service.get("command")
    if command is None:
        return []
    return shlex.split(command) if isinstance(command, str) else [str(arg) for arg in command]


def _environment(service: dict[str, Any]) -> dict[str, str | None]:
    """A service's environment as Compose hands it to the container."""
    env = service.get("environment") or {}
    if isinstance(env, list):
        pairs = (item.split("=", 1) if "=" in item else (item, None) for item in env)
        return {key: value for key, value in pairs}
    out: dict[str, str | None] = {}
    for key, value in env.items():
        if isinstance(value, bool):
            value = "true" if value else "false"
        out[key] = None if value is None else str(value)
    return out


def _depends_on(service: dict[str, Any]) -> dict[str, str]:
    deps = service.get("depends_on") or {}
    if isinstance(deps, list):
        return {name: "service_started" for name in deps}
    return {name: spec.get("condition", "service_started") for name, spec in deps.items()}


# ---- Dockerfile: instructions, with continuations joined and comments dropped


def _instructions(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue  # Docker drops comment lines, even inside a continuation
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line = pending + line
        pending = ""
        keyword, _, args = line.partition(" ")
        out.append((keyword.upper(), args.strip()))
    if pending:
        keyword, _, args = pending.strip().partition(" ")
        out.append((keyword.upper(), args.strip()))
    return out


@functools.cache
def _dockerfile_stages() -> list[list[tuple[str, str]]]:
    stages: list[list[tuple[str, str]]] = []
    for keyword, args in _instructions(DOCKERFILE.read_text(encoding="utf-8")):
        if keyword == "FROM":
            stages.append([])
        if stages:
            stages[-1].append((keyword, args))
    return stages


def _exec_form(keyword: str, args: str) -> list[str]:
    try:
        value = json.loads(args)
    except json.JSONDecodeError:
        pytest.fail(f"{keyword} {args!r} is not in exec (JSON array) form")
    assert isinstance(value, list) and all(isinstance(v, str) for v in value), args
    return value


def _dockerfile_env() -> dict[str, str]:
    """ENV of the image's final stage (what every container starts with)."""
    env: dict[str, str] = {}
    for keyword, args in _dockerfile_stages()[-1]:
        if keyword != "ENV":
            continue
        tokens = shlex.split(args)
        if tokens and "=" not in tokens[0]:  # legacy form: ENV KEY value with spaces
            env[tokens[0]] = " ".join(tokens[1:])
        else:
            env.update(token.split("=", 1) for token in tokens)
    return env


def _pip_installs() -> list[list[str]]:
    """Arguments of every `pip install` the Dockerfile runs, in order."""
    installs: list[list[str]] = []
    for stage in _dockerfile_stages():
        for keyword, args in stage:
            if keyword != "RUN":
                continue
            command: list[str] = []
            for token in shlex.split(args) + ["&&"]:
                if token in {"&&", "||", ";", "|"}:
                    names = [PurePosixPath(t).name for t in command]
                    for i, name in enumerate(names[:-1]):
                        if name.startswith("pip") and names[i + 1] == "install":
                            installs.append(command[i + 2 :])
                            break
                    command = []
                else:
                    command.append(token)
    return installs


def _requirement_files(args: list[str]) -> list[str]:
    files = []
    for i, arg in enumerate(args):
        if arg in {"-r", "--requirement"} and i + 1 < len(args):
            files.append(args[i + 1])
        elif arg.startswith("--requirement="):
            files.append(arg.split("=", 1)[1])
        elif arg.startswith("-r") and len(arg) > 2:
            files.append(arg[2:])
    return files


# ---- settings: env var names against the model


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The BaseModel an annotation holds (directly or inside Optional/Union), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        model = _nested_model(arg)
        if model is not None:
            return model
    return None


def _settings_field(name: str) -> tuple[tuple[str, ...], Any]:
    """Attribute path and annotation of the settings field an env var sets; fails if none."""
    from services.config import Settings

    assert name.startswith(ENV_PREFIX), name
    case_sensitive = Settings.model_config.get("case_sensitive", False)
    delimiter = Settings.model_config.get("env_nested_delimiter") or "__"
    rest = name[len(ENV_PREFIX) :]
    parts = tuple(p if case_sensitive else p.lower() for p in rest.split(delimiter))
    model: type[BaseModel] = Settings
    for depth, part in enumerate(parts):
        fields = model.model_fields
        if part not in fields:
            where = ".".join(parts[:depth]) or "Settings"
            pytest.fail(f"{name}: {where} has no field {part!r} (fields: {sorted(fields)})")
        annotation = fields[part].annotation
        if depth == len(parts) - 1:
            return parts, annotation
        nested = _nested_model(annotation)
        if nested is None:
            pytest.fail(f"{name}: {'.'.join(parts[: depth + 1])} is a value, not a section")
        model = nested
    pytest.fail(f"{name}: names no field")


def _expected(annotation: Any, raw: str) -> Any:
    adapter = TypeAdapter(annotation)
    if _nested_model(annotation) is not None:  # a whole section given as JSON
        return adapter.validate_json(raw)
    return adapter.validate_python(raw)


def _assert_env_reaches_settings(env: dict[str, str | None], monkeypatch: pytest.MonkeyPatch) -> None:
    from services.config import Settings

    ours = {k: v for k, v in env.items() if k.upper().startswith(ENV_PREFIX)}
    for key, value in ours.items():
        assert value is not None, f"{key} has no value (would be taken from the host's shell)"
    fields = {key: _settings_field(key) for key in ours}

    for key in list(os.environ):
        if key.upper().startswith(ENV_PREFIX):
            monkeypatch.delenv(key)
    for key, value in ours.items():
        monkeypatch.setenv(key, value)
    settings = Settings()

    for key, (path, annotation) in fields.items():
        actual = functools.reduce(getattr, path, settings)
        expected = _expected(annotation, ours[key])
        assert actual == expected, f"{key}={ours[key]!r} gave settings.{'.'.join(path)} = {actual!r}"


# ------------------------------------------------------------ (a) the schema


def _validator_class(schema: dict[str, Any]) -> type:
    """The validator of the draft the schema declares (http/https and a trailing '#' alike)."""

    def norm(uri: str) -> str:
        return uri.split("://", 1)[-1].rstrip("#").rstrip("/")

    declared = norm(schema["$schema"])
    for cls in (
        jsonschema.Draft4Validator,
        jsonschema.Draft6Validator,
        jsonschema.Draft7Validator,
        jsonschema.Draft201909Validator,
        jsonschema.Draft202012Validator,
    ):
        meta = cls.META_SCHEMA
        if norm(meta.get("$id") or meta.get("id")) == declared:
            return cls
    raise AssertionError(f"unknown $schema {schema['$schema']!r}")


def test_compose_file_matches_compose_spec() -> None:
    schema = json.loads(COMPOSE_SCHEMA.read_text(encoding="utf-8"))
    cls = _validator_class(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema).iter_errors(COMPOSE), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(
        f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in errors
    )


def test_compose_shares_project_settings_through_an_anchor() -> None:
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    assert "x-newsingest" in COMPOSE and "&newsingest" in text
    assert text.count("dockerfile:") == 1, "the build section should be written once, in the anchor"


# ----------------------------------------------------------------- (b) Kafka


def test_kafka_is_a_one_node_kraft_cluster() -> None:
    kafka = SERVICES["kafka"]
    assert kafka.get("image") == KAFKA_IMAGE
    assert "build" not in kafka
    env = _environment(kafka)

    for prop, value in ONE_NODE_SETTINGS.items():
        var = "KAFKA_" + prop.upper().replace(".", "_")
        assert env.get(var) == value, f"{var} (the image's name for {prop}) should be {value}"

    roles = set((env.get("KAFKA_PROCESS_ROLES") or "").split(","))
    assert roles == {"broker", "controller"}
    node_id = env.get("KAFKA_NODE_ID")
    voters = (env.get("KAFKA_CONTROLLER_QUORUM_VOTERS") or "").split(",")
    assert node_id and len(voters) == 1 and voters[0].startswith(f"{node_id}@")
    controller = env.get("KAFKA_CONTROLLER_LISTENER_NAMES")
    assert controller and f"{controller}:" in env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "")
    assert f"{controller}://" in env.get("KAFKA_LISTENERS", "")


def test_kafka_healthcheck_waits_for_metadata() -> None:
    test = SERVICES["kafka"]["healthcheck"]["test"]
    argv = shlex.split(test) if isinstance(test, str) else test
    assert argv[0] in {"CMD", "CMD-SHELL"}
    command = " ".join(argv[1:])
    assert "/opt/kafka/bin/kafka-broker-api-versions.sh" in command
    assert "--bootstrap-server localhost:9092" in command


def test_project_broker_is_an_advertised_kafka_listener() -> None:
    advertised = _environment(SERVICES["kafka"]).get("KAFKA_ADVERTISED_LISTENERS", "")
    addresses = {listener.split("://", 1)[1] for listener in advertised.split(",") if "://" in listener}
    for name in PROJECT_SERVICES:
        broker = _environment(SERVICES[name]).get("NEWSINGEST_KAFKA__BROKER")
        assert broker, f"{name} does not set NEWSINGEST_KAFKA__BROKER"
        for server in broker.split(";"):
            assert server.split("://", 1)[-1] in addresses, f"{name}: {server} is not advertised by kafka"


# -------------------------------------------- (c) the project's containers


def test_all_stages_and_topic_job_are_deployed() -> None:
    commands = {name: _command(SERVICES[name]) for name in PROJECT_SERVICES}
    for stage in STAGES:
        assert commands.get(stage) == ["worker", stage], f"service {stage} should run `worker {stage}`"
    assert commands.get("topics") == ["topics", "create"]
    for name in PROJECT_SERVICES:
        assert _dockerfile_of(SERVICES[name]) == DOCKERFILE.resolve(), name
        assert "entrypoint" not in SERVICES[name], f"{name} overrides the image's entry point"


def test_workers_start_after_kafka_and_topics() -> None:
    assert _depends_on(SERVICES["topics"]).get("kafka") == "service_healthy"
    assert SERVICES["topics"].get("restart", "no") == "no", "the topic job is one-shot"
    for stage in STAGES:
        svc = SERVICES[stage]
        deps = _depends_on(svc)
        assert deps.get("kafka") == "service_healthy", stage
        assert deps.get("topics") == "service_completed_successfully", stage
        assert svc.get("restart") in {"always", "unless-stopped", "on-failure"}, stage


def test_each_worker_has_its_own_data_volume() -> None:
    seen: dict[str, str] = {}
    for stage in STAGES:
        svc = SERVICES[stage]
        data_dir = _environment(svc).get("NEWSINGEST_WORKER__DATA_DIR") or _dockerfile_env().get(
            "NEWSINGEST_WORKER__DATA_DIR"
        )
        assert data_dir, f"{stage}: no data dir is set"
        mounts = {}
        for volume in svc.get("volumes") or []:
            if isinstance(volume, str):
                source, target = volume.split(":")[:2]
            else:
                source, target = volume.get("source"), volume["target"]
            mounts[target] = source
        assert data_dir in mounts, f"{stage}: nothing is mounted on its data dir {data_dir}"
        source = mounts[data_dir]
        assert source in (COMPOSE.get("volumes") or {}), f"{stage}: {source} is not a named volume"
        assert source not in seen, f"{stage} shares volume {source} with {seen.get(source)}"
        seen[source] = stage


@pytest.mark.parametrize("name", PROJECT_SERVICES)
def test_command_parses(name: str) -> None:
    from services.tools.cli import build_parser

    command = _command(SERVICES[name])
    assert command, f"{name} has no command"
    try:
        build_parser().parse_args(command)
    except SystemExit as exc:
        pytest.fail(f"{name}: `{ENTRYPOINT} {' '.join(command)}` is rejected by the CLI (exit {exc.code})")


def test_parser_rejects_unknown_stage() -> None:
    """Guards the check above: a parser that accepted anything would prove nothing."""
    from services.tools.cli import build_parser

    with pytest.raises(SystemExit):
        build_parser().parse_args(["worker", "nonsense"])


@pytest.mark.parametrize("name", PROJECT_SERVICES)
def test_environment_names_real_settings(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    env = _environment(SERVICES[name])
    assert any(k.startswith(ENV_PREFIX) for k in env), f"{name} sets no {ENV_PREFIX}* variable"
    _assert_env_reaches_settings(env, monkeypatch)


def test_image_environment_names_real_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    _assert_env_reaches_settings(_dockerfile_env(), monkeypatch)


def test_settings_walk_catches_misspelt_names() -> None:
    """Guards the checks above against a walk that accepts anything."""
    for bad in (
        "NEWSINGEST_KAFKA__BROKERS",
        "NEWSINGEST_KAFKA_BROKER",
        "NEWSINGEST_WORKER__DATA_DIR__X",
        "NEWSINGEST_NOPE",
    ):
        with pytest.raises(pytest.fail.Exception):
            _settings_field(bad)
    assert _settings_field("NEWSINGEST_KAFKA__TOPICS__PREFIX")[0] == ("kafka", "topics", "prefix")


def test_entrypoint_is_the_declared_console_script() -> None:
    scripts = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts.get(ENTRYPOINT) == "services.tools.cli:main"


# ----------------------------------------------------------- (d) Dockerfile


def test_dockerfile_entrypoint() -> None:
    final = _dockerfile_stages()[-1]
    entrypoints = [args for keyword, args in final if keyword == "ENTRYPOINT"]
    assert entrypoints, "the final stage has no ENTRYPOINT"
    assert _exec_form("ENTRYPOINT", entrypoints[-1]) == [ENTRYPOINT]


def test_dockerfile_installs_only_the_hashed_lock_then_the_project() -> None:
    installs = _pip_installs()
    locked = [i for i, args in enumerate(installs) if LOCK_FILE in map(_basename, _requirement_files(args))]
    assert locked, f"no `pip install -r {LOCK_FILE}`"
    for i in locked:
        assert "--require-hashes" in installs[i], f"`pip install {' '.join(installs[i])}` lacks --require-hashes"
    project = [i for i, args in enumerate(installs) if "--no-deps" in args]
    assert project, "the project is not installed with --no-deps"
    assert min(locked) < min(project), "the lock must be installed before the project"
    for i, args in enumerate(installs):
        assert i in locked or i in project, f"`pip install {' '.join(args)}` is neither hashed nor --no-deps"

    copies = [args for stage in _dockerfile_stages() for keyword, args in stage if keyword == "COPY"]
    assert any(LOCK_FILE in shlex.split(args) for args in copies), f"{LOCK_FILE} is never copied in"


def _basename(path: str) -> str:
    return PurePosixPath(path).name


def test_dockerfile_runtime_stage() -> None:
    stages = _dockerfile_stages()
    names = set()
    for stage in stages:
        tokens = stage[0][1].split()
        base = [t for t in tokens if not t.startswith("--")][0]
        assert base in names or base == PYTHON_BASE, f"unexpected base image {base}"
        if len(tokens) >= 3 and tokens[-2].upper() == "AS":
            names.add(tokens[-1])

    final = stages[-1]
    users = [args for keyword, args in final if keyword == "USER"]
    assert users, "the image runs as root"
    assert users[-1].split(":")[0] not in {"root", "0"}, "the image runs as root"
    volumes = [v for keyword, args in final if keyword == "VOLUME" for v in _volume_args(args)]
    assert "/data" in volumes
    exposed = [p.split("/")[0] for keyword, args in final if keyword == "EXPOSE" for p in args.split()]
    assert "6066" in exposed


def _volume_args(args: str) -> list[str]:
    return json.loads(args) if args.startswith("[") else args.split()


def test_dockerignore_keeps_local_state_out() -> None:
    patterns = {
        line.strip().strip("/")
        for line in DOCKERIGNORE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    for required in (".venv", ".local-kafka", ".newsingest-data", ".git", "bench/reports", "tests"):
        assert required in patterns, f".dockerignore does not exclude {required}"
    for needed in (LOCK_FILE, "pyproject.toml", "services"):
        assert needed not in patterns, f".dockerignore excludes {needed}, which the build needs"


# -------------------------------------------------- (e) the runtime lock


def _locked(path: Path) -> dict[str, str]:
    """Package → pinned version of a pip-compile lock file."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith((" ", "#")):
            name, version = line.split(" ")[0].split("==")
            pins[name.lower().replace("_", "-")] = version
    return pins


def _requirement_name(requirement: str) -> str:
    return requirement.split(";")[0].split("[")[0].split(">")[0].split("<")[0].split("=")[0].strip().lower()


def test_runtime_lock_carries_no_test_dependency() -> None:
    """The image installs requirements.lock only: the test extra lives in requirements-dev.lock, under the same pins."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    runtime, dev = _locked(ROOT / LOCK_FILE), _locked(ROOT / "requirements-dev.lock")
    for requirement in project["dependencies"]:
        assert _requirement_name(requirement) in runtime, f"{requirement} is not in {LOCK_FILE}"
    test_only = {_requirement_name(r) for r in project["optional-dependencies"]["test"]}
    assert "pytest" in test_only
    assert not test_only & runtime.keys(), f"{LOCK_FILE} carries test dependencies: {sorted(test_only & runtime.keys())}"
    assert test_only <= dev.keys()
    assert {name: dev[name] for name in runtime} == runtime, "the two locks pin the runtime dependencies differently"


# ------------------------------------------------ (f) health and stopping


def _seconds(duration: str) -> float:
    """A Compose duration (``1m30s``, ``60s``, ``500ms``) in seconds."""
    parts = re.findall(r"(\d+(?:\.\d+)?)(ms|h|m|s)", duration)
    assert parts and "".join(value + unit for value, unit in parts) == duration, f"not a duration: {duration!r}"
    return sum(float(value) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[unit] for value, unit in parts)


@pytest.mark.parametrize("stage", STAGES)
def test_workers_report_health_through_their_pages(stage: str) -> None:
    from services.runtime.probe import main as probe

    svc = SERVICES[stage]
    test = svc["healthcheck"]["test"]
    assert test[0] == "CMD", "exec form: no shell in the way"
    assert test[1:4] == ["python", "-m", "services.runtime.probe"]
    assert {"/live", "/ready"} <= set(test[4:])
    # The probe's own parser takes the arguments (it exits 2 on unknown ones, before any request).
    with pytest.raises(SystemExit) as parsed:
        probe([*test[4:], "--help"])
    assert parsed.value.code == 0
    env = {**_dockerfile_env(), **{k: v for k, v in _environment(svc).items() if v is not None}}
    assert env.get("NEWSINGEST_WORKER__WEB_BIND") == "0.0.0.0", f"{stage}'s endpoint listens on loopback only"
    assert env.get("NEWSINGEST_WORKER__WEB_PORT") == "6066"
    assert _seconds(svc["healthcheck"]["start_period"]) >= 60, "the enricher's model and a restore need time"


@pytest.mark.parametrize("stage", STAGES)
def test_workers_have_time_to_stop_cleanly(stage: str) -> None:
    # Compose's default is 10 s: short for an enricher finishing its batch, then every worker flushing its
    # changelog writes and leaving the group; a worker killed meanwhile restores its tables at its next start.
    grace = _seconds(SERVICES[stage].get("stop_grace_period", "10s"))
    assert grace >= 30, f"{stage} is killed before a clean stop can finish"
