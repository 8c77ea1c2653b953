"""A worker keeps its tables' local state (RocksDB) across a restart only when its last run stopped cleanly.

A table write lands in the local store at once and in its changelog only later, after the event's outputs
(services.runtime.faust_fixes, 6). A worker killed in between leaves a store ahead of its changelog and of its outputs:
restarted on it, faust reads the changelog on from the store's own offsets and keeps what was never published,
and the event, delivered again, finds its work done (measured: three articles without a verdict, their pending
rows gone from the restarted dedup worker's store but not from its changelog). So the store is discarded unless
the last run stopped with every changelog write acknowledged, and the tables are restored from their changelogs,
as on a worker that takes the partitions over on another machine.
"""

from __future__ import annotations

import shutil
from pathlib import Path

CLEAN_STOP_MARKER = "stopped-cleanly"


def discard_unless_stopped_cleanly(data_dir: Path, table_dir: Path) -> bool:
    """Remove ``table_dir`` unless ``data_dir`` holds the clean-stop marker; the marker is used up either way, so a
    run that does not stop cleanly leaves none. Whether local state was discarded."""
    marker = data_dir / CLEAN_STOP_MARKER
    stopped_cleanly = marker.exists()
    marker.unlink(missing_ok=True)
    if stopped_cleanly or not table_dir.exists() or not any(table_dir.iterdir()):
        return False
    shutil.rmtree(table_dir)
    return True


def mark_stopped_cleanly(data_dir: Path) -> None:
    (data_dir / CLEAN_STOP_MARKER).touch()
