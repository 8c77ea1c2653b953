"""Stage 3, keyed by article: collect every probe's answer, let late notices land, then emit one verdict.

A verdict waits until all of the article's probes are answered and then
``settle_s`` more (tick messages carry the clock), so that a late-match notice
from a racing earlier copy arrives first. A notice after the verdict turns a
``unique`` into a corrected duplicate verdict (``revision`` 2), which consumers
see on the verdicts topic.

A newer version of an article already decided (``versions.is_newer``) is not
judged again: it keeps its first version's group and status, gets the next
``revision`` with ``change`` "update" or "withdrawal", and flows on to
``unique`` when its article did, so that the enricher and stories replace (or
take back) what they published. An equal or older version is a re-delivery.

The pending table holds two rows per waiting article: its registration (``~registration/<article_id>``, the
article, written once) and its progress (``<article_id>``: the answers counted so far and the best match,
written again on every answer). The progress row is small on purpose: with the article in it, every answer
rewrote the whole text to the changelog (40 KB per article in ``bench/reports/dedup_broker.md``, six writes).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import BaseModel, ConfigDict

from services.common.expiry import ExpiryIndex
from services.config import DedupOptions
from services.contract.messages import CleanArticle, DedupStatus, DedupVerdict
from services.contract.outputs import Output
from services.dedup.pending_rows import ORPHAN_TTL, PendingRows, StateTable, registration_key
from services.dedup.protocol import Answer, DecisionInput, LateMatch, Match, Registration, Tick
from services.dedup.versions import VersionStamp, is_newer, is_withdrawal


class Pending(BaseModel):
    """An article's progress row. Fields of rows written before the registration had a row of its own
    (``article``, ``buckets``, ``answered`` as bucket keys) are read where it is safe: such a row that had all
    its answers (``ready_at``) still emits its verdict."""

    model_config = ConfigDict(frozen=True)

    article: CleanArticle | None = None
    """Only in rows written before ``~registration/<article_id>``; never written now."""
    probes: int | None = None
    """How many probes' answers the verdict waits for; None until the registration arrives: answers come from
    other producers, and Kafka orders messages only within one producer's partition, so an answer can overtake
    its registration."""
    created_at: datetime
    answered_partitions: list[int] = []
    """The probes partitions whose answers are in (a redelivered answer counts once)."""
    best: Match | None = None
    """The match whose root is earliest: the article's group's first member."""
    exact: bool = False
    """Whether any bucket found an exact copy of the text."""
    ready_at: datetime | None = None
    partition: int
    """The decisions-topic partition that owns this row: only a tick of that partition may emit it."""


class Decided(BaseModel):
    model_config = ConfigDict(frozen=True)

    verdict: DedupVerdict
    decided_at: datetime
    partition: int
    latest: VersionStamp = VersionStamp()
    """The newest version of the article seen so far."""
    published: bool | None = None
    """Whether some version of the article went to ``unique``; None in rows written before this was kept."""

    def was_published(self) -> bool:
        # Before ``published`` was kept, only a unique verdict had sent the article on.
        return self.published if self.published is not None else self.verdict.status is DedupStatus.UNIQUE


def decide(
    message: DecisionInput,
    *,
    partition: int,
    now: datetime,
    pending: StateTable,
    decided: StateTable,
    expiry: ExpiryIndex,
    options: DedupOptions,
) -> list[Output]:
    """``expiry`` indexes the ``decided`` rows by event time."""
    match message:
        case Registration():
            return _register(message, partition, now, pending, decided, expiry, options)
        case Answer():
            return _answer(message, partition, now, pending, decided, options)
        case LateMatch():
            return _late_match(message, partition, now, pending, decided, options)
        case Tick():
            return _tick(message, partition, pending, decided, expiry, options)
    raise TypeError(f"not a decision input: {message!r}")


def _register(
    message: Registration, partition: int, now: datetime, pending: StateTable, decided: StateTable,
    expiry: ExpiryIndex, options: DedupOptions,
) -> list[Output]:
    article = message.article
    earlier_json = decided.get(article.article_id)
    if earlier_json is not None:
        pending.pop(article.article_id, None)  # answers that overtook this registration
        pending.pop(registration_key(article.article_id), None)
        earlier = Decided.model_validate(earlier_json)
        if is_newer(article, earlier.latest):
            return _new_version(article, earlier, decided, expiry)
        if article.received_at == earlier.decided_at:
            return _decided_again(article, earlier)
        # The feed sent this article_id again: an exact copy of its own group, and nothing flows on.
        root = earlier.verdict.duplicate_of or earlier.verdict.article_id
        return [_verdict_output(article, DedupStatus.EXACT_DUPLICATE, root, 1.0, options, redelivery=True)]
    row_json = pending.get(article.article_id)
    row = Pending(created_at=now, partition=partition) if row_json is None else Pending.model_validate(row_json)
    key = registration_key(article.article_id)
    registered_json = pending.get(key)
    registered = row.article
    if registered is None and registered_json is not None:
        registered = Registration.model_validate(registered_json).article
    if registered is not None:
        if is_newer(article, VersionStamp.of(registered)):
            # A newer version while the first still waits for its answers: the verdict will be about the newer
            # one (downstream never saw the older), judged on the answers the older one's probes give.
            if row.article is not None:
                pending[article.article_id] = row.model_copy(update={"article": article}).model_dump(mode="json")
            else:
                pending[key] = {**(registered_json or {}), "article": article.model_dump(mode="json")}
        return []  # otherwise a redelivered registration: the first one is already collecting answers
    pending[key] = message.model_dump(mode="json")
    if row_json is not None or message.probes == 0:
        # Answers (or notices) came first, or none will come: the progress row learns the count now. Otherwise
        # the first answer writes it, and one write fewer per article goes to the changelog.
        _store(pending, article.article_id, row.model_copy(update={"probes": message.probes}), now, options)
    return []


def _decided_again(article: CleanArticle, earlier: Decided) -> list[Output]:
    """The very record already decided, delivered again after a crash or a rebalance (the cleaner stamps every
    message it accepts with its own ``received_at``): the same verdict again, and the article on ``unique`` again
    if it went there, since a crash may have come between the decision and its publication."""
    verdict = earlier.verdict
    flowed = verdict.status is DedupStatus.UNIQUE if verdict.change != "withdrawal" else earlier.was_published()
    outputs = [Output("verdicts", article.article_id, verdict)]
    if flowed:
        outputs.append(Output("unique", article.article_id, article))
    return outputs


def _new_version(article: CleanArticle, earlier: Decided, decided: StateTable, expiry: ExpiryIndex) -> list[Output]:
    """An update or withdrawal of a decided article: the same group and status, the next revision."""
    withdrawal = is_withdrawal(article)
    verdict = earlier.verdict.model_copy(update={
        "version": article.version, "change": "withdrawal" if withdrawal else "update",
        "revision": earlier.verdict.revision + 1,
    })
    # An update flows where its article did; a withdrawal wherever any version went, to take it back.
    flows = earlier.verdict.status is DedupStatus.UNIQUE if not withdrawal else earlier.was_published()
    decided[article.article_id] = Decided(
        verdict=verdict, decided_at=article.received_at, partition=earlier.partition,
        latest=VersionStamp.of(article), published=earlier.was_published() or flows,
    ).model_dump(mode="json")
    # The row now lives a window from this version: the index's earlier slot finds it still young and keeps it.
    expiry.record(earlier.partition, article.received_at, [article.article_id])
    outputs = [Output("verdicts", article.article_id, verdict)]
    if flows:
        outputs.append(Output("unique", article.article_id, article))
    return outputs


def _answer(
    message: Answer, partition: int, now: datetime, pending: StateTable, decided: StateTable, options: DedupOptions
) -> list[Output]:
    row = _pending_row(message.article_id, partition, now, pending, decided)
    if row is None or message.partition in row.answered_partitions:
        return []
    answered = [*row.answered_partitions, message.partition]
    row = _with_matches(row, message.matches).model_copy(update={"answered_partitions": answered})
    _store(pending, message.article_id, row, now, options)
    return []


def _pending_row(
    article_id: str, partition: int, now: datetime, pending: StateTable, decided: StateTable
) -> Pending | None:
    """The article's progress row; a new one knows the number of probes if the registration is in."""
    row_json = pending.get(article_id)
    if row_json is not None:
        return Pending.model_validate(row_json)
    if article_id in decided:
        return None  # answers to a re-sent article that was decided long ago
    registered_json = pending.get(registration_key(article_id))
    probes = None if registered_json is None else Registration.model_validate(registered_json).probes
    return Pending(created_at=now, partition=partition, probes=probes)


def _store(pending: StateTable, article_id: str, row: Pending, now: datetime, options: DedupOptions) -> None:
    """Save the row; once the registration and all its answers are in, start the settle window."""
    complete = row.probes is not None and len(row.answered_partitions) >= row.probes
    if complete and row.ready_at is None:
        row = row.model_copy(update={"ready_at": now + timedelta(seconds=options.settle_s)})
    pending[article_id] = row.model_dump(mode="json")


def _late_match(
    message: LateMatch, partition: int, now: datetime, pending: StateTable, decided: StateTable,
    options: DedupOptions,
) -> list[Output]:
    decided_json = decided.get(message.article_id)
    if message.article_id in pending or decided_json is None:
        row = _pending_row(message.article_id, partition, now, pending, {})
        assert row is not None  # decided rows are not looked up here
        _store(pending, message.article_id, _with_matches(row, [message.match]), now, options)
        return []
    done = Decided.model_validate(decided_json)
    member = message.match.member
    status = DedupStatus.EXACT_DUPLICATE if message.match.exact else DedupStatus.NEAR_DUPLICATE
    # An exact copy's band buckets usually answer before its exact key does: the first correction
    # says near_duplicate, and the exact notice that follows sharpens it.
    sharpened = done.verdict.status is DedupStatus.NEAR_DUPLICATE and status is DedupStatus.EXACT_DUPLICATE
    if done.verdict.status is not DedupStatus.UNIQUE and not sharpened:
        return []
    # Too late for the settle window: the verdict is corrected in the open.
    corrected = done.verdict.model_copy(
        update={"status": status, "duplicate_of": member.root_id, "similarity": message.match.similarity,
                "revision": done.verdict.revision + 1}
    )
    decided[message.article_id] = done.model_copy(update={"verdict": corrected}).model_dump(mode="json")
    return [Output("verdicts", message.article_id, corrected)]


def _with_matches(row: Pending, matches: list[Match]) -> Pending:
    best = row.best
    for match in matches:
        if best is None or match.member.root_order < best.member.root_order:
            best = match
    return row.model_copy(update={"best": best, "exact": row.exact or any(m.exact for m in matches)})


def _tick(
    message: Tick, partition: int, pending: StateTable, decided: StateTable, expiry: ExpiryIndex, options: DedupOptions
) -> list[Output]:
    outputs: list[Output] = []
    # A worker's stage passes the table wrapped, its index kept from tick to tick; a bare table is scanned once.
    pending = pending if isinstance(pending, PendingRows) else PendingRows(pending)
    for article_id in pending.due(partition, message.at):
        row_json = pending[article_id]
        if row_json.get("ready_at") is None:
            if (row_json.get("probes") is None and row_json.get("article") is None
                    and datetime.fromisoformat(row_json["created_at"]) < message.at - ORPHAN_TTL
                    and registration_key(article_id) not in pending):
                del pending[article_id]  # answers whose registration never came (its message was dead-lettered)
            continue
        row = Pending.model_validate(row_json)
        # ready_at is only set once the registration is in.
        article = row.article or Registration.model_validate(pending[registration_key(article_id)]).article
        emitted = _emit(row, article, options)
        verdict = emitted[0].value
        assert isinstance(verdict, DedupVerdict)
        decided[article_id] = Decided(
            verdict=verdict, decided_at=article.received_at, partition=partition,
            latest=VersionStamp.of(article), published=verdict.status is DedupStatus.UNIQUE,
        ).model_dump(mode="json")
        expiry.record(partition, article.received_at, [article_id])
        del pending[article_id]
        pending.pop(registration_key(article_id), None)
        outputs += emitted
    if message.expire:
        # Verdicts are remembered as long as bucket members are: for re-sent ids and late notices.
        horizon = message.at - timedelta(days=options.window_days)
        for article_id in expiry.pop_due(partition, horizon):
            done_json = decided.get(article_id)
            if done_json is not None and datetime.fromisoformat(done_json["decided_at"]) < horizon:
                del decided[article_id]
    return outputs


def _emit(row: Pending, article: CleanArticle, options: DedupOptions) -> list[Output]:
    if row.best is None:
        output = _verdict_output(article, DedupStatus.UNIQUE, None, None, options)
        # A withdrawal of an article this window never saw still goes on: a consumer may hold it from before.
        return [output, Output("unique", article.article_id, article)]
    status = DedupStatus.EXACT_DUPLICATE if row.exact else DedupStatus.NEAR_DUPLICATE
    similarity = 1.0 if row.exact else row.best.similarity
    return [_verdict_output(article, status, row.best.member.root_id, similarity, options)]


def _verdict_output(
    article: CleanArticle, status: DedupStatus, duplicate_of: str | None, similarity: float | None,
    options: DedupOptions, *, redelivery: bool = False,
) -> Output:
    """A re-delivered withdrawal changes nothing, so its verdict does not say ``withdrawal``."""
    verdict = DedupVerdict(
        article_id=article.article_id,
        source=article.source,
        status=status,
        duplicate_of=duplicate_of,
        similarity=similarity,
        shingle_size=options.shingle_size,
        num_perm=options.num_perm,
        bands=options.bands,
        threshold=options.threshold,
        version=article.version,
        change="withdrawal" if is_withdrawal(article) and not redelivery else None,
    )
    return Output("verdicts", article.article_id, verdict)
