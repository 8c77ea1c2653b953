"""Stage 2, keyed by bucket: who in this bucket matches the newcomer, and whom the newcomer precedes.

A bucket row holds its members in arrival order, bounded by the time window and
by ``max_bucket_members``. The answer lists only *earlier* matching members (in
the total order of first seen, then id). When the newcomer is earlier than a
member that arrived before it (copies racing through different partitions),
that member gets a late-match notice so its verdict can still change.

A probe drops the expired members of the row it reads; a sweep (the worker's clock, once a
minute) does the same for every row of its partition and deletes the rows left empty, so
buckets nobody probes again do not stay forever.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from datetime import datetime, timedelta
from typing import Any

from services.config import DedupOptions
from services.dedup.minhash import sketch_similarity
from services.dedup.protocol import Answer, BucketEntry, BucketInput, BucketRow, LateMatch, Match, Member, Probe, Sweep
from services.dedup.signing import EXACT_PREFIX
from services.outputs import Output

BucketTable = MutableMapping[str, dict[str, Any]]
"""bucket key → ``BucketRow`` as a JSON-ready dict (a Faust table in the worker, a dict in the embedded mode)."""


def handle_bucket_input(message: BucketInput, *, partition: int, buckets: BucketTable,
                        options: DedupOptions) -> list[Output]:
    match message:
        case Probe():
            return answer_probe(message, partition, buckets, options)
        case Sweep():
            sweep(message.at, partition, buckets, options)
            return []
    raise TypeError(f"not a bucket input: {message!r}")


def sweep(at: datetime, partition: int, buckets: BucketTable, options: DedupOptions) -> None:
    """Forget the members of ``partition``'s rows that are older than the window; delete emptied rows."""
    horizon = at - timedelta(days=options.window_days)
    changed: dict[str, list[dict[str, Any]]] = {}
    for key, row in buckets.items():
        if row["partition"] != partition:
            continue  # another partition's row: its tombstone must go to that partition's changelog
        kept = [entry for entry in row["members"] if datetime.fromisoformat(entry["member"]["seen_at"]) >= horizon]
        if len(kept) < len(row["members"]):
            changed[key] = kept
    for key, kept in changed.items():
        if kept:
            buckets[key] = {**buckets[key], "members": kept}
        else:
            del buckets[key]


def answer_probe(probe: Probe, partition: int, buckets: BucketTable, options: DedupOptions) -> list[Output]:
    exact = probe.bucket.startswith(EXACT_PREFIX)
    horizon = probe.seen_at - timedelta(days=options.window_days)
    row = buckets.get(probe.bucket)
    entries = BucketRow.model_validate(row).members if row is not None else []
    entries = [entry for entry in entries if entry.member.seen_at >= horizon]
    newcomer_order = (probe.seen_at, probe.article_id)

    earlier: list[Match] = []
    later: list[tuple[int, float]] = []
    redelivered = False
    for position, entry in enumerate(entries):
        if entry.member.article_id == probe.article_id:
            redelivered = True
            continue
        similarity = 1.0 if exact else sketch_similarity(probe.sketch, entry.sketch)
        if similarity < options.threshold:
            continue
        if entry.member.order < newcomer_order:
            earlier.append(Match(member=entry.member, similarity=similarity, exact=exact))
        else:
            later.append((position, similarity))

    root = min((match.member for match in earlier), key=lambda m: m.root_order, default=None)
    newcomer = Member(
        article_id=probe.article_id,
        seen_at=probe.seen_at,
        root_id=root.root_id if root else probe.article_id,
        root_seen_at=root.root_seen_at if root else probe.seen_at,
    )
    outputs = [Output("dedup_decisions", probe.article_id, Answer(article_id=probe.article_id, bucket=probe.bucket,
                                                                  matches=earlier))]
    for position, similarity in later:
        member = entries[position].member
        if newcomer.root_order < member.root_order:
            entries[position] = entries[position].model_copy(
                update={"member": member.model_copy(update={"root_id": newcomer.root_id,
                                                            "root_seen_at": newcomer.root_seen_at})}
            )
        notice = LateMatch(article_id=member.article_id, match=Match(member=newcomer, similarity=similarity,
                                                                        exact=exact))
        outputs.append(Output("dedup_decisions", member.article_id, notice))

    if not redelivered:
        entries = _admit(entries, BucketEntry(member=newcomer, sketch=probe.sketch), bool(earlier), options)
    buckets[probe.bucket] = BucketRow(partition=partition, members=entries).model_dump(mode="json")
    return outputs


def _admit(entries: list[BucketEntry], newcomer: BucketEntry, matched: bool, options: DedupOptions) -> list[BucketEntry]:
    """Add the newcomer within the bound. A full bucket keeps its earliest members, which every later copy
    matches anyway; a newcomer that matched is already represented by them and is not stored."""
    if len(entries) < options.max_bucket_members:
        return [*entries, newcomer]
    if matched:
        return entries
    # A full bucket of distinct articles (a boilerplate collision): the oldest gives way.
    return [*entries[1:], newcomer]
