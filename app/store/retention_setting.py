"""The visitor retention period (保存期限), a stored store setting (issue #17.16).

How many months after their last activity a visitor who never bought is kept before the
retention purge anonymises them (PIPL art. 19: no longer than needed; art. 47: then deleted).
It lives on the store record (`store.visitor_retention_months`, migration 0017), so every
terminal and the command line's `purge` use the same period. Only the administrator changes it
(EDIT_STORE), version-checked and audited like any edit of the store. It may not exceed what
the consent texts shown to visitors promised ("不超过 24 个月"): the shortest promise wins.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.core.common import check_version, commit
from app.core.dto import Actor, Changes
from app.core.errors import FieldError, NotFound, SetupRequired, ValidationFailed
from app.core.permissions import Action, require
from app.privacy.api import promised_months
from db.models import Store
from db.uow import UnitOfWork

MIN_MONTHS, MAX_MONTHS = 1, 120


@dataclass(frozen=True)
class RetentionSettingDTO:
    visitor_months: int
    # The shortest period any consent text on record promised (None: none states one).
    promised_months: int | None
    version: int  # the store record's

    @property
    def changes(self) -> Changes:
        return Changes(store=True)


def _dto(session, store: Store) -> RetentionSettingDTO:
    return RetentionSettingDTO(store.visitor_retention_months, promised_months(session), store.version)


def get_retention_setting(uow: UnitOfWork, *, actor: Actor) -> RetentionSettingDTO:
    require(actor, Action.EDIT_STORE)
    with uow:
        store = uow.session.scalar(select(Store))
        if store is None:
            raise SetupRequired()
        return _dto(uow.session, store)


def set_visitor_retention(
    uow: UnitOfWork, *, actor: Actor, expected_version: int, visitor_months: int
) -> RetentionSettingDTO:
    """Change the period; refused outside 1–120 months or beyond what consent texts promised."""
    require(actor, Action.EDIT_STORE)
    if not isinstance(visitor_months, int) or not MIN_MONTHS <= visitor_months <= MAX_MONTHS:
        raise ValidationFailed([FieldError("visitor_months", "out_of_range", {"min": MIN_MONTHS, "max": MAX_MONTHS})])
    with uow.act_as(actor):
        s = uow.session
        store = s.scalar(select(Store))
        if store is None:
            raise NotFound(what="store")
        check_version(store, expected_version)
        promised = promised_months(s)
        if promised is not None and visitor_months > promised:
            raise ValidationFailed([FieldError("visitor_months", "retention_exceeds_consent", {"max": promised})])
        store.visitor_retention_months = visitor_months
        commit(uow)
        return _dto(s, store)
