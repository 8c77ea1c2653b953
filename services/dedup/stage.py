"""The dedup stage, declared once for the worker and the in-memory runner (``services/runtime/stage.py``).

news.articles.clean ─► sign ─► news.dedup.probes (by band:bucket) ─► answer ─► news.dedup.decisions (by article)
                          └──────────── registration ─────────────────────────────────► decide ─► verdicts, unique

Bucket rows and pending/decided verdicts live in tables (changelog-backed in a worker), so a worker that restarts,
or takes over partitions, carries on from the same state. A settle clock sends each owned decisions partition a
tick, the clock of the settle window; once a minute an expiry clock sends each owned probes partition a sweep and
each decisions partition a tick that also forgets old verdicts, the clock of the 7-day window.
"""

from __future__ import annotations

from datetime import datetime

from services.common.expiry import ExpiryIndex
from services.config import DEDUP_TABLES, DedupOptions
from services.contract.codec import decode_message
from services.contract.messages import CleanArticle
from services.contract.outputs import Output
from services.dedup.buckets import handle_bucket_input
from services.dedup.decision import decide
from services.dedup.pending_rows import PendingRows
from services.dedup.protocol import BUCKET_INPUT, DECISION_INPUT, Sweep, Tick
from services.dedup.signing import sign
from services.runtime.stage import Clock, Route, StageDefinition, TableFactory

# Forgetting expired verdicts and bucket members scans the tables: once a minute is enough for a 7-day window.
EXPIRE_EVERY_S = 60.0
EXPIRY_CLOCK = "expire_old_rows"


def dedup_stage(table: TableFactory, options: DedupOptions, partitions: int) -> StageDefinition:
    if options.num_perm % options.bands:
        raise ValueError(f"num_perm {options.num_perm} is not a multiple of bands {options.bands}")
    buckets, pending_table, decided, bucket_expiry_rows, decided_expiry_rows = (table(name) for name in DEDUP_TABLES)
    pending = PendingRows(pending_table)
    bucket_expiry, decided_expiry = ExpiryIndex(bucket_expiry_rows), ExpiryIndex(decided_expiry_rows)

    def settle_ticks(now: datetime) -> list[Output]:
        return [Output("dedup_decisions", "tick", Tick(at=now))]

    def expiry_sweeps(now: datetime) -> list[Output]:
        return [Output("dedup_probes", "sweep", Sweep(at=now)),
                Output("dedup_decisions", "tick", Tick(at=now, expire=True))]

    return StageDefinition(
        stage="dedup",
        routes=(
            Route("sign_articles", "clean", lambda value: decode_message(CleanArticle, value),
                  lambda article, _partition, _now: sign(article, options, partitions)),
            Route("answer_probes", "dedup_probes", BUCKET_INPUT.validate_json,
                  lambda message, partition, _now: handle_bucket_input(
                      message, partition=partition, buckets=buckets, expiry=bucket_expiry, options=options)),
            Route("decide_verdicts", "dedup_decisions", DECISION_INPUT.validate_json,
                  lambda message, partition, now: decide(
                      message, partition=partition, now=now, pending=pending, decided=decided,
                      expiry=decided_expiry, options=options)),
        ),
        emits=("verdicts", "unique"),
        tables=DEDUP_TABLES,
        clocks=(
            # Expiry first: in memory, an input's own settle tick then finds the tables already swept.
            Clock(EXPIRY_CLOCK, EXPIRE_EVERY_S, expiry_sweeps),
            Clock.settling("send_ticks", options.settle_s, settle_ticks),
        ),
        on_revoked=pending.forget_index,
    )
