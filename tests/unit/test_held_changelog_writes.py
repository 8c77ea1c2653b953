"""Changelog writes an event makes wait until its outputs are sent (services.runtime.faust_fixes, 6), and go to
the partition of the event of a batch being computed."""

from __future__ import annotations

import asyncio

import pytest
from faust.events import Event
from faust.types import Message

from services.runtime.batching import as_current_event
from services.runtime.faust_fixes import (
    AwaitedChangelogTable,
    GaplessApp,
    every_changelog_write_sent,
    holding_changelog_writes,
    send_held_writes,
)


def _table() -> tuple[GaplessApp, AwaitedChangelogTable]:
    app = GaplessApp("held-writes", broker="kafka://localhost:1", Table=AwaitedChangelogTable)
    return app, app.Table("rows", partitions=4)


def test_writes_made_while_holding_stay_out_of_the_producer_until_released() -> None:
    async def scenario() -> None:
        app, table = _table()
        with holding_changelog_writes() as held:
            table.send_changelog(2, "article", {"decided": True})
        assert [write.message.partition for write in held] == [2]
        assert app.producer.buffer.size == 0
        assert not every_changelog_write_sent(app)
        held[0].set_result(None)  # what the producer does once the broker has it
        await asyncio.sleep(0)
        assert every_changelog_write_sent(app)

    asyncio.run(scenario())


def test_writes_outside_an_event_go_to_the_producer_at_once() -> None:
    async def scenario() -> None:
        app, table = _table()
        write = table.send_changelog(1, "article", None)
        assert app.producer.buffer.size == 1
        write.set_exception(ConnectionError("broker away"))
        await asyncio.sleep(0)
        assert not every_changelog_write_sent(app), "a failed write is not sent"
        write.exception()  # retrieved, so asyncio does not log it as never retrieved

    asyncio.run(scenario())


def _event(app: GaplessApp, partition: int) -> Event:
    message = Message("articles", partition, 7, 0.0, 0, {}, b"key", b"value", None)
    return Event(app, b"key", b"value", {}, message)


def test_a_table_write_in_a_batch_goes_to_the_partition_of_the_event_being_computed() -> None:
    async def scenario() -> None:
        app, table = _table()
        with holding_changelog_writes() as held:
            for partition in (3, 1):
                with as_current_event(_event(app, partition)):
                    table[f"row-{partition}"] = {"partition": partition}
        assert [write.message.partition for write in held] == [3, 1]
        with pytest.raises(TypeError, match="outside of stream iteration"):
            table["row-after"] = {}  # the event is no longer current once its block ends

    asyncio.run(scenario())


def test_of_several_held_writes_of_one_key_only_the_last_is_sent_and_all_complete_with_it() -> None:
    async def scenario() -> None:
        app, table = _table()
        with holding_changelog_writes() as held:
            table.send_changelog(2, "article", {"answers": 1})
            table.send_changelog(1, "article", {"answers": 1})  # another partition: another row
            table.send_changelog(2, "article", {"answers": 2})
        sending = asyncio.ensure_future(send_held_writes(app, held))
        await asyncio.sleep(0)
        assert [(write.message.partition, write.message.value) for write in app.producer.buffer.pending._queue] == [
            (1, b'{"answers":1}'), (2, b'{"answers":2}'),
        ]
        assert not sending.done()
        for write in held[1:]:
            write.set_result(None)  # the broker has the two records sent
        await sending
        assert all(write.done() for write in held)
        assert every_changelog_write_sent(app)

    asyncio.run(scenario())
