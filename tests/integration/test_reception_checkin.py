"""Reception check-in (T/CSCA 120031 4.2.1.1): inputs, consent (PIPL), routing, the queue."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select

from app.core.errors import Conflict, PermissionDenied, ValidationFailed
from app.reception import checkin as reception, duty as reception_duty, visits as reception_visits
from app.reception.customers import find_customer_by_mobile
from db.models import Role
from db.reception_models import AssignmentLog, Consent, Customer, ReceptionEvent, Visit
from tests.factories import (
    RECEPTION_NOW,
    add_models,
    channel_id,
    check_in_input,
    consent_text_id,
    make_consultants,
    make_staff,
    on_duty,
    reception_defaults,
    walk_in,
)

NOW = RECEPTION_NOW
MIN = dt.timedelta(minutes=1)


@pytest.fixture()
def desk(uow):
    reception_defaults(uow)
    return make_staff(uow, Role.RECEPTION)


@pytest.fixture()
def manager(uow):
    return make_staff(uow, Role.SALES_MANAGER)


@pytest.fixture()
def team(uow, desk):
    people = make_consultants(uow, 3)
    on_duty(uow, desk, people)
    return people


def _count(uow, model) -> int:
    with uow() as u:
        return u.session.scalar(select(func.count()).select_from(model))


def test_a_walk_in_needs_only_the_channel_and_goes_to_the_first_consultant(uow, desk, team):
    r = walk_in(uow, desk)
    v = r.visit
    assert (v.visit_type, v.party_size, v.status, v.arrival_at) == ("walk_in", 1, "waiting", NOW)
    assert v.consultant_id == team[0].user_id and v.assigned_by == "rotation"
    assert r.customer is None and v.customer_id is None and r.reminders == ()
    assert v.channel_name == "路过/自然到店"


def test_4_2_1_1_rotation_goes_round_the_roster_skipping_busy_consultants(uow, desk, team):
    got = [walk_in(uow, desk, NOW + k * MIN).visit.consultant_id for k in range(3)]
    assert got == [c.user_id for c in team]
    # Everyone is busy now: the fourth visitor waits, unassigned.
    r = walk_in(uow, desk, NOW + 3 * MIN)
    assert r.visit.consultant_id is None and r.assignment_note == "no_consultant_available"
    # The second consultant finishes: the waiting visitor goes to them at once.
    second = reception.queue_board(uow(), actor=desk, now=NOW + 4 * MIN).waiting[1]
    reception_visits.end_visit(
        uow(),
        actor=team[1],
        visit_id=second.id,
        expected_version=second.version,
        outcome="information",
        intent_level="C",
        now=NOW + 5 * MIN,
    )
    waited = reception.get_visit(uow(), actor=desk, visit_id=r.visit.id)
    assert waited.consultant_id == team[1].user_id and waited.assigned_by == "rotation"


def test_away_consultants_are_skipped_and_take_the_queue_when_back(uow, desk, team):
    reception_duty.set_away(uow(), actor=team[0], consultant_id=team[0].user_id, away=True, now=NOW)
    assert walk_in(uow, desk).visit.consultant_id == team[1].user_id
    with pytest.raises(PermissionDenied):  # a consultant marks only themselves
        reception_duty.set_away(uow(), actor=team[0], consultant_id=team[2].user_id, away=True, now=NOW)
    reception_duty.set_away(uow(), actor=desk, consultant_id=team[2].user_id, away=True, now=NOW)
    waiting = walk_in(uow, desk, NOW + MIN)
    assert waiting.visit.consultant_id is None
    duty = reception_duty.set_away(uow(), actor=team[0], consultant_id=team[0].user_id, away=False, now=NOW + 2 * MIN)
    assert duty.state == "busy" and duty.current_visit_id == waiting.visit.id


def test_bad_input_lists_every_field_and_writes_nothing(uow, desk, team):
    before = {m: _count(uow, m) for m in (Visit, Customer, Consent, ReceptionEvent, AssignmentLog)}
    with pytest.raises(ValidationFailed) as e:
        walk_in(
            uow,
            desk,
            party_size=0,
            mobile="1234",
            visit_type="bus_tour",
            arrival_at=NOW - dt.timedelta(days=1),
            interested_models=[("无此品牌", "无此车型")],
            language="x" * 40,
            foreign_visitor=True,
        )
    codes = {(f.field, f.code) for f in e.value.errors}
    assert codes == {
        ("party_size", "out_of_range"),
        ("mobile", "mobile_format"),
        ("visit_type", "unknown_value"),
        ("arrival_at", "arrival_not_today"),
        ("interested_models", "unknown_model"),
        ("language", "too_long"),
    }
    with pytest.raises(ValidationFailed) as e:
        walk_in(uow, desk, channel_id=None, party_size=21)
    assert {f.field for f in e.value.errors} == {"channel_id", "party_size"}
    assert {m: _count(uow, m) for m in before} == before


def test_pipl_personal_data_only_with_consent_and_the_shown_text_is_recorded(uow, desk, team):
    with pytest.raises(ValidationFailed) as e:
        walk_in(uow, desk, name="王先生", mobile="139 1234 5678", consent_given=False)
    assert e.value.for_field("consent_given").code == "consent_required"
    assert _count(uow, Customer) == 0 and _count(uow, Visit) == 0
    shown = NOW - 2 * MIN
    r = walk_in(uow, desk, name="王先生", mobile="+86 139 1234 5678", consent_shown_at=shown)
    assert r.customer.mobile == "13912345678" and r.customer.has_consent
    assert (r.visit.consent_text_id, r.visit.consent_shown_at, r.visit.consent_given) == (
        consent_text_id(uow),
        shown,
        True,
    )
    with uow() as u:
        consent = u.session.scalar(select(Consent))
        assert (consent.consent_text_id, consent.shown_at, consent.given_at) == (consent_text_id(uow), shown, NOW)


def test_a_declined_consent_keeps_the_visit_anonymous_but_records_the_text_shown(uow, desk, team):
    r = walk_in(uow, desk, consent_text_id=consent_text_id(uow), consent_given=False)
    assert r.customer is None and r.visit.consent_text_id == consent_text_id(uow)
    assert r.visit.consent_given is False and r.visit.consent_shown_at == NOW


def test_id_numbers_are_never_taken_at_the_desk(uow, desk, team):
    with pytest.raises(ValidationFailed) as e:
        walk_in(uow, desk, name="11010519491231002X", notes="身份证110105194912310021")
    assert {(f.field, f.code) for f in e.value.errors} >= {
        ("name", "id_number_not_allowed"),
        ("notes", "id_number_not_allowed"),
    }


def test_children_and_foreign_visitors_bring_their_reminders(uow, desk, team):
    r = walk_in(uow, desk, with_children=True, foreign_visitor=True, language="en", party_size=4)
    assert r.reminders == ("child_safety", "foreign_visitor_policies")
    assert (r.visit.with_children, r.visit.foreign_visitor, r.visit.language) == (True, True, "en")


def test_interested_models_come_from_the_inventory(uow, desk, team, manager):
    add_models(uow, manager, ("比亚迪", "汉 DM-i"), ("特斯拉", "Model Y"))
    r = walk_in(uow, desk, interested_models=[("比亚迪", "汉 DM-i"), ("特斯拉", "Model Y"), ("比亚迪", "汉 DM-i")])
    assert [m.label for m in r.visit.interested_models] == ["比亚迪 汉 DM-i", "特斯拉 Model Y"]


def test_a_known_mobile_shows_history_and_the_repeat_visit_keeps_its_consultant(uow, desk, team):
    first = walk_in(uow, desk, name="李女士", mobile="13800001111")
    assert first.visit.consultant_id == team[0].user_id
    v = first.visit
    reception_visits.end_visit(
        uow(),
        actor=team[0],
        visit_id=v.id,
        expected_version=v.version,
        outcome="quote",
        intent_level="A",
        now=NOW + 30 * MIN,
    )
    history = find_customer_by_mobile(uow(), actor=desk, mobile="138 0000 1111")
    assert history.customer.consultant_id == team[0].user_id
    assert history.customer.consultant_name == team[0].full_name
    assert [x.id for x in history.visits] == [v.id]
    assert history.leads == ()  # the desk does not see leads
    # Next visit: rotation would pick team[1], but the customer keeps their consultant.
    again = walk_in(uow, desk, NOW + 40 * MIN, visit_type="return_visit", mobile="13800001111")
    assert again.visit.consultant_id == team[0].user_id and again.visit.assigned_by == "own_consultant"
    assert again.visit.customer_id == v.customer_id
    assert find_customer_by_mobile(uow(), actor=desk, mobile="13900000000") is None
    with pytest.raises(ValidationFailed):
        find_customer_by_mobile(uow(), actor=desk, mobile="12345")


def test_own_consultant_off_duty_goes_to_rotation_and_says_so(uow, desk, team):
    first = walk_in(uow, desk, name="赵先生", mobile="13700002222").visit
    reception_duty.set_duty(uow(), actor=desk, consultant_id=team[0].user_id, on_duty=False, now=NOW + MIN)
    r = walk_in(uow, desk, NOW + 2 * MIN, visit_type="invited", mobile="13700002222")
    assert r.visit.consultant_id == team[1].user_id and r.assignment_note == "own_consultant_off_duty"
    with uow() as u:
        log = u.session.scalar(select(AssignmentLog).where(AssignmentLog.visit_id == r.visit.id))
        assert (log.method, log.note_code) == ("rotation", "own_consultant_off_duty")
    assert first.consultant_id == team[0].user_id


def test_invited_visitor_goes_to_the_consultant_they_ask_for_a_walk_in_needs_an_override(uow, desk, team):
    r = walk_in(uow, desk, visit_type="invited", requested_consultant_id=team[2].user_id)
    assert r.visit.consultant_id == team[2].user_id and r.visit.assigned_by == "own_consultant"
    with pytest.raises(ValidationFailed) as e:
        walk_in(uow, desk, requested_consultant_id=team[1].user_id)
    assert e.value.for_field("requested_consultant_id").code == "override_required"


def test_manual_override_needs_a_reason_and_is_logged(uow, desk, team):
    with pytest.raises(ValidationFailed) as e:
        reception.check_in(
            uow(),
            actor=desk,
            data=check_in_input(uow),
            now=NOW,
            override_consultant_id=team[2].user_id,
            override_reason="  ",
        )
    assert e.value.for_field("override_reason").code == "required"
    r = reception.check_in(
        uow(),
        actor=desk,
        data=check_in_input(uow),
        now=NOW,
        override_consultant_id=team[2].user_id,
        override_reason="客户点名要求",
    )
    assert (r.visit.consultant_id, r.visit.assigned_by, r.visit.override_reason) == (
        team[2].user_id,
        "override",
        "客户点名要求",
    )
    # Overrides do not count as rotation turns: the rotation still starts with team[0].
    nxt = walk_in(uow, desk, NOW + MIN)
    assert nxt.visit.consultant_id == team[0].user_id
    moved = reception.reassign_visit(
        uow(),
        actor=desk,
        visit_id=nxt.visit.id,
        expected_version=nxt.visit.version,
        consultant_id=team[1].user_id,
        reason="会说粤语",
        now=NOW + 2 * MIN,
    )
    assert (moved.consultant_id, moved.assigned_by) == (team[1].user_id, "override")
    with uow() as u:
        logs = u.session.scalars(
            select(AssignmentLog).where(AssignmentLog.visit_id == nxt.visit.id).order_by(AssignmentLog.id)
        ).all()
        assert [(x.from_consultant_id, x.to_consultant_id, x.method, x.reason, x.by_id) for x in logs] == [
            (None, team[0].user_id, "rotation", "", desk.user_id),
            (team[0].user_id, team[1].user_id, "override", "会说粤语", desk.user_id),
        ]
    with pytest.raises(PermissionDenied):
        reception.reassign_visit(
            uow(),
            actor=team[0],
            visit_id=nxt.visit.id,
            expected_version=moved.version,
            consultant_id=team[0].user_id,
            reason="mine",
        )


def test_only_the_desk_and_managers_check_in(uow, desk, team):
    with pytest.raises(PermissionDenied):
        walk_in(uow, team[0])


def test_start_and_end_are_for_the_assigned_consultant_and_stale_edits_conflict(uow, desk, team):
    v = walk_in(uow, desk).visit
    with pytest.raises(PermissionDenied):
        reception_visits.start_visit(uow(), actor=team[1], visit_id=v.id, expected_version=v.version)
    started = reception_visits.start_visit(
        uow(), actor=team[0], visit_id=v.id, expected_version=v.version, now=NOW + 3 * MIN
    )
    assert started.status == "with_consultant" and started.waiting_seconds(NOW + 9 * MIN) == 180
    with pytest.raises(Conflict):
        reception_visits.end_visit(
            uow(), actor=team[0], visit_id=v.id, expected_version=v.version, outcome="information", intent_level="B"
        )
    with pytest.raises(ValidationFailed) as e:
        reception_visits.end_visit(
            uow(), actor=team[0], visit_id=v.id, expected_version=started.version, outcome="quote"
        )
    assert e.value.for_field("intent_level").code == "required"
    done = reception_visits.end_visit(
        uow(),
        actor=team[0],
        visit_id=v.id,
        expected_version=started.version,
        outcome="test_drive",
        intent_level="H",
        now=NOW + 33 * MIN,
    ).visit
    assert (done.status, done.had_test_drive, done.duration_seconds(NOW + 99 * MIN)) == ("finished", True, 1800)
    assert done.next_follow_up is None  # anonymous visitor: nobody to follow up


def test_the_desk_marks_a_visitor_who_left_before_being_served(uow, desk, team):
    v = walk_in(uow, desk).visit
    left = reception_visits.visitor_left(
        uow(), actor=desk, visit_id=v.id, expected_version=v.version, now=NOW + 5 * MIN
    )
    assert (left.status, left.outcome) == ("finished", "left")
    assert walk_in(uow, desk, NOW + 6 * MIN).visit.consultant_id == team[1].user_id


def test_queue_board_shows_the_three_columns_with_times(uow, desk, team):
    a = walk_in(uow, desk, NOW).visit
    b = walk_in(uow, desk, NOW + MIN).visit
    reception_visits.start_visit(uow(), actor=team[1], visit_id=b.id, expected_version=b.version, now=NOW + 2 * MIN)
    c = walk_in(uow, desk, NOW + 3 * MIN).visit
    reception_visits.visitor_left(uow(), actor=desk, visit_id=c.id, expected_version=c.version, now=NOW + 4 * MIN)
    board = reception.queue_board(uow(), actor=team[2], now=NOW + 10 * MIN)
    assert [v.id for v in board.waiting] == [a.id] and board.waiting[0].waiting_seconds(board.now) == 600
    assert [v.id for v in board.with_consultant] == [b.id]
    assert board.with_consultant[0].duration_seconds(board.now) == 480
    assert [v.id for v in board.finished] == [c.id]
    assert [d.state for d in board.duty] == ["busy", "busy", "available"]
    assert [d.rotation_count for d in board.duty] == [1, 1, 1]


def test_simultaneous_check_ins_never_pick_the_same_consultant(uow, desk, team):
    barrier = threading.Barrier(3)
    results, errors = [], []

    def worker(k):
        try:
            barrier.wait()
            results.append(walk_in(uow, desk, NOW + k * dt.timedelta(seconds=1)).visit.consultant_id)
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(results) == sorted(c.user_id for c in team)


def test_channel_must_be_active(uow, desk, team, manager):
    from app.reception.setup import list_channels, update_channel

    ch = next(c for c in list_channels(uow(), actor=desk) if c.code == "douyin")
    update_channel(
        uow(),
        actor=manager,
        channel_id=ch.id,
        expected_version=ch.version,
        name=ch.name,
        name_en=ch.name_en,
        active=False,
        sort_order=ch.sort_order,
    )
    with pytest.raises(ValidationFailed) as e:
        walk_in(uow, desk, channel_id=channel_id(uow, "douyin"))
    assert e.value.for_field("channel_id").code == "unknown_value"
    assert "douyin" not in {c.code for c in list_channels(uow(), actor=desk)}
