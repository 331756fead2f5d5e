"""Complaints (issue #19.3): received with their channel and deadlines, handled, closed only
with a result and the customer's confirmation, and escalated on the server's clock."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from app.core.errors import PermissionDenied, ValidationFailed
from app.customer_care.api import (
    add_material,
    add_note,
    close_complaint,
    complaint_board,
    count_by_channel,
    escalate_due,
    get_complaint,
    mark_escalations_seen,
    material_content,
    my_escalations,
    record_first_response,
    record_reply,
    receive_complaint,
)
from db.models import Role
from tests.factories import make_store, make_user
from tests.integration.complaint_factories import complaint_input, make_complaint


@pytest.fixture()
def people(uow):
    make_store(uow)
    return {
        "desk": make_user(uow, Role.RECEPTION),
        "handler": make_user(uow, Role.CONSULTANT, full_name="张顾问"),
        "other": make_user(uow, Role.CONSULTANT),
        "manager": make_user(uow, Role.SALES_MANAGER, full_name="王经理"),
    }


def test_a_received_complaint_has_a_number_and_both_deadlines_3_17_art_18(uow, people):
    c = make_complaint(uow, people["desk"], people["handler"].user_id, channel="hotline_12345")
    assert c.number.startswith("TS-") and c.number.endswith(f"{c.id:06d}")
    assert c.first_response_due - c.received_at == dt.timedelta(hours=72)
    assert c.reply_due - c.received_at >= dt.timedelta(days=7)
    assert (c.first_response_clock, c.reply_clock) == ("running", "running")
    assert c.contact_name == "李**" and "****" in c.contact_mobile  # masked on screen


def test_the_same_request_key_receives_one_complaint(uow, people):
    data = complaint_input(people["handler"].user_id)
    first = receive_complaint(uow(), actor=people["desk"], data=data, request_key="k-1")
    again = receive_complaint(uow(), actor=people["desk"], data=data, request_key="k-1")
    assert again.id == first.id
    assert len(complaint_board(uow(), actor=people["manager"]).rows) == 1


def test_bad_input_is_refused_field_by_field(uow, people):
    data = complaint_input(
        people["desk"].user_id, channel="fax", summary=" ", contact_mobile="12345",
        received_at=dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(days=1),
    )  # fmt: skip
    with pytest.raises(ValidationFailed) as refused:
        receive_complaint(uow(), actor=people["desk"], data=data)
    fields = {e.field: e.code for e in refused.value.errors}
    assert fields == {
        "channel": "required",
        "summary": "required",
        "contact_mobile": "mobile_format",
        "received_at": "complaint_received_in_future",
        "handler_id": "complaint_handler_invalid",  # the desk does not handle complaints
    }


def test_12345_complaints_are_counted_3_15(uow, people):
    for channel in ("hotline_12345", "hotline_12345", "phone", "brand"):
        make_complaint(uow, people["desk"], people["handler"].user_id, channel=channel)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    counts = count_by_channel(uow(), actor=people["manager"], start=now - dt.timedelta(days=1), end=now)
    assert counts["hotline_12345"] == 2 and counts["phone"] == 1 and counts["consumer_association"] == 0
    assert complaint_board(uow(), actor=people["manager"]).hotline_12345 == 2


def test_closing_without_result_or_confirmation_is_refused_3_16(uow, people):
    c = make_complaint(uow, people["desk"], people["handler"].user_id)
    manager = people["manager"]
    with pytest.raises(ValidationFailed) as refused:
        close_complaint(uow(), actor=manager, complaint_id=c.id, expected_version=c.version, result="", confirmation="")
    assert {e.code for e in refused.value.errors} == {"complaint_result_required", "complaint_confirmation_required"}
    with pytest.raises(ValidationFailed) as refused:
        close_complaint(
            uow(),
            actor=manager,
            complaint_id=c.id,
            expected_version=c.version,
            result="换新脚垫",
            confirmation="refused",
        )
    assert refused.value.for_field("confirmation_note").code == "complaint_refusal_note_required"
    assert get_complaint(uow(), actor=manager, complaint_id=c.id).status == "open"


def test_closure_with_a_recorded_refusal_and_nothing_after_it_3_16(uow, people):
    c = make_complaint(uow, people["desk"], people["handler"].user_id)
    closed = close_complaint(
        uow(), actor=people["manager"], complaint_id=c.id, expected_version=c.version, result="赔偿脚垫一套",
        confirmation="refused", confirmation_note="客户要求全车精洗",
    )  # fmt: skip
    assert closed.status == "closed" and closed.confirmation == "refused"
    assert closed.reply_clock == "met" and closed.first_response_clock == "met"
    with pytest.raises(ValidationFailed) as refused:
        add_note(uow(), actor=people["handler"], complaint_id=c.id, text="再次致电")
    assert refused.value.errors[0].code == "complaint_closed"


def test_only_the_handler_or_a_manager_handles_and_only_a_manager_closes(uow, people):
    c = make_complaint(uow, people["desk"], people["handler"].user_id)
    with pytest.raises(PermissionDenied):
        add_note(uow(), actor=people["other"], complaint_id=c.id, text="not mine")
    with pytest.raises(PermissionDenied):
        get_complaint(uow(), actor=people["other"], complaint_id=c.id)
    assert complaint_board(uow(), actor=people["other"]).rows == ()
    with pytest.raises(PermissionDenied):
        close_complaint(
            uow(), actor=people["handler"], complaint_id=c.id, expected_version=c.version, result="r",
            confirmation="confirmed",
        )  # fmt: skip
    answered = record_first_response(uow(), actor=people["handler"], complaint_id=c.id, text="已受理，48小时内回电")
    assert answered.first_response_clock == "met"


def test_late_answers_stay_late_and_the_clocks_turn_amber_then_red(uow, people):
    handler = people["handler"].user_id
    amber = make_complaint(uow, people["desk"], handler, hours_ago=50)
    red = make_complaint(uow, people["desk"], handler, hours_ago=80)
    rows = {r.id: r for r in complaint_board(uow(), actor=people["manager"]).rows}
    assert rows[amber.id].first_response_clock == "amber"
    assert rows[red.id].first_response_clock == "red"
    late = record_reply(uow(), actor=people["handler"], complaint_id=red.id, text="已处理：补送脚垫")
    assert late.first_response_clock == "late" and late.reply_clock == "met"


def test_escalation_reaches_the_manager_once_and_waits_for_an_offline_pc(uow, people):
    handler, manager = people["handler"], people["manager"]
    overdue = make_complaint(uow, people["desk"], handler.user_id, hours_ago=80)
    escalate_due(uow())
    escalate_due(uow())  # every PC runs it: each rung is recorded once
    mine = my_escalations(uow(), actor=manager)
    assert [(n.number, n.deadline, n.level) for n in mine] == [(overdue.number, "first_response", "overdue")]
    # The handler was told it is theirs, reminded (near) and told (overdue); the PC that was
    # off sees all three later.
    assert {(n.deadline, n.level) for n in my_escalations(uow(), actor=handler)} == {
        ("first_response", "assigned"),
        ("first_response", "near"),
        ("first_response", "overdue"),
    }
    mark_escalations_seen(uow(), actor=manager, ids=[n.id for n in mine])
    assert my_escalations(uow(), actor=manager) == []
    assert len(my_escalations(uow(), actor=handler)) == 3


def test_materials_are_archived_and_cannot_be_changed_4_5_2_2(uow, people):
    c = make_complaint(uow, people["desk"], people["handler"].user_id)
    kept = add_material(
        uow(), actor=people["handler"], complaint_id=c.id, filename="录音.mp3", media_type="audio/mpeg",
        content=b"ID3 recording",
    )  # fmt: skip
    m = kept.materials[0]
    assert (m.filename, m.size) == ("录音.mp3", 13)
    assert material_content(uow(), actor=people["manager"], material_id=m.id) == b"ID3 recording"
    for sql in ("UPDATE complaint_material SET content = :x", "DELETE FROM complaint_material"):
        with pytest.raises(Exception, match="complaint_material"):
            with uow() as u:
                u.session.execute(text(sql), {"x": b"forged"})
                u.commit()
    add_note(uow(), actor=people["handler"], complaint_id=c.id, text="录音已存档")
    with pytest.raises(Exception, match="complaint_note"):
        with uow() as u:
            u.session.execute(text("DELETE FROM complaint_note"))
            u.commit()


def test_a_complaint_from_a_registered_mobile_is_linked_to_that_customer(uow, people):
    from tests.factories import make_customer, reception_defaults

    reception_defaults(uow)
    customer = make_customer(uow, people["desk"], name="李女士", mobile="13912345678")
    c = make_complaint(uow, people["desk"], people["handler"].user_id, contact_mobile="139 1234 5678")
    assert c.customer_id == customer.id


def test_the_car_and_contract_are_found_by_the_papers_the_customer_shows(uow, people):
    from app.inventory import vehicles
    from tests.factories import vehicle_input

    car = vehicles.add_vehicle(uow(), actor=people["manager"], data=vehicle_input())
    c = make_complaint(uow, people["desk"], people["handler"].user_id, vin=car.vin.lower(),
                       staff_id=people["other"].user_id)  # fmt: skip
    assert (c.vehicle_id, c.staff_id) == (car.id, people["other"].user_id)
    with pytest.raises(ValidationFailed) as refused:
        make_complaint(uow, people["desk"], people["handler"].user_id, vin="LSVXXXXXXXXXXXXXX", contract_number="HT-0")
    assert {e.field: e.code for e in refused.value.errors} == {
        "vin": "complaint_vehicle_unknown",
        "contract_number": "complaint_contract_unknown",
    }


@pytest.mark.parametrize(
    "deadline, index", [("first_response", "ix_complaint_open_first_response"), ("reply", "ix_complaint_open_reply")]
)
def test_finding_overdue_complaints_is_an_index_range_19_10(uow, people, deadline, index):
    from app.customer_care.complaint_escalation import due_query

    with uow() as u:
        if u.session.get_bind().dialect.name != "sqlite":
            pytest.skip("the plan is read with SQLite's EXPLAIN QUERY PLAN")
        q = due_query(deadline, dt.datetime(2026, 12, 3))
        sql = str(q.compile(u.session.get_bind(), compile_kwargs={"literal_binds": True}))
        plan = " ".join(str(row[-1]) for row in u.session.execute(text("EXPLAIN QUERY PLAN " + sql)))
    assert f"USING INDEX {index}" in plan, plan
