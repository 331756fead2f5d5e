"""The store's discount approval threshold (issue #18.1, T/CSCA 120031 4.3.2.1): a discount
line on a quote above `store.discount_approval_fen` needs a sales_manager's approval with a
reason (the quote part enforces it). Set by whoever manages the price list."""

from __future__ import annotations

from sqlalchemy import select

from app.core.common import check_version, commit
from app.core.dto import Actor
from app.core.errors import FieldError, SetupRequired, ValidationFailed
from app.core.permissions import Action, require
from app.sales.price_dto import DiscountThresholdDTO
from app.sales.price_rules import MAX_AMOUNT_FEN
from db.models import Store
from db.uow import UnitOfWork


def _store(s) -> Store:
    store = s.scalar(select(Store))
    if store is None:
        raise SetupRequired()
    return store


def discount_threshold_fen(s) -> int:
    """Inside a use case's transaction (the quote part): the threshold as saved now."""
    return _store(s).discount_approval_fen


def discount_threshold(uow: UnitOfWork, *, actor: Actor) -> DiscountThresholdDTO:
    """The threshold now (consultants see it too: they know when a discount needs approval)."""
    require(actor, Action.VIEW_PRICE_LIST)
    with uow:
        store = _store(uow.session)
        return DiscountThresholdDTO(store.discount_approval_fen, store.version)


def set_discount_threshold(
    uow: UnitOfWork, *, actor: Actor, expected_version: int, discount_approval_fen: int
) -> DiscountThresholdDTO:
    """Change the threshold (fen, 0 = every discount needs approval); version-checked, audited."""
    require(actor, Action.MANAGE_PRICE_LIST)
    amount = discount_approval_fen
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 <= amount < MAX_AMOUNT_FEN:
        raise ValidationFailed(
            [FieldError("discount_approval_fen", "price_amount_range", {"max_yuan": MAX_AMOUNT_FEN // 100})]
        )
    with uow.act_as(actor):
        store = _store(uow.session)
        check_version(store, expected_version)
        store.discount_approval_fen, store.updated_by_id = amount, actor.user_id
        commit(uow)
        return DiscountThresholdDTO(store.discount_approval_fen, store.version)
