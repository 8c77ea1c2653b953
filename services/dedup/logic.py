"""The dedup stage: every clean article gets a verdict; only unique ones flow on."""

from __future__ import annotations

from services.dedup.index import DuplicateIndex
from services.messages import CleanArticle, DedupStatus
from services.outputs import Output


def process(article: CleanArticle, index: DuplicateIndex) -> list[Output]:
    verdict = index.check(article)
    outputs = [Output("verdicts", article.article_id, verdict)]
    if verdict.status is DedupStatus.UNIQUE:
        outputs.append(Output("unique", article.article_id, article))
    return outputs
