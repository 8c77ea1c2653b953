"""Stage 2, partitioned by bucket: who in the probed buckets matches the newcomer, and whom the newcomer precedes.

A bucket row holds its members in arrival order, bounded by the time window and
by ``max_bucket_members``. The answer lists only *earlier* matching members (in
the total order of first seen, then id). When the newcomer is earlier than a
member that arrived before it (copies racing through different partitions),
that member gets a late-match notice so its verdict can still change.

A probe drops the expired members of the rows it reads; a sweep (the worker's clock, once a
minute) does the same for the rows its partition wrote a window ago (``ExpiryIndex``) and
deletes the rows left empty, so buckets nobody probes again do not stay forever, and no
sweep reads more than what expires.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from datetime import datetime, timedelta
from typing import Any

from services.common.expiry import ExpiryIndex
from services.config import DedupOptions
from services.contract.outputs import Output
from services.dedup.minhash import sketch_similarity
from services.dedup.protocol import Answer, BucketEntry, BucketInput, BucketRow, LateMatch, Match, Member, Probe, Sweep
from services.dedup.signing import EXACT_PREFIX

BucketTable = MutableMapping[str, dict[str, Any]]
"""bucket key → ``BucketRow`` as a JSON-ready dict (a Faust table in the worker, a dict in the embedded mode)."""


def handle_bucket_input(message: BucketInput, *, partition: int, buckets: BucketTable, expiry: ExpiryIndex,
                        options: DedupOptions) -> list[Output]:
    match message:
        case Probe():
            return answer_probe(message, partition, buckets, expiry, options)
        case Sweep():
            sweep(message.at, partition, buckets, expiry, options)
            return []
    raise TypeError(f"not a bucket input: {message!r}")


def sweep(at: datetime, partition: int, buckets: BucketTable, expiry: ExpiryIndex, options: DedupOptions) -> None:
    """Forget the members of ``partition``'s rows that are older than the window; delete emptied rows."""
    horizon = at - timedelta(days=options.window_days)
    for key in expiry.pop_due(partition, horizon):
        row = buckets.get(key)
        if row is None or row["partition"] != partition:
            continue  # deleted already; or another partition's row, whose tombstone belongs in its changelog
        kept = [entry for entry in row["members"] if datetime.fromisoformat(entry["member"]["seen_at"]) >= horizon]
        if not kept:
            del buckets[key]
        elif len(kept) < len(row["members"]):
            buckets[key] = {**row, "members": kept}


def answer_probe(probe: Probe, partition: int, buckets: BucketTable, expiry: ExpiryIndex,
                 options: DedupOptions) -> list[Output]:
    """One answer for all of the probe's buckets, and one late-match notice per later member it precedes."""
    horizon = probe.seen_at - timedelta(days=options.window_days)
    newcomer_order = (probe.seen_at, probe.article_id)
    rows: dict[str, list[BucketEntry]] = {}
    earlier: dict[str, Match] = {}
    later: dict[str, list[tuple[int, float, bool]]] = {}
    redelivered: set[str] = set()
    matched: set[str] = set()
    changed: set[str] = set()  # rows that lost expired members, or whose members learnt an earlier root
    for bucket in probe.buckets:
        exact = bucket.startswith(EXACT_PREFIX)
        row = buckets.get(bucket)
        stored_entries = BucketRow.model_validate(row).members if row is not None else []
        entries = [entry for entry in stored_entries if entry.member.seen_at >= horizon]
        if len(entries) < len(stored_entries):
            changed.add(bucket)
        rows[bucket] = entries
        for position, entry in enumerate(entries):
            if entry.member.article_id == probe.article_id:
                redelivered.add(bucket)
                continue
            similarity = 1.0 if exact else sketch_similarity(probe.sketch, entry.sketch)
            if similarity < options.threshold:
                continue
            if entry.member.order < newcomer_order:
                matched.add(bucket)
                _combine(earlier, Match(member=entry.member, similarity=similarity, exact=exact))
            else:
                later.setdefault(bucket, []).append((position, similarity, exact))

    root = min((match.member for match in earlier.values()), key=lambda m: m.root_order, default=None)
    newcomer = Member(
        article_id=probe.article_id,
        seen_at=probe.seen_at,
        root_id=root.root_id if root else probe.article_id,
        root_seen_at=root.root_seen_at if root else probe.seen_at,
    )
    notices: dict[str, Match] = {}
    for bucket, positions in later.items():
        entries = rows[bucket]
        for position, similarity, exact in positions:
            member = entries[position].member
            if newcomer.root_order < member.root_order:
                changed.add(bucket)
                entries[position] = entries[position].model_copy(
                    update={"member": member.model_copy(update={"root_id": newcomer.root_id,
                                                                "root_seen_at": newcomer.root_seen_at})}
                )
            _combine(notices, Match(member=newcomer, similarity=similarity, exact=exact), member.article_id)

    admitted: list[str] = []
    for bucket, entries in rows.items():
        kept = entries
        if bucket not in redelivered:
            # The exact key's members need no sketch: a shared key is the match.
            stored = "" if bucket.startswith(EXACT_PREFIX) else probe.sketch
            kept = _admit(entries, BucketEntry(member=newcomer, sketch=stored), bucket in matched, options)
        if kept is not entries:
            admitted.append(bucket)
        if kept is not entries or bucket in changed:
            # An unchanged row is not written: a full bucket flooded with copies costs no changelog traffic.
            buckets[bucket] = BucketRow(partition=partition, members=kept).model_dump(mode="json")
    expiry.record(partition, probe.seen_at, admitted)

    answer = Answer(article_id=probe.article_id, partition=partition, matches=_verdict_evidence(earlier.values()))
    return [
        Output("dedup_decisions", probe.article_id, answer),
        *(Output("dedup_decisions", article_id, LateMatch(article_id=article_id, match=match))
          for article_id, match in notices.items()),
    ]


def _verdict_evidence(matches: Iterable[Match]) -> list[Match]:
    """What the verdict needs of the matches: the one with the earliest root, and an exact one if that is not.
    A flooded bucket matches dozens of members; the answer stays two matches long."""
    ranked = sorted(matches, key=lambda match: match.member.root_order)
    if not ranked:
        return []
    exact = next((match for match in ranked if match.exact), None)
    return [ranked[0]] if exact is None or exact is ranked[0] else [ranked[0], exact]


def _combine(matches: dict[str, Match], match: Match, key: str | None = None) -> None:
    key = key or match.member.article_id
    matches[key] = matches[key].combined(match) if key in matches else match


def _admit(entries: list[BucketEntry], newcomer: BucketEntry, matched: bool, options: DedupOptions) -> list[BucketEntry]:
    """Add the newcomer within the bound (``entries`` itself when it is not stored). A full bucket keeps its earliest members, which every later copy
    matches anyway; a newcomer that matched is already represented by them and is not stored."""
    if len(entries) < options.max_bucket_members:
        return [*entries, newcomer]
    if matched:
        return entries
    # A full bucket of distinct articles (a boilerplate collision): the oldest gives way.
    return [*entries[1:], newcomer]
