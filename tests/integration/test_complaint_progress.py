"""The customer's progress query (T/CSCA 120031 5.2.7; issue #19.3): by the receipt's number
plus the mobile's last four digits, showing only what that customer may see."""

from __future__ import annotations

import dataclasses

import pytest

from app.core.errors import ValidationFailed
from app.customer_care.api import add_note, close_complaint, get_complaint, query_progress, record_first_response
from db.models import Role
from tests.factories import make_store, make_user
from tests.integration.complaint_factories import make_complaint


@pytest.fixture()
def two_complaints(uow):
    make_store(uow)
    desk, handler = make_user(uow, Role.RECEPTION), make_user(uow, Role.CONSULTANT, full_name="张顾问")
    manager = make_user(uow, Role.SALES_MANAGER)
    mine = make_complaint(uow, desk, handler.user_id, contact_mobile="13800001234", contact_name="李女士")
    theirs = make_complaint(uow, desk, handler.user_id, contact_mobile="13900005678", contact_name="赵先生",
                            summary="赵先生的投诉内容")  # fmt: skip
    record_first_response(uow(), actor=handler, complaint_id=mine.id, text="您的投诉已受理")
    add_note(uow(), actor=handler, complaint_id=mine.id, text="内部：顾问承认遗漏")  # internal
    add_note(uow(), actor=handler, complaint_id=theirs.id, text="赵先生：已回电", customer_visible=True)
    return desk, manager, mine, theirs


def test_the_customer_sees_their_own_progress_and_nothing_internal_5_2_7(uow, two_complaints):
    desk, _manager, mine, _theirs = two_complaints
    progress = query_progress(uow(), actor=desk, number=mine.number.lower(), mobile_tail="1234")
    assert progress.number == mine.number and progress.status == "open"
    assert [said for _at, said in progress.notes] == ["您的投诉已受理"]
    shown = repr(dataclasses.asdict(progress))
    for secret in ("内部", "张顾问", "赵先生", "13800001234", "李女士", "脚垫"):
        assert secret not in shown  # no staff, no internal note, no contact data, no summary


def test_another_customers_mobile_or_number_finds_nothing_5_2_7(uow, two_complaints):
    desk, _manager, mine, theirs = two_complaints
    for number, tail in ((mine.number, "5678"), (theirs.number, "1234"), ("TS-2026-999999", "1234")):
        with pytest.raises(ValidationFailed) as refused:
            query_progress(uow(), actor=desk, number=number, mobile_tail=tail)
        # the same answer whether the number exists or not
        assert [(e.field, e.code) for e in refused.value.errors] == [("number", "complaint_not_found")]
    with pytest.raises(ValidationFailed) as refused:
        query_progress(uow(), actor=desk, number=mine.number, mobile_tail="12")
    assert refused.value.errors[0].code == "mobile_tail_format"


def test_the_result_is_shown_once_closed(uow, two_complaints):
    desk, manager, mine, _theirs = two_complaints
    version = get_complaint(uow(), actor=manager, complaint_id=mine.id).version
    close_complaint(
        uow(), actor=manager, complaint_id=mine.id, expected_version=version, result="补送脚垫并致歉",
        confirmation="confirmed",
    )  # fmt: skip
    progress = query_progress(uow(), actor=desk, number=mine.number, mobile_tail="1234")
    assert progress.status == "closed" and progress.result == "补送脚垫并致歉"
    assert progress.reply_at is not None
