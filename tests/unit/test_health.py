"""What /live and /ready answer, from plain observations."""

from __future__ import annotations

from services.runtime.health import BrokerContact, Check, GroupState, LoopHeartbeat, answer, group_checks

READY_GROUP = GroupState(assignments=1, input_partitions=4, rebalancing=False, recovery_completed=True,
                         in_recovery=False)


def test_a_loop_that_stopped_turning_is_not_alive() -> None:
    heartbeat = LoopHeartbeat(last_turn=100.0)
    assert heartbeat.check(now=110.0, limit_s=30).ok
    assert not heartbeat.check(now=131.0, limit_s=30).ok
    heartbeat.turn(130.5)
    assert heartbeat.check(now=131.0, limit_s=30).ok


def test_the_broker_must_have_answered_lately() -> None:
    contact = BrokerContact()
    assert not contact.check(now=5.0, limit_s=30).ok  # never asked
    contact.failed(ConnectionRefusedError("connection refused"))
    first = contact.check(now=5.0, limit_s=30)
    assert not first.ok and "connection refused" in first.detail
    contact.answered(10.0)
    assert contact.check(now=20.0, limit_s=30).ok
    assert not contact.check(now=41.0, limit_s=30).ok  # no answer for longer than the limit
    contact.failed(TimeoutError())
    failed = contact.check(now=21.0, limit_s=30)
    assert not failed.ok and "TimeoutError" in failed.detail  # the last attempt failed: at once


def test_ready_only_once_assigned_and_recovered() -> None:
    assert all(check.ok for check in group_checks(READY_GROUP))
    # No partitions is a fine assignment: a worker beyond the partition count is still ready.
    assert all(check.ok for check in group_checks(
        GroupState(assignments=2, input_partitions=0, rebalancing=False, recovery_completed=True, in_recovery=False)
    ))
    starting = GroupState(assignments=0, input_partitions=0, rebalancing=False, recovery_completed=False,
                          in_recovery=False)
    assert [check.ok for check in group_checks(starting)] == [False, False]
    recovering = GroupState(assignments=1, input_partitions=4, rebalancing=True, recovery_completed=False,
                            in_recovery=True)
    assigned, recovered = group_checks(recovering)
    assert assigned.ok and not recovered.ok and "changelog" in recovered.detail
    # A later rebalance: recovery completed once, but the streams are paused again until it is over.
    rebalancing = GroupState(assignments=1, input_partitions=4, rebalancing=True, recovery_completed=True,
                             in_recovery=False)
    assert not group_checks(rebalancing)[1].ok


def test_answer_is_503_unless_every_check_passed() -> None:
    status, body = answer([Check("loop", True, "fine"), Check("broker", True, "fine")])
    assert status == 200 and body["status"] == "ok"
    status, body = answer([Check("loop", True, "fine"), Check("broker", False, "away")])
    assert status == 503 and body["status"] == "failing"
    assert body["checks"] == [{"name": "loop", "ok": True, "detail": "fine"},
                              {"name": "broker", "ok": False, "detail": "away"}]
