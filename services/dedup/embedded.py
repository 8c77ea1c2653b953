"""The three dedup stages wired in memory: the embedded mode, and the reference the benchmarks measure.

Messages between stages go through the same JSON as on Kafka and are routed by
key to in-memory tables, one article at a time; each article's verdict is
emitted once its answers are in (a tick at its own event time plus the settle
window), so the result depends on input order only. Table rows are ``JsonRows``.
"""

from __future__ import annotations

from collections import deque
from datetime import datetime, timedelta
from typing import Any

from services.common.expiry import ExpiryIndex
from services.config import DedupOptions
from services.contract.messages import CleanArticle, DedupVerdict
from services.contract.outputs import Output
from services.dedup.buckets import answer_probe, sweep
from services.dedup.decision import decide
from services.dedup.protocol import DECISION_INPUT, Probe, Tick
from services.dedup.signing import sign
from services.runtime.json_rows import JsonRows

_PARTITION = 0
_EXPIRY_INTERVAL = timedelta(minutes=1)


class EmbeddedDedup:
    def __init__(self, options: DedupOptions) -> None:
        if options.num_perm % options.bands:
            raise ValueError(f"num_perm {options.num_perm} is not a multiple of bands {options.bands}")
        self._options = options
        self.buckets, self.pending, self.decided = JsonRows(), JsonRows(), JsonRows()
        self.bucket_expiry, self.decided_expiry = ExpiryIndex(JsonRows()), ExpiryIndex(JsonRows())
        self._last_expiry: datetime | None = None

    def process(self, article: CleanArticle) -> list[Output]:
        """What the dedup stage publishes (verdicts, unique articles) for one clean article."""
        now = article.received_at
        published: list[Output] = []
        queue = deque(sign(article, self._options, partitions=1))
        while queue:
            output = queue.popleft()
            _, value = output.encoded()
            if output.topic == "dedup_probes":
                queue.extend(answer_probe(Probe.model_validate_json(value), _PARTITION, self.buckets, self.bucket_expiry,
                                          self._options))
            elif output.topic == "dedup_decisions":
                queue.extend(self._decide(DECISION_INPUT.validate_json(value), now))
            else:
                published.append(output)
        # Like a worker, forget old verdicts and bucket members once a minute (of event time), not at every article.
        expire = self._last_expiry is None or now - self._last_expiry >= _EXPIRY_INTERVAL
        if expire:
            self._last_expiry = now
            sweep(now, _PARTITION, self.buckets, self.bucket_expiry, self._options)
        tick = Tick(at=now + timedelta(seconds=self._options.settle_s), expire=expire)
        return published + self._decide(tick, now)

    def check(self, article: CleanArticle) -> DedupVerdict:
        """The article's own verdict (corrections of other articles' verdicts are left out)."""
        for output in self.process(article):
            if isinstance(output.value, DedupVerdict) and output.value.article_id == article.article_id:
                return output.value
        raise AssertionError(f"no verdict for {article.article_id}")

    def _decide(self, message: Any, now: Any) -> list[Output]:
        return decide(
            message, partition=_PARTITION, now=now, pending=self.pending, decided=self.decided,
            expiry=self.decided_expiry, options=self._options,
        )
