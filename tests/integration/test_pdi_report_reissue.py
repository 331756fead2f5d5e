"""A voided PDI report (issue #17.2; T/CSCA 120031-2023 4.4.1.4: the record given to the
customer): it counts as no report, so the car cannot be delivered on it, and the technician
reissues it as the next version of the same number, signed again by the customer."""

from __future__ import annotations

import pytest

from app.core.errors import ShowroomError
from app.documents import documents
from app.inventory import vehicles
from app.pdi import queries as pdi_queries, report as pdi_report
from app.pdi.rules import QueueState
from db.models import Role
from tests.contract_factories import deliver_car
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401  (fixture)
from tests.integration.test_pdi_permissions import passed_inspection, signatures, sold_car, technician

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


def _deliver(uow, manager, car_id):
    # Delivered only through the handover (issue #18.4), which keeps this PDI gate.
    return deliver_car(uow, manager, car_id)


def test_4_4_1_4_a_voided_report_blocks_delivery_and_is_reissued_as_the_next_version(uow):
    make_store(uow)
    manager = make_user(uow, Role.SALES_MANAGER, full_name="王经理")
    tech = technician(uow)
    car = sold_car(uow, manager)
    ins = passed_inspection(uow, tech, car.id)
    first = pdi_report.issue_pdi_report(
        uow(), actor=tech, inspection_id=ins.id, customer_name="李女士", signatures=signatures()
    )
    documents.void_document(uow(), actor=manager, document_id=first.id, reason="客户姓名写错")

    # The voided report counts as none: the gate refuses and the queue wants a report.
    with pytest.raises(ShowroomError) as e:
        _deliver(uow, manager, car.id)
    assert e.value.code == "pdi_report_required"
    assert pdi_queries.queue(uow(), actor=manager)[0].state == QueueState.PASSED
    shown = pdi_queries.get_inspection(uow(), actor=tech, inspection_id=ins.id)
    assert shown.report_voided

    # Reissued by the technician: the same number, the next version; the old one points at it.
    second = pdi_report.issue_pdi_report(
        uow(), actor=tech, inspection_id=ins.id, customer_name="李晓梅", signatures=signatures("李晓梅")
    )
    assert (second.number, second.version) == (first.number, 2)
    old = documents.get_document_by_id(uow(), actor=manager, document_id=first.id)
    assert old.replaced_by_id == second.id
    shown = pdi_queries.get_inspection(uow(), actor=tech, inspection_id=ins.id)
    assert shown.report_document_id == second.id and not shown.report_voided
    assert pdi_queries.queue(uow(), actor=manager)[0].state == QueueState.REPORTED

    # A valid report is still one per inspection.
    with pytest.raises(ShowroomError) as e:
        pdi_report.issue_pdi_report(
            uow(), actor=tech, inspection_id=ins.id, customer_name="李晓梅", signatures=signatures("李晓梅")
        )
    assert e.value.code == "pdi_report_exists"
    assert _deliver(uow, manager, car.id).status == "delivered"
