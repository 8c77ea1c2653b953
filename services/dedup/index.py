"""An in-memory duplicate index: exact fingerprints plus LSH buckets, bounded by time and size.

One index sees every article it is given in order; the band-sharded version that
splits it across workers (DESIGN.md) routes the same bucket keys through Kafka.
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.config import DedupOptions
from services.dedup.minhash import Signature, band_buckets, signature
from services.dedup.shingles import dedup_tokens, exact_fingerprint, word_shingles
from services.messages import CleanArticle, DedupStatus, DedupVerdict


@dataclass(frozen=True, slots=True)
class _Member:
    article_id: str
    group_root: str
    """The first-seen article of this member's duplicate group."""
    seen_at: datetime
    fingerprint: str
    signature: Signature
    buckets: list[str]


class DuplicateIndex:
    def __init__(self, options: DedupOptions) -> None:
        if options.num_perm % options.bands:
            raise ValueError(f"num_perm {options.num_perm} is not a multiple of bands {options.bands}")
        self._options = options
        self._window = timedelta(days=options.window_days)
        self._members: OrderedDict[str, _Member] = OrderedDict()
        self._by_fingerprint: defaultdict[str, list[str]] = defaultdict(list)
        """fingerprint → remembered members with that text, oldest first: copies outlive an expired original."""
        self._by_bucket: defaultdict[str, list[str]] = defaultdict(list)

    def __len__(self) -> int:
        return len(self._members)

    def check(self, article: CleanArticle) -> DedupVerdict:
        """Decide about ``article`` and remember it.

        An article_id seen before (the feed re-sent it) is an exact duplicate of its group's first
        member, which is the article itself when it was unique: it must not flow on a second time.
        """
        self._expire(article.received_at)
        known = self._members.get(article.article_id)
        if known is not None:
            return self._verdict(article, known.group_root, 1.0, DedupStatus.EXACT_DUPLICATE)

        tokens = dedup_tokens(article.text)
        fingerprint = exact_fingerprint(tokens)
        sig = signature(word_shingles(tokens, self._options.shingle_size), self._options.num_perm)
        buckets = band_buckets(sig, self._options.bands)

        status, root, similarity = DedupStatus.UNIQUE, article.article_id, None
        exact_of = self._by_fingerprint.get(fingerprint)
        if exact_of:
            status, root, similarity = DedupStatus.EXACT_DUPLICATE, self._members[exact_of[0]].group_root, 1.0
        else:
            match = self._best_near_match(sig, buckets)
            if match is not None:
                member, similarity = match
                status, root = DedupStatus.NEAR_DUPLICATE, member.group_root

        self._remember(_Member(article.article_id, root, article.received_at, fingerprint, sig, buckets))
        return self._verdict(article, root if status is not DedupStatus.UNIQUE else None, similarity, status)

    def _best_near_match(self, sig: Signature, buckets: list[str]) -> tuple[_Member, float] | None:
        candidates = {member_id for key in buckets for member_id in self._by_bucket.get(key, ())}
        matches = []
        for member_id in candidates:
            member = self._members[member_id]
            similarity = sig.similarity(member.signature)
            if similarity >= self._options.threshold:
                matches.append((member.seen_at, member.article_id, member, similarity))
        if not matches:
            return None
        # The earliest member wins, in a total order on (first seen, id), so the choice never depends on set order.
        _, _, member, similarity = min(matches, key=lambda match: (match[0], match[1]))
        return member, similarity

    def _remember(self, member: _Member) -> None:
        self._members[member.article_id] = member
        self._by_fingerprint[member.fingerprint].append(member.article_id)
        for key in member.buckets:
            self._by_bucket[key].append(member.article_id)
        while len(self._members) > self._options.max_articles:
            self._forget(next(iter(self._members)))

    def _expire(self, now: datetime) -> None:
        horizon = now - self._window
        while self._members:
            oldest = next(iter(self._members.values()))
            if oldest.seen_at >= horizon:
                break
            self._forget(oldest.article_id)

    def _forget(self, article_id: str) -> None:
        member = self._members.pop(article_id)
        same_text = self._by_fingerprint[member.fingerprint]
        same_text.remove(article_id)
        if not same_text:
            del self._by_fingerprint[member.fingerprint]
        for key in member.buckets:
            bucket = self._by_bucket[key]
            bucket.remove(article_id)
            if not bucket:
                del self._by_bucket[key]

    def _verdict(
        self,
        article: CleanArticle,
        duplicate_of: str | None,
        similarity: float | None,
        status: DedupStatus,
    ) -> DedupVerdict:
        return DedupVerdict(
            article_id=article.article_id,
            source=article.source,
            status=status,
            duplicate_of=duplicate_of,
            similarity=similarity,
            shingle_size=self._options.shingle_size,
            num_perm=self._options.num_perm,
            bands=self._options.bands,
            threshold=self._options.threshold,
        )
