"""The PDI dialog with a voided report (issue #17.2; T/CSCA 120031-2023 4.4.1.4): the
technician sees that the report was voided and may sign it again."""

from __future__ import annotations

import pytest

from app.documents import documents
from app.pdi import queries as pdi_queries, report as pdi_report
from db.models import Role
from tests.factories import isolated_data_dir, make_store  # noqa: F401  (fixture)
from tests.integration.test_pdi_permissions import VALID_UNTIL, passed_inspection, signatures, sold_car
from ui.pdi.inspection_dialog import PdiInspectionDialog

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


def test_4_4_1_4_a_voided_report_is_shown_and_may_be_signed_again(qtbot, make_ctx, uow, sync_ops):
    make_store(uow)
    manager = make_ctx(Role.SALES_MANAGER)
    tech = make_ctx(
        Role.PDI_TECHNICIAN, full_name="孙海涛", pdi_certificate_no="SH-PDI-1", pdi_certificate_expiry=VALID_UNTIL
    )
    car = sold_car(uow, manager.actor)
    ins = passed_inspection(uow, tech.actor, car.id)
    doc = pdi_report.issue_pdi_report(
        uow(), actor=tech.actor, inspection_id=ins.id, customer_name="李女士", signatures=signatures()
    )
    documents.void_document(uow(), actor=manager.actor, document_id=doc.id, reason="客户姓名写错")
    dialog = PdiInspectionDialog(tech, pdi_queries.get_inspection(uow(), actor=tech.actor, inspection_id=ins.id))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.report_button.isEnabled()
    assert doc.number in dialog.blockers.text() and "voided" in dialog.blockers.text()
