"""Six faust-streaming 0.15.3 faults that lose input around kills and rebalances, and what the shell does.

1. **Seek races resumed partitions.** After a rebalance, faust resumes the input partitions and
   only then seeks them to their committed offsets (``Recovery.on_recovery_completed``). Records
   fetched in between are processed while the seek rewinds the fetch position and resets faust's
   read offsets under them; records that arrive again are then dropped as "already read", and the
   next commit skips over them as a gap (faust-streaming #216). Records fetched while the
   partitions were paused are dropped too, so a partition the group never committed lost its
   first records. Measured: a dedup worker restarted while articles flowed lost 26 of 60
   verdicts in CI, and a stall in most local runs. The fix seeks while the input partitions are
   still paused (to the committed offset, or the beginning when there is none, as
   ``auto_offset_reset="earliest"`` means), and resumes them afterwards.
2. **Silent stalls.** A partition can still end up fetched past records that never reached an
   agent (faust-streaming #629); :func:`watch_for_stalled_partitions` rewinds it to its committed
   offset (the decision is :mod:`services.runtime.stall_watch`).
3. **Commits past records never delivered.** When a fetched record's offset is beyond the last one read,
   faust takes the records in between for a gap (transaction markers, compaction) and commits past them. After a
   rebalance the fetch position can be past the offset faust sought to (measured with logging: a dedup worker
   taking back decisions partitions its second worker had just left resumed them at committed 867 with the
   fetch position at 1173), and the records in between were committed unprocessed: 149 of 1,500 articles
   without a verdict in the fault run. No input topic here is compacted or transactional, so
   :class:`GaplessConsumer` records no gap: the commit stays put, and the stall watch (2.) rewinds the
   partition to its committed offset. Records the other worker did process come again: at-least-once.
4. **Table writes committed before they are sent.** A table write is only queued in the producer's buffer,
   and the flush Faust runs before committing offsets (and on revocation) returns once the buffer has sent
   nothing for 0.1 s (``ProducerBuffer.flush_atmost``; tests/unit/test_faust_producer_flush.py pins it). A
   SIGKILL after such a commit would lose the writes. Every table is an :class:`AwaitedChangelogTable`, and
   :meth:`StageApp.process_events` waits until the broker has the writes a batch made before its events are
   acknowledged.
5. **Commits past the record at the committed offset.** A committed offset is the next record to process, but
   faust commits a run of acknowledged records that starts one past it (``Consumer._new_offset`` only refuses
   runs starting two past). When that record never reached an agent (dropped around a seek, or cleared from the
   stream's buffer on a rebalance) while the ones after it were processed, it is lost: measured, one article in
   1,500 without a verdict in a CI fault run, its record at the group's committed offset 206 committed over
   (206 → 251) right after a dedup worker took the partition back from a second one, with no gap logged.
   :class:`GaplessConsumer` commits only runs that start at the committed offset; until then the commit stays
   put, and the stall watch (2.) rewinds the partition to it.
6. **Table state ahead of the outputs.** A table write lands in the local store at once, and faust sends its
   changelog write while the event's outputs are still on their way. A worker killed in between leaves state
   saying an event's work is done when its outputs were never published; the event, delivered again, finds
   nothing left to do (measured: three articles without a verdict, their pending rows deleted by a tick whose
   verdicts never went out). So the changelog writes an event makes are held back until the broker has its
   outputs (:func:`holding_changelog_writes`, :func:`send_held_writes`, which sends only the last of a batch's
   writes to one key), and a worker keeps its local store across a restart only when its last run stopped with
   every changelog write acknowledged (:mod:`services.runtime.local_state`).
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import faust
from aiokafka.errors import IllegalStateError, KafkaError
from faust.tables.manager import TableManager
from faust.tables.recovery import Recovery
from faust.transport.drivers.aiokafka import Consumer as AIOKafkaDriverConsumer
from faust.types import TP, FutureMessage
from faust.types.codecs import CodecArg
from faust.types.transports import TransportT

from services.runtime.stall_watch import PartitionProgress, stalled_partitions

log = logging.getLogger("newsingest")


class GaplessConsumer(AIOKafkaDriverConsumer):
    def _new_offset(self, tp: TP) -> int | None:
        # Faust's own check lets the acknowledged run start one past the committed offset, which is the next
        # record to process, not the last one processed (fault 5).
        committed = self._committed_offset[tp]
        acked = self._acked[tp]
        if committed is not None and acked and min(acked) > committed:
            return None
        return super()._new_offset(tp)

    async def _add_gap(self, tp: TP, offset_from: int, offset_to: int) -> None:
        log.warning(
            "%s partition %d: records %d to %d were fetched past, not delivered; the commit stays before them and "
            "the stall watch fetches them again", tp.topic, tp.partition, offset_from, offset_to - 1,
        )


class GaplessApp(faust.App):
    """A Faust app whose consumer is the :class:`GaplessConsumer` of faults 3 and 5."""

    def _new_transport(self) -> TransportT:
        transport = super()._new_transport()
        transport.Consumer = GaplessConsumer  # type: ignore[misc]
        return transport


_held_writes: ContextVar[list[FutureMessage] | None] = ContextVar("held_changelog_writes", default=None)


class AwaitedChangelogTable(faust.Table):
    """A table whose changelog writes are held back while :func:`holding_changelog_writes` is active (fault 6),
    and which knows its writes the broker has not acknowledged yet (:func:`every_changelog_write_sent`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.unsent_writes: set[FutureMessage] = set()

    def send_changelog(
        self,
        partition: int | None,
        key: Any,
        value: Any,
        key_serializer: CodecArg | None = None,
        value_serializer: CodecArg | None = None,
    ) -> FutureMessage:
        # What faust's own send_changelog does (Topic.send_soon), except that a held write waits for its event.
        write = self.changelog_topic.as_future_message(
            key=key,
            value=value,
            partition=partition,
            key_serializer=key_serializer if key_serializer is not None else self.key_serializer,
            value_serializer=value_serializer if value_serializer is not None else self.value_serializer,
            callback=self._on_changelog_sent,
            eager_partitioning=True,  # faust reads the partition off the write at once
        )
        held = _held_writes.get()
        if held is None:
            self.app.producer.send_soon(write)
        else:
            held.append(write)
        self.unsent_writes.add(write)
        write.add_done_callback(self._forget_if_sent)
        return write

    def _forget_if_sent(self, write: FutureMessage) -> None:
        if not write.cancelled() and write.exception() is None:
            self.unsent_writes.discard(write)


def every_changelog_write_sent(app: faust.App) -> bool:
    """Whether the broker has acknowledged every changelog write of the app's tables."""
    return not any(isinstance(table, AwaitedChangelogTable) and table.unsent_writes for table in app.tables.values())


@contextmanager
def holding_changelog_writes() -> Iterator[list[FutureMessage]]:
    """Hold back the changelog writes the current task makes inside the block (each agent runs in its own task);
    :func:`send_held_writes` sends them."""
    writes: list[FutureMessage] = []
    token = _held_writes.set(writes)
    try:
        yield writes
    finally:
        _held_writes.reset(token)


async def send_held_writes(app: faust.App, writes: list[FutureMessage]) -> None:
    """Send writes held by :func:`holding_changelog_writes`, in order, and wait until the broker has them all.

    Of several writes of one key to one changelog partition only the last is sent: a compacted changelog keeps
    the last value of a key, and a restore reads nothing else, so the earlier ones are done when it is (a batch
    rewrites an article's pending row with every answer, and an expiry slot with every key it records)."""
    last = {(id(write.message.channel), write.message.partition, write.message.key): write for write in writes}
    for write in writes:
        latest = last[(id(write.message.channel), write.message.partition, write.message.key)]
        if latest is write:
            app.producer.send_soon(write)
        else:
            latest.add_done_callback(functools.partial(_complete_like, write))
    await asyncio.gather(*writes)


def _complete_like(superseded: FutureMessage, latest: FutureMessage) -> None:
    if superseded.done():
        return
    if latest.cancelled():
        superseded.cancel()
    elif (error := latest.exception()) is not None:
        superseded.set_exception(error)
    else:
        superseded.set_result(latest.result())


class SeekBeforeResumeRecovery(Recovery):
    async def on_recovery_completed(self, generation_id: int = 0) -> None:
        consumer = self.app.consumer
        self.log.info("Restore complete!")
        await self.app.on_rebalance_complete.send()
        self._set_recovery_ended()
        await asyncio.gather(
            *(
                table.on_recovery_completed(self.actives_for_table[table], self.standbys_for_table[table])
                for table in self.tables.values()
            )
        )
        if self.app.consumer_generation_id != generation_id:
            self.log.warning(
                "Recovery rebalancing again app id %s param %s", self.app.consumer_generation_id, generation_id
            )
            return
        assignment = consumer.assignment()
        inputs = {tp for tp in assignment if not self._is_changelog_tp(tp)}
        if assignment:
            self.log.info("Seek stream partitions to committed offsets (still paused).")
            timeout = self.app.conf.broker_request_timeout
            await self._wait(consumer.perform_seek(), timeout=timeout)
            # Records fetched while paused were dropped; without a committed offset nothing above
            # rewinds them, so a new group's first records were lost (measured: 13 of 60 in CI).
            never_committed = [tp for tp in inputs if consumer._committed_offset.get(tp) is None]
            for tp in never_committed:
                # Offset 0 is out of range once retention has deleted it: the client then resets to
                # the earliest offset, as auto_offset_reset says.
                await self._wait(consumer.seek(tp, 0), timeout=timeout)
        consumer.resume_partitions(inputs)
        self.completed.set()
        self.app.flow_control.resume()
        consumer.resume_flow()
        await self.app._fetcher.maybe_start()
        self.tables.on_actives_ready()
        if not self.app.assignor.assigned_standbys():
            self.tables.on_standbys_ready()
        self.app.on_rebalance_end()
        self.log.info("Worker ready")


class SeekBeforeResumeTableManager(TableManager):
    @property
    def recovery(self) -> Recovery:
        if self._recovery is None:
            self._recovery = SeekBeforeResumeRecovery(self.app, self, beacon=self.beacon, loop=self.loop)
        return self._recovery


def watch_for_stalled_partitions(app: faust.App, input_topics: set[str], interval_s: float) -> None:
    last: dict[Any, PartitionProgress] = {}

    @app.timer(interval=interval_s, name="rewind_stalled_partitions")
    async def rewind_stalled_partitions() -> None:
        consumer = app.consumer
        in_flight = Counter(message.tp for message in consumer.unacked)
        now: dict[Any, PartitionProgress] = {}
        try:
            inputs = [tp for tp in consumer.assignment() if tp.topic in input_topics]
            if not inputs:
                return
            earliest = await consumer.earliest_offsets(*inputs)
            end = await consumer.highwaters(*inputs)
            for tp in inputs:
                # faust keeps the group's committed offsets only in this private mapping.
                committed = consumer._committed_offset.get(tp)
                position = await consumer.position(tp)
                now[tp] = PartitionProgress(committed, position, in_flight[tp], earliest[tp], end[tp])
        except (IllegalStateError, KeyError):  # a rebalance took partitions away meanwhile: look again later
            last.clear()
            return
        except KafkaError as exc:
            # The broker is away: a check that raised here would stop the whole app (measured: a broker down for
            # 90 s stopped every worker for good). The next check starts afresh once it is back.
            log.warning("stall check skipped: %r", exc)
            last.clear()
            return
        for tp, offset in stalled_partitions(last, now).items():
            log.warning(
                "%s partition %d stalls (committed %s, fetch position %s, end %d): rewinding to %d (#629)",
                tp.topic, tp.partition, now[tp].committed, now[tp].position, now[tp].end, offset,
            )
            await consumer.seek(tp, offset)
        last.clear()
        last.update(now)
