"""Issuing the signed disclosure (issue #18.3; 4.2.3.4): checked, rendered and signed with no
transaction open, then archived with the Disclosure row and the follow-up task in one
transaction. A repeated request (same key) returns the first disclosure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from app.core.clock import store_today
from app.core.common import commit
from app.core.dto import Actor, SignatureCapture
from app.core.request_keys import first_record, remember
from app.sales.deals import deal_for_sale
from app.sales.disclosure import FOLLOW_UP_DAYS, disclosure_dto, sign_blockers
from app.sales.disclosure_pdf import DisclosurePdfDTO, render_disclosure
from app.sales.quote_dto import DisclosureDTO
from db.care_models import FollowUpTask, TaskKind
from db.models import StaffUser, Vehicle
from db.reception_models import Customer
from db.sales_models import Deal, Disclosure
from db.uow import UnitOfWork

SIGN_DISCLOSURE = "sign_disclosure"


def _content(s, deal: Deal, car: Vehicle, items, follow_up_staff_id: int, due: dt.datetime) -> DisclosurePdfDTO:
    customer, consultant = s.get(Customer, deal.customer_id), s.get(StaffUser, deal.consultant_id)
    return DisclosurePdfDTO(
        customer_name=(customer.name if customer else None) or "",
        consultant_name=consultant.full_name if consultant else "",
        car=f"{car.brand} {car.model} {car.trim or ''}".strip(),
        vin=car.vin,
        production_date=car.production_date,
        items=items,
        follow_up_name=s.get(StaffUser, follow_up_staff_id).full_name,
        follow_up_due=due,
    )


def _write(s, actor: Actor, deal: Deal, car: Vehicle, items, staff_id: int, prepared, now, due) -> Disclosure:
    from app.documents.api import archive_prepared

    task = FollowUpTask(
        kind=TaskKind.DISCLOSURE, assignee_id=staff_id, customer_id=deal.customer_id, deal_id=deal.id, due_at=due,
        subject=f"披露事项跟进 {car.vin}", created_at=now, created_by_id=actor.user_id, updated_at=now,
        updated_by_id=actor.user_id,
    )  # fmt: skip
    s.add(task)
    s.flush()
    row = Disclosure(
        deal_id=deal.id, vehicle_id=car.id, items=[{"kind": i.kind, "text": i.text} for i in items],
        follow_up_staff_id=staff_id, follow_up_task_id=task.id, document_id=archive_prepared(s, prepared, actor),
        document_number=prepared.number, signed_at=now, created_by_id=actor.user_id,
    )  # fmt: skip
    s.add(row)
    s.flush()
    return row


def issue_disclosure(
    uow: UnitOfWork,
    actor: Actor,
    deal_id: int,
    staff_id: int,
    signatures: Sequence[SignatureCapture],
    language: str,
    request_key: str | None,
    now: dt.datetime,
) -> DisclosureDTO:
    from app.documents.api import prepare_document
    from app.documents.layout import SignatureDTO, SignerRole
    from app.store.api import get_store

    due = now + dt.timedelta(days=FOLLOW_UP_DAYS)
    with uow:
        s = uow.session
        first = first_record(s, request_key, SIGN_DISCLOSURE)
        if first is not None:
            return disclosure_dto(s.get_one(Disclosure, first))
        deal = deal_for_sale(s, actor, deal_id)
        car, items = sign_blockers(s, deal, staff_id, signatures, store_today(now))
        content = _content(s, deal, car, items, staff_id, due)
    store = get_store(uow)
    drawn = [SignatureDTO(sig.signer_name, SignerRole(sig.role), sig.signed_at, bytes(sig.png)) for sig in signatures]

    def render(number: str, doc_version: int, issued_at: dt.datetime) -> bytes:
        return render_disclosure(
            store, content, number=number, version=doc_version, language=language, issued_at=issued_at,
            signatures=drawn,
        )  # fmt: skip

    prepared = prepare_document(
        uow, actor=actor, doc_type="disclosure", subject_type="deal", subject_id=deal_id, language=language,
        render=render, signatures=signatures, subject_ref=f"Deal#{deal_id} {content.vin}",
    )  # fmt: skip
    with uow:
        s = uow.session
        deal = deal_for_sale(s, actor, deal_id)
        car, now_items = sign_blockers(s, deal, staff_id, signatures, store_today(now))
        if now_items != items:  # the car's record changed while the PDF was made: sign again
            from app.core.errors import FieldError, ValidationFailed

            raise ValidationFailed([FieldError("disclosure", "disclosure_changed")])
        row = _write(s, actor, deal, car, items, staff_id, prepared, now, due)
        remember(s, request_key, SIGN_DISCLOSURE, row.id, actor_id=actor.user_id, now=now)
        commit(uow)
        return disclosure_dto(row)
