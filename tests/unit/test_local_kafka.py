"""The local broker script's cluster ids (deploy/local-kafka/localkafka.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "local-kafka" / "localkafka.py"


def test_cluster_ids_never_start_with_a_dash_the_storage_tool_would_read_as_an_option() -> None:
    spec = importlib.util.spec_from_file_location("localkafka", SCRIPT)
    assert spec is not None and spec.loader is not None
    localkafka = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(localkafka)
    # Without the rule one id in 64 starts with "-": 2,000 draws would all miss it with chance 2e-14.
    ids = [localkafka._kafka_cluster_id() for _ in range(2000)]
    assert not [cluster_id for cluster_id in ids if cluster_id.startswith("-")]
    assert {len(cluster_id) for cluster_id in ids} == {22}
