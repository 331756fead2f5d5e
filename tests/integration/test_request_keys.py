"""Idempotent creates (issue #16.2): a repeated request with the same key returns the first
record and never makes a second one, whatever the UI does."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from app.reception.checkin import CheckInInput, check_in
from db.models import Role
from db.reception_models import Visit
from tests.factories import channel_id, make_consultants, make_user, reception_defaults


def test_check_in_repeated_with_its_request_key_returns_the_first_visit(uow):
    # T/CSCA 120031 4.2.1.1: the reception log counts each visitor once (3.12/3.13 inputs).
    reception_defaults(uow)
    make_consultants(uow, 1)
    desk = make_user(uow, Role.RECEPTION)
    data = CheckInInput(channel_id=channel_id(uow), request_key=uuid.uuid4().hex)
    first = check_in(uow(), actor=desk, data=data)
    again = check_in(uow(), actor=desk, data=data)
    assert again.visit.id == first.visit.id
    assert first.changes.reception and first.visit.id in first.changes.ids
    other = check_in(uow(), actor=desk, data=CheckInInput(channel_id=data.channel_id, request_key=uuid.uuid4().hex))
    assert other.visit.id != first.visit.id
    with uow() as u:
        assert u.session.scalar(select(func.count()).select_from(Visit)) == 2


def test_a_store_notice_issued_twice_with_one_request_key_is_one_document(uow, tmp_path, monkeypatch):
    # T/CSCA 120031 4.1.3.5: one public notice in force; a double click must not issue two.
    from app.documents import documents
    from tests.factories import make_store, signature_capture

    monkeypatch.setenv("SHOWROOM_DATA_DIR", str(tmp_path))
    make_store(uow)
    manager = make_user(uow, Role.SALES_MANAGER, full_name="周建国")
    first = documents.issue_store_notice(
        uow(), actor=manager, language="zh", signatures=[signature_capture()], request_key="n-1"
    )
    again = documents.issue_store_notice(
        uow(), actor=manager, language="zh", signatures=[signature_capture()], request_key="n-1"
    )
    assert again.id == first.id and first.changes.documents
    assert (
        len(documents.list_documents(uow(), actor=manager, query=documents.DocumentQuery(doc_type="store_notice"))) == 1
    )
