"""The printed complaint receipt (T/CSCA 120031 5.2.7; issue #19.3): bilingual, with the number
as a QR code that a real decoder reads back from the printed page, both deadlines (3.17; 办法
art. 18) and how to ask about progress; the complainant masked."""

from __future__ import annotations

import pytest

from app.core.errors import PermissionDenied
from app.customer_care.api import complaint_receipt_pdf
from db.models import Role
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401  (fixture)
from tests.integration.complaint_factories import make_complaint
from tests.unit.test_vehicle_card import decode_pages, pdftotext

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


def test_the_receipt_carries_the_number_as_a_qr_code_and_how_to_ask(uow, tmp_path):
    make_store(uow)
    desk, handler = make_user(uow, Role.RECEPTION), make_user(uow, Role.CONSULTANT)
    c = make_complaint(uow, desk, handler.user_id, channel="hotline_12345", contact_mobile="13800001234")
    pdf = complaint_receipt_pdf(uow(), actor=desk, complaint_id=c.id)
    assert [r.text for r in decode_pages(pdf, tmp_path)[0]] == [c.number]
    text = pdftotext(pdf, tmp_path)
    for expected in ("投诉受理回执", "Complaint receipt", c.number, "12345", "72", "7", "138****1234", "后四位"):
        assert expected in text
    assert "13800001234" not in text


def test_someone_without_the_right_gets_no_receipt(uow):
    make_store(uow)
    desk, finance = make_user(uow, Role.RECEPTION), make_user(uow, Role.FINANCE)
    c = make_complaint(uow, desk, make_user(uow, Role.CONSULTANT).user_id)
    with pytest.raises(PermissionDenied):
        complaint_receipt_pdf(uow(), actor=finance, complaint_id=c.id)
