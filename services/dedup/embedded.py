"""The dedup stage in memory (``services/dedup/stage.py`` on ``services/runtime/in_memory.py``): the embedded mode,
and the reference the benchmarks measure.

Each article's verdict is emitted once its answers are in (a settle tick at its own event time plus the settle
window), so the result depends on input order only.
"""

from __future__ import annotations

from datetime import datetime

from services.common.expiry import ExpiryIndex
from services.config import DEDUP_TABLES, DedupOptions
from services.contract.messages import CleanArticle, DedupVerdict
from services.contract.outputs import Output
from services.dedup.stage import EXPIRY_CLOCK, dedup_stage
from services.runtime.in_memory import InMemoryStage


class EmbeddedDedup:
    def __init__(self, options: DedupOptions) -> None:
        # One probes partition: every bucket in one table, as a single worker holds them.
        self._stage = InMemoryStage(lambda table: dedup_stage(table, options, partitions=1))
        self.buckets, self.pending, self.decided, bucket_expiry, decided_expiry = (
            self._stage.table(name) for name in DEDUP_TABLES
        )
        self.bucket_expiry, self.decided_expiry = ExpiryIndex(bucket_expiry), ExpiryIndex(decided_expiry)

    def process(self, article: CleanArticle) -> list[Output]:
        """What the dedup stage publishes (verdicts, unique articles) for one clean article."""
        return self._stage.process(article, now=article.received_at)

    def expire(self, at: datetime) -> list[Output]:
        """Forget what is older than the window at ``at`` (the stage's expiry clock), now."""
        return self._stage.run_clock(EXPIRY_CLOCK, at)

    def check(self, article: CleanArticle) -> DedupVerdict:
        """The article's own verdict (corrections of other articles' verdicts are left out)."""
        for output in self.process(article):
            if isinstance(output.value, DedupVerdict) and output.value.article_id == article.article_id:
                return output.value
        raise AssertionError(f"no verdict for {article.article_id}")

