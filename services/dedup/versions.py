"""Which of two deliveries of one ``article_id`` is the newer version of the article.

Wire items number their versions (ninjs ``version``, NewsML ``RevisionId``);
without numbers, the time each version was made orders them; a feed that sends
neither can still withdraw an article by sending it again with a new
publication status. Anything else re-delivered is the same article again.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from services.contract.messages import CleanArticle, PubStatus

WITHDRAWN = frozenset({PubStatus.WITHHELD, PubStatus.CANCELED})


class VersionStamp(BaseModel):
    """What dedup remembers of the latest version of an article it decided."""

    model_config = ConfigDict(frozen=True)

    version: int | None = None
    version_created: datetime | None = None
    withdrawn: bool = False

    @classmethod
    def of(cls, article: CleanArticle) -> VersionStamp:
        return cls(version=article.version, version_created=article.version_created,
                   withdrawn=is_withdrawal(article))


def is_withdrawal(article: CleanArticle) -> bool:
    return article.pub_status in WITHDRAWN


def is_newer(article: CleanArticle, than: VersionStamp) -> bool:
    """An equal or older version is a re-delivery, whatever else changed in it."""
    if article.version is not None and than.version is not None:
        return article.version > than.version
    if article.version_created is not None and than.version_created is not None:
        return article.version_created > than.version_created
    return is_withdrawal(article) != than.withdrawn
