from services.runtime.stall_watch import PartitionProgress, stalled_partitions


def progress(committed: int | None, position: int | None, in_flight: int = 0, *, earliest: int = 0,
             end: int = 16) -> PartitionProgress:
    return PartitionProgress(committed, position, in_flight, earliest, end)


def test_a_partition_fetched_past_its_committed_offset_with_nothing_in_flight_is_rewound() -> None:
    assert stalled_partitions({"clean-0": progress(9, 16)}, {"clean-0": progress(9, 16)}) == {"clean-0": 9}


def test_a_partition_that_committed_meanwhile_is_making_progress() -> None:
    assert stalled_partitions({"clean-0": progress(9, 16)}, {"clean-0": progress(12, 16)}) == {}


def test_a_partition_with_messages_in_flight_is_busy_not_stalled() -> None:
    assert stalled_partitions({"clean-0": progress(9, 16, 1)}, {"clean-0": progress(9, 16)}) == {}
    assert stalled_partitions({"clean-0": progress(9, 16)}, {"clean-0": progress(9, 16, 3)}) == {}


def test_a_caught_up_partition_is_not_stalled() -> None:
    assert stalled_partitions({"clean-0": progress(16, 16)}, {"clean-0": progress(16, 16)}) == {}


def test_one_observation_is_not_enough() -> None:
    assert stalled_partitions({}, {"clean-0": progress(9, 16)}) == {}
    # A partition just assigned: the first look only sets the baseline.
    assert stalled_partitions({"clean-1": progress(9, 16)}, {"clean-0": progress(9, 16)}) == {}


def test_a_never_committed_partition_with_records_is_rewound_to_its_log_start() -> None:
    idle = progress(None, 0, earliest=4, end=16)
    assert stalled_partitions({"clean-0": idle}, {"clean-0": idle}) == {"clean-0": 4}


def test_a_never_committed_empty_partition_is_left_alone() -> None:
    empty = progress(None, None, earliest=7, end=7)
    assert stalled_partitions({"clean-0": empty}, {"clean-0": empty}) == {}


def test_a_first_commit_between_looks_is_progress() -> None:
    assert stalled_partitions({"clean-0": progress(None, 16)}, {"clean-0": progress(3, 16)}) == {}
