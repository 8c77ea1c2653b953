"""The Kubernetes manifests (deploy/k8s) as ``kubectl apply -k`` would send them, without a cluster.

Each kustomization is rendered with kustomize itself; every object is validated against the Kubernetes API's schemas
(kubernetes-validate, strict: an unknown field is an error, as with ``kubectl apply --validate=strict``) for the
oldest and the newest Kubernetes the manifests claim, and each KEDA ScaledObject against the OpenAPI schema of
KEDA's own CRD, just as strict. Then against the project: the commands the CLI takes, settings that exist, probes on
the pages the worker serves, selectors that select, the scaler's group and topic the stage's.

kustomize and the CRD come from ``make k8s-tools`` (.tools/; ``make test`` and ``make unit-test`` run it and name
them in NEWSINGEST_KUSTOMIZE and NEWSINGEST_KEDA_CRD, and then a missing one fails the run). Run alone without them,
these tests skip, saying so.
"""

from __future__ import annotations

import copy
import functools
import os
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml

from tests.unit.test_compose import _assert_env_reaches_settings

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "deploy" / "k8s"
KUSTOMIZATIONS = ("base", "overlays/local")
KUBERNETES_VERSIONS = ("1.29.0", "1.37.0")
"""The oldest Kubernetes still in wide use that has every field the manifests use, and the newest the validator knows."""
STAGES = ("cleaner", "dedup", "enricher", "stories")
STATELESS = ("cleaner", "enricher")
INPUT_KIND = {"cleaner": "raw", "enricher": "unique"}


def _tool(variable: str, pattern: str) -> Path:
    named = os.environ.get(variable)
    if named:
        path = ROOT / named
        if not path.is_file():
            pytest.fail(f"{variable}={named} does not exist: run `make k8s-tools`")
        return path
    found = sorted((ROOT / ".tools").glob(pattern))
    if not found:
        pytest.skip(f"no {pattern} in .tools/: `make k8s-tools` builds kustomize and fetches KEDA's CRD (needs Go)")
    return found[-1]


@functools.cache
def _render(kustomization: str) -> list[dict[str, Any]]:
    kustomize = _tool("NEWSINGEST_KUSTOMIZE", "kustomize-*")
    result = subprocess.run([str(kustomize), "build", str(K8S / kustomization)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"kustomize build {kustomization}:\n{result.stderr}"
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


@functools.cache
def _scaled_object_schema() -> dict[str, Any]:
    crd = yaml.safe_load(_tool("NEWSINGEST_KEDA_CRD", "keda-*/keda.sh_scaledobjects.yaml").read_text())
    assert crd["spec"]["names"]["kind"] == "ScaledObject"
    (version,) = [v for v in crd["spec"]["versions"] if v["name"] == "v1alpha1"]
    return _strict(version["schema"]["openAPIV3Schema"])


def _strict(schema: Any) -> Any:
    """The CRD's structural schema, rejecting unknown fields as the API server's strict field validation does
    (it would otherwise prune them without a word)."""
    schema = copy.deepcopy(schema)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "properties" in node and "additionalProperties" not in node and not node.get(
                "x-kubernetes-preserve-unknown-fields"
            ):
                node["additionalProperties"] = False
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)
    return schema


def _validate(doc: dict[str, Any]) -> None:
    if doc["apiVersion"].startswith("keda.sh/"):
        assert doc["kind"] == "ScaledObject", f"no schema here for {doc['kind']}"
        jsonschema.Draft4Validator(_scaled_object_schema()).validate(doc)
        # The CRD's one CEL rule (x-kubernetes-validations), which JSON Schema cannot say.
        spec = doc["spec"]
        assert spec.get("minReplicaCount", 0) <= spec.get("maxReplicaCount", 100), doc["metadata"]["name"]
        return
    for version in KUBERNETES_VERSIONS:
        kubernetes_validate.validate(doc, version, strict=True)


def _objects(kustomization: str, kind: str) -> dict[str, dict[str, Any]]:
    return {doc["metadata"]["name"]: doc for doc in _render(kustomization) if doc["kind"] == kind}


def _selects(selector: dict[str, Any], labels: dict[str, str]) -> bool:
    assert set(selector) == {"matchLabels"}, "only matchLabels selectors here"
    return selector["matchLabels"].items() <= labels.items()


def _container(workload: dict[str, Any]) -> dict[str, Any]:
    (container,) = workload["spec"]["template"]["spec"]["containers"]
    return container


def _settings(kustomization: str) -> dict[str, str]:
    (config,) = _objects(kustomization, "ConfigMap").values()
    return dict(config["data"])


# ------------------------------------------------------------------- schemas


@pytest.mark.parametrize("kustomization", KUSTOMIZATIONS)
def test_every_object_validates(kustomization: str) -> None:
    docs = _render(kustomization)
    assert docs
    for doc in docs:
        try:
            _validate(doc)
        except (kubernetes_validate.ValidationError, jsonschema.ValidationError) as error:
            pytest.fail(f"{kustomization}: {doc['kind']}/{doc['metadata']['name']}: {error.message}")


def test_the_validators_reject_what_the_api_server_would() -> None:
    """Guards the check above: a misspelt field, a missing required one, a number where KEDA wants a string."""
    deployment = copy.deepcopy(_objects("base", "Deployment")["cleaner"])
    _container(deployment)["livenesProbe"] = _container(deployment).pop("livenessProbe")
    with pytest.raises(kubernetes_validate.ValidationError):
        _validate(deployment)
    scaled = _objects("base", "ScaledObject")["cleaner"]
    for broken in (
        {**scaled, "spec": {**scaled["spec"], "maxReplicas": 4}},
        {**scaled, "spec": {k: v for k, v in scaled["spec"].items() if k != "scaleTargetRef"}},
        {**scaled, "spec": {**scaled["spec"], "triggers": [
            {**scaled["spec"]["triggers"][0], "metadata": {**scaled["spec"]["triggers"][0]["metadata"],
                                                           "lagThreshold": 500}}]}},
    ):
        with pytest.raises(jsonschema.ValidationError):
            _validate(broken)
    with pytest.raises(AssertionError):
        _validate({**scaled, "spec": {**scaled["spec"], "minReplicaCount": 9}})


# ------------------------------------------------------------- the project


@pytest.mark.parametrize("kustomization", KUSTOMIZATIONS)
def test_a_deployment_per_stage_runs_its_worker(kustomization: str) -> None:
    from services.tools.cli import build_parser

    deployments = _objects(kustomization, "Deployment")
    for stage in STAGES:
        container = _container(deployments[stage])
        assert container["args"] == ["worker", stage]
        build_parser().parse_args(container["args"])
        assert "command" not in container, "the image's entry point (newsingest) runs the arguments"
        assert _selects(deployments[stage]["spec"]["selector"], deployments[stage]["spec"]["template"]["metadata"]
                        ["labels"])
    (job,) = _objects(kustomization, "Job").values()
    assert _container(job)["args"] == ["topics", "create"]
    build_parser().parse_args(_container(job)["args"])


@pytest.mark.parametrize("kustomization", KUSTOMIZATIONS)
def test_settings_come_from_a_configmap_and_a_secret(kustomization: str, monkeypatch: pytest.MonkeyPatch) -> None:
    configs, secrets = _objects(kustomization, "ConfigMap"), _objects(kustomization, "Secret")
    workloads = [*_objects(kustomization, "Deployment").values(), *_objects(kustomization, "Job").values()]
    for workload in workloads:
        if workload["metadata"]["name"] == "kafka":
            continue  # the local overlay's broker
        sources = _container(workload)["envFrom"]
        assert [s["configMapRef"]["name"] for s in sources if "configMapRef" in s] == list(configs)
        assert [s["secretRef"]["name"] for s in sources if "secretRef" in s] == list(secrets)
    # Every variable names a real setting and sets it to what it says.
    _assert_env_reaches_settings(_settings(kustomization), monkeypatch)


@pytest.mark.parametrize("kustomization", KUSTOMIZATIONS)
def test_probes_ask_the_worker_pages_on_its_port(kustomization: str) -> None:
    settings = _settings(kustomization)
    port = int(settings["NEWSINGEST_WORKER__WEB_PORT"])
    assert settings["NEWSINGEST_WORKER__WEB_BIND"] == "0.0.0.0", "probes and Prometheus come from outside the pod"
    for stage in STAGES:
        pod = _objects(kustomization, "Deployment")[stage]["spec"]["template"]
        container = _container({"spec": {"template": pod}})
        ports = {p["name"]: p["containerPort"] for p in container["ports"]}
        assert ports == {"http": port}
        probes = {kind: container[kind]["httpGet"] for kind in ("startupProbe", "livenessProbe", "readinessProbe")}
        assert {kind: probe["path"] for kind, probe in probes.items()} == {
            "startupProbe": "/live", "livenessProbe": "/live", "readinessProbe": "/ready"
        }
        assert all(probe["port"] in ("http", port) for probe in probes.values())
        assert pod["metadata"]["annotations"]["prometheus.io/port"] == str(port)
        assert pod["metadata"]["annotations"]["prometheus.io/path"] == "/metrics"
        assert pod["spec"]["terminationGracePeriodSeconds"] >= 30


@pytest.mark.parametrize("kustomization", KUSTOMIZATIONS)
def test_every_container_asks_for_its_resources(kustomization: str) -> None:
    for kind in ("Deployment", "Job"):
        for name, workload in _objects(kustomization, kind).items():
            resources = _container(workload)["resources"]
            assert {"cpu", "memory"} <= resources["requests"].keys(), name
            assert "memory" in resources["limits"], name


@pytest.mark.parametrize("kustomization", KUSTOMIZATIONS)
def test_each_stage_has_a_disruption_budget_that_lets_a_drain_go_on(kustomization: str) -> None:
    deployments, budgets = _objects(kustomization, "Deployment"), _objects(kustomization, "PodDisruptionBudget")
    for stage in STAGES:
        labels = deployments[stage]["spec"]["template"]["metadata"]["labels"]
        covering = [b for b in budgets.values() if _selects(b["spec"]["selector"], labels)]
        assert len(covering) == 1, f"{stage} is covered by {len(covering)} budgets"
        # minAvailable 1 on a single replica would block every node drain for good.
        assert covering[0]["spec"].get("maxUnavailable", 0) >= 1, stage


@pytest.mark.parametrize("kustomization", KUSTOMIZATIONS)
def test_keda_scales_the_stateless_stages_on_their_own_lag(kustomization: str) -> None:
    from services.config import Settings

    settings = _settings(kustomization)
    kafka = Settings.model_validate({
        "kafka": {"broker": settings["NEWSINGEST_KAFKA__BROKER"], "partitions": settings["NEWSINGEST_KAFKA__PARTITIONS"],
                  "topics": {"prefix": settings["NEWSINGEST_KAFKA__TOPICS__PREFIX"]}},
    }).kafka
    brokers = ",".join(part.removeprefix("kafka://") for part in kafka.broker.split(";"))
    scaled, deployments = _objects(kustomization, "ScaledObject"), _objects(kustomization, "Deployment")
    assert {doc["spec"]["scaleTargetRef"]["name"] for doc in scaled.values()} == set(STATELESS)
    for doc in scaled.values():
        stage = doc["spec"]["scaleTargetRef"]["name"]
        assert doc["spec"]["scaleTargetRef"].get("kind", "Deployment") == "Deployment"
        assert "replicas" not in deployments[stage]["spec"], f"{stage}: an apply would reset what KEDA set"
        assert 1 <= doc["spec"]["minReplicaCount"] <= doc["spec"]["maxReplicaCount"] <= kafka.partitions
        (trigger,) = doc["spec"]["triggers"]
        assert trigger["type"] == "kafka"
        assert trigger["metadata"]["consumerGroup"] == f"{kafka.topics.prefix}{stage}"  # the stage's Faust app id
        assert trigger["metadata"]["topic"] == kafka.topics.name(INPUT_KIND[stage])  # type: ignore[arg-type]
        assert trigger["metadata"]["bootstrapServers"] == brokers
    for stage in set(STAGES) - set(STATELESS):
        assert deployments[stage]["spec"]["replicas"] >= 1


def test_input_topics_agree_with_the_liveness_check() -> None:
    from services.runtime.group_progress import INPUT_TOPICS

    for stage, kind in INPUT_KIND.items():
        assert INPUT_TOPICS[stage] == (kind,)  # type: ignore[index]


def test_the_local_overlay_brings_its_broker() -> None:
    services = _objects("overlays/local", "Service")
    assert "kafka" in services
    docs = _render("overlays/local")
    assert {doc["metadata"].get("namespace") for doc in docs if doc["kind"] != "Namespace"} == {"newsingest"}
    images = {_container(d)["image"] for d in _objects("overlays/local", "Deployment").values()}
    assert images == {"newsingest:local", "apache/kafka:3.9.1"}
    broker = _settings("overlays/local")["NEWSINGEST_KAFKA__BROKER"]
    kafka = _container(_objects("overlays/local", "Deployment")["kafka"])
    advertised = {e["name"]: e["value"] for e in kafka["env"]}["KAFKA_ADVERTISED_LISTENERS"]
    assert broker.removeprefix("kafka://") in advertised
