"""The local broker script (deploy/local-kafka/localkafka.py): its cluster ids and the settings each start writes."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[2] / "deploy" / "local-kafka" / "localkafka.py"


def _script() -> ModuleType:
    """The script as a module of its own (it is no package's)."""
    spec = importlib.util.spec_from_file_location("localkafka", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cluster_ids_never_start_with_a_dash_the_storage_tool_would_read_as_an_option() -> None:
    localkafka = _script()
    # Without the rule one id in 64 starts with "-": 2,000 draws would all miss it with chance 2e-14.
    ids = [localkafka._kafka_cluster_id() for _ in range(2000)]
    assert not [cluster_id for cluster_id in ids if cluster_id.startswith("-")]
    assert {len(cluster_id) for cluster_id in ids} == {22}


def test_every_start_writes_the_ports_it_was_given(tmp_path, monkeypatch) -> None:
    """A checkout first started on one port and then on another ran its broker on the first while the script waited
    for the second: the settings are written at each start, and a running broker's port is read back from them."""
    localkafka = _script()
    monkeypatch.setattr(localkafka, "STATE_DIR", tmp_path)
    monkeypatch.setattr(localkafka, "CONFIG_FILE", tmp_path / "server.properties")
    for port in (29092, 39092):
        monkeypatch.setattr(localkafka, "PORT", port)
        monkeypatch.setattr(localkafka, "CONTROLLER_PORT", port + 1)
        localkafka.write_config()
        assert localkafka.configured_port() == port
        assert f"CONTROLLER://127.0.0.1:{port + 1}" in (tmp_path / "server.properties").read_text()
