"""The append-only history of a customer (客户变更记录, issue #17.13; PIPL art. 46): corrections
of the name or mobile, consent withdrawals and reassignments, as `customer_change` rows added in
the transaction that made the change.

The one update ever made to those rows is erasure: when the customer withdraws consent (PIPL
art. 15, 47) the sealed and masked old values go with the name and mobile themselves.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.reception.history_dto import CustomerChangeDTO
from app.reception.support import staff_names
from db.customer_history_models import CustomerChange, CustomerChangeKind
from db.reception_models import Customer
from app.core.masking import mask_mobile, mask_name  # noqa: F401  (re-exported)

# The reason recorded when the desk's check-in changed a returning customer's name.
AT_CHECK_IN = "at_check_in"


def note_change(
    session: Session, customer_id: int, kind: str, by_id: int | None, now: dt.datetime, reason: str, **values
) -> None:
    session.add(
        CustomerChange(
            customer_id=customer_id, kind=str(kind), note=reason, changed_at=now, changed_by_id=by_id, **values
        )
    )


def note_name_at_check_in(session: Session, customer: Customer, name: str, by_id: int | None, now) -> None:
    """A returning customer gave another name at the desk: the change is kept, masked (the
    check-in holds no sealing key; the old name stays only in its masked form)."""
    note_change(
        session,
        customer.id,
        CustomerChangeKind.NAME_CORRECTED,
        by_id,
        now,
        AT_CHECK_IN,
        old_value_masked=mask_name(customer.name),
        new_value_masked=mask_name(name),
    )


def note_withdrawal(
    session: Session, customer_id: int, consent_id: int, by_id: int | None, reason: str, now: dt.datetime
) -> None:
    note_change(session, customer_id, CustomerChangeKind.CONSENT_WITHDRAWN, by_id, now, reason, consent_id=consent_id)


def erase_kept_values(session: Session, customer_id: int) -> None:
    """The old names and mobiles kept by corrections go with the customer's details."""
    session.execute(
        update(CustomerChange)
        .where(CustomerChange.customer_id == customer_id)
        .values(old_value_sealed=None, old_value_masked=None, new_value_masked=None)
    )


def customer_changes(session: Session, customer_id: int) -> list[CustomerChangeDTO]:
    """Newest first."""
    rows = list(
        session.scalars(
            select(CustomerChange)
            .where(CustomerChange.customer_id == customer_id)
            .order_by(CustomerChange.changed_at.desc(), CustomerChange.id.desc())
        )
    )
    names = staff_names(session, [x for r in rows for x in (r.from_consultant_id, r.to_consultant_id, r.changed_by_id)])
    return [
        CustomerChangeDTO(
            at=r.changed_at,
            kind=r.kind,
            old_value_masked=r.old_value_masked,
            new_value_masked=r.new_value_masked,
            from_consultant_name=names.get(r.from_consultant_id) if r.from_consultant_id else None,
            to_consultant_name=names.get(r.to_consultant_id) if r.to_consultant_id else None,
            reason=r.note,
            by_name=names.get(r.changed_by_id, "") if r.changed_by_id else "",
        )
        for r in rows
    ]


def withdrawal_notes(session: Session, customer_id: int) -> dict[int, tuple[str, int | None]]:
    """{consent id: (reason, withdrawn by)} of the customer's withdrawals."""
    rows = session.execute(
        select(CustomerChange.consent_id, CustomerChange.note, CustomerChange.changed_by_id).where(
            CustomerChange.customer_id == customer_id,
            CustomerChange.kind == CustomerChangeKind.CONSENT_WITHDRAWN.value,
            CustomerChange.consent_id.is_not(None),
        )
    ).all()
    return {cid: (note, by) for cid, note, by in rows if cid is not None}
