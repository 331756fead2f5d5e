"""Where a drill-down record opens (issue #20.2): a contract counted in 3.11 or 3.12 is shown
on its deal's page, so the dashboard asks which deal a contract belongs to. Read-only."""

from __future__ import annotations

from sqlalchemy import select

from app.core.dto import Actor
from app.core.errors import NotFound
from app.core.permissions import Action, require
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
