"""What the drill-down (issue #20.2) asks beside the records: which deal a contract belongs to
(a contract counted in 3.11 or 3.12 opens on its deal's page) and the names of the consultants
the records carry. Read-only."""

from __future__ import annotations

from sqlalchemy import select

from app.core.dto import Actor
from app.core.errors import NotFound
from app.core.permissions import Action, require
from db.models import StaffUser
from db.sales_models import Contract
from db.uow import UnitOfWork


def get_deal_of_contract(uow: UnitOfWork, *, actor: Actor, contract_id: int) -> int:
    """The id of the deal whose contract `contract_id` is (any revision, ended ones too)."""
    require(actor, Action.VIEW_KPIS)
    with uow:
        deal_id = uow.session.execute(select(Contract.deal_id).where(Contract.id == contract_id)).scalar_one_or_none()
    if deal_id is None:
        raise NotFound(what="contract", id=contract_id)
    return deal_id


def get_consultant_names(uow: UnitOfWork, *, actor: Actor, staff_ids: set[int]) -> dict[int, str]:
    """The names of the consultants the drill-down's records carry (RecordRef.consultant_id)."""
    require(actor, Action.VIEW_KPIS)
    if not staff_ids:
        return {}
    with uow:
        rows = uow.session.execute(select(StaffUser.id, StaffUser.full_name).where(StaffUser.id.in_(staff_ids))).all()
    return {staff_id: name for staff_id, name in rows}
