from services.stall_watch import PartitionProgress, stalled_partitions


def progress(committed: int | None, position: int | None, in_flight: int = 0) -> PartitionProgress:
    return PartitionProgress(committed, position, in_flight)


def test_a_partition_fetched_past_its_committed_offset_with_nothing_in_flight_is_rewound() -> None:
    before = {"clean-0": progress(9, 16)}
    assert stalled_partitions(before, {"clean-0": progress(9, 16)}) == {"clean-0": 9}


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


def test_a_partition_without_a_committed_offset_is_left_alone() -> None:
    assert stalled_partitions({"clean-0": progress(None, 16)}, {"clean-0": progress(None, 16)}) == {}
