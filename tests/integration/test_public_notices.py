"""Public notices (T/CSCA 120031 4.1.3.5-4.1.3.6; 办法 art. 11; issue #19.5): versioned with
effective dates, printed as bilingual A4 posters, and stale once the store details they print
change, until reprinted (as the vehicle cards)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import text

from app.core.clock import store_today
from app.core.errors import PermissionDenied, ValidationFailed
from app.customer_care.api import (
    NoticeInput,
    list_notices,
    publish_notice,
    record_notice_print,
    render_notice_poster,
    stale_notices,
)
from app.store import store
from db.models import Role
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401  (fixture)
from tests.unit.test_vehicle_card import pdftotext

pytestmark = pytest.mark.usefixtures("isolated_data_dir")
TODAY = store_today()


def complaint_notice(**kw) -> NoticeInput:
    data = NoticeInput(
        kind="complaint_process",
        title_zh="投诉电话及处理流程",
        title_en="Complaint phone and process",
        body_zh="投诉电话：{complaint_phone}。我们在72小时内答复，7个工作日内告知处理情况。",
        body_en="Complaint phone: {complaint_phone}. We answer within 72 hours and tell you how it is "
        "handled within 7 working days.",
        effective_from=TODAY,
    )
    return dataclasses.replace(data, **kw)


@pytest.fixture()
def manager(uow):
    make_store(uow)
    return make_user(uow, Role.SALES_MANAGER)


def _set_complaint_phone(uow, actor, phone: str) -> None:
    s = store.get_store(uow())
    store.update_store(
        uow(), actor=actor, expected_version=s.version, legal_name=s.legal_name, address=s.address,
        sales_hotline=s.sales_hotline, complaint_phone=phone, website=s.website,
    )  # fmt: skip


def test_a_poster_goes_stale_when_the_phone_it_prints_changes_4_1_3_6(uow, manager, tmp_path):
    notice = publish_notice(uow(), actor=manager, data=complaint_notice(), request_key="n-1")
    assert (notice.version, notice.state, notice.poster) == (1, "in_force", "unprinted")
    assert [n.id for n in stale_notices(uow(), actor=manager)] == [notice.id]
    pdf = render_notice_poster(uow(), actor=manager, notice_id=notice.id)
    words = pdftotext(pdf, tmp_path)
    phone = store.get_store(uow()).complaint_phone
    assert "投诉电话及处理流程" in words and "Complaint phone and process" in words and phone in words
    assert record_notice_print(uow(), actor=manager, notice_id=notice.id).poster == "current"
    assert stale_notices(uow(), actor=manager) == []

    admin = make_user(uow, Role.ADMIN)
    _set_complaint_phone(uow, admin, "021-64009999")
    assert [(n.id, n.poster) for n in stale_notices(uow(), actor=manager)] == [(notice.id, "stale")]
    assert "021-64009999" in pdftotext(render_notice_poster(uow(), actor=manager, notice_id=notice.id), tmp_path)
    record_notice_print(uow(), actor=manager, notice_id=notice.id)
    assert stale_notices(uow(), actor=manager) == []


def test_a_new_version_takes_effect_on_its_date_and_the_old_one_is_never_changed(uow, manager):
    v1 = publish_notice(uow(), actor=manager, data=complaint_notice())
    v2 = publish_notice(uow(), actor=manager, data=complaint_notice(effective_from=TODAY + dt.timedelta(days=3)))
    assert (v2.version, v2.state) == (2, "scheduled")
    states = {n.version: n.state for n in list_notices(uow(), actor=manager)}
    assert states == {1: "in_force", 2: "scheduled"}
    for sql in ("UPDATE public_notice SET body_zh = 'x'", "DELETE FROM public_notice"):
        with pytest.raises(Exception, match="public_notice"):
            with uow() as u:
                u.session.execute(text(sql))
                u.commit()
    assert v1.id != v2.id


def test_bad_notices_are_refused(uow, manager):
    with pytest.raises(ValidationFailed) as refused:
        publish_notice(
            uow(), actor=manager,
            data=complaint_notice(kind="lottery", body_en="Call {boss_mobile}", title_zh=" ",
                                  effective_from=TODAY - dt.timedelta(days=1)),
        )  # fmt: skip
    assert {e.field: e.code for e in refused.value.errors} == {
        "kind": "required",
        "title_zh": "required",
        "body_en": "notice_unknown_field",
        "effective_from": "notice_effective_in_past",
    }


def test_only_management_publishes_a_notice_4_1_3_5(uow, manager):
    consultant = make_user(uow, Role.CONSULTANT)
    with pytest.raises(PermissionDenied):
        publish_notice(uow(), actor=consultant, data=complaint_notice())
    notice = publish_notice(uow(), actor=manager, data=complaint_notice())
    assert record_notice_print(uow(), actor=consultant, notice_id=notice.id).poster == "current"
