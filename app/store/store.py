"""The store record and first-run set-up (the wizard creates the store and the first admin)."""

from __future__ import annotations

import re

from sqlalchemy import exists, select

from app.core.errors import FieldError, NotFound, SetupRequired, ShowroomError, ValidationFailed
from app.core.permissions import Action, require
from app.staff.api import actor_of
from app.staff.api import insert_user as _insert_user
from app.core.common import check_version, commit
from app.core.dto import Actor, StoreDTO
from app.core.validation import check_length, clean_line
from db.models import Role, StaffRole, StaffUser, Store
from db.uow import UnitOfWork

# Hotlines are landlines (021-6xxxxxxx), 400/800 numbers or mobiles: digits with separators.
PHONE_RE = re.compile(r"^\+?[\d\s\-()]{5,24}$", re.ASCII)
# What the store's record holds; printed on every card and notice, so too long is refused.
MAX_LENGTHS = {"legal_name": 200, "address": 300, "website": 200}


def clean_store_fields(**values: str | None) -> dict[str, str]:
    """The store's details as pasted, on one line each (issue #17.3)."""
    return {name: clean_line(value) for name, value in values.items()}


def store_dto(s: Store) -> StoreDTO:
    return StoreDTO(
        s.id,
        s.legal_name,
        s.address,
        s.sales_hotline,
        s.complaint_phone,
        s.website,
        s.version,
        s.card_url_template or "",
        s.visitor_retention_months or 12,
    )


def validate_store_fields(
    *, legal_name: str, address: str, sales_hotline: str, complaint_phone: str, website: str = ""
) -> list[FieldError]:
    errors: list[FieldError] = []
    for name, value in (("legal_name", legal_name), ("address", address)):
        if not clean_line(value):
            errors.append(FieldError(name, "required"))
    for name, value in (("sales_hotline", sales_hotline), ("complaint_phone", complaint_phone)):
        value = clean_line(value)
        if not value:
            errors.append(FieldError(name, "required"))
        elif not PHONE_RE.match(value) or sum(c.isdigit() for c in value) < 5:
            errors.append(FieldError(name, "phone_format"))
    for name, value in (("legal_name", legal_name), ("address", address), ("website", website)):
        check_length(clean_line(value), name, MAX_LENGTHS[name], errors)  # said, never cut (issue #17.3)
    return errors


def needs_setup(uow: UnitOfWork) -> bool:
    """True until the store exists and at least one active admin can log in."""
    with uow:
        has_store = uow.session.scalar(select(exists().where(Store.id.is_not(None))))
        has_admin = uow.session.scalar(
            select(
                exists().where(
                    StaffRole.role == Role.ADMIN.value, StaffRole.user_id == StaffUser.id, StaffUser.active.is_(True)
                )
            )
        )
        return not (has_store and has_admin)


def set_up_store(
    uow: UnitOfWork,
    *,
    legal_name: str,
    address: str,
    sales_hotline: str,
    complaint_phone: str,
    website: str = "",
    admin_username: str,
    admin_full_name: str,
    admin_password: str,
) -> Actor:
    """First run: create the store and the first admin in one transaction. Refused once done."""
    if not needs_setup(uow):
        raise ValidationFailed([FieldError("store", "already_set_up")])
    errors = validate_store_fields(
        legal_name=legal_name,
        address=address,
        sales_hotline=sales_hotline,
        complaint_phone=complaint_phone,
        website=website,
    )
    with uow:
        try:
            admin = None
            if not errors:
                admin = _insert_user(
                    uow, username=admin_username, full_name=admin_full_name, password=admin_password, roles=[Role.ADMIN]
                )
        except ValidationFailed as e:
            errors.extend(FieldError("admin_" + fe.field, fe.code, fe.params) for fe in e.errors)
        if errors or admin is None:  # no error means the administrator was inserted
            raise ValidationFailed(errors)
        store = uow.session.scalar(select(Store)) or Store()
        details = clean_store_fields(
            legal_name=legal_name,
            address=address,
            sales_hotline=sales_hotline,
            complaint_phone=complaint_phone,
            website=website,
        )
        for name, value in details.items():
            setattr(store, name, value)
        uow.session.add(store)
        uow.commit()
        return actor_of(admin)


def get_store(uow: UnitOfWork) -> StoreDTO:
    with uow:
        return store_in(uow.session)


def store_in(session) -> StoreDTO:
    """`get_store` inside the caller's open transaction (one session less for a use case that
    reads its other rows anyway; issue #18.11)."""
    store = session.scalar(select(Store))
    if store is None:
        raise SetupRequired()
    return store_dto(store)


def update_store(
    uow: UnitOfWork,
    *,
    actor: Actor,
    expected_version: int,
    legal_name: str,
    address: str,
    sales_hotline: str,
    complaint_phone: str,
    website: str = "",
    card_url_template: str | None = None,
) -> StoreDTO:
    """`card_url_template` None keeps the current one; "" switches QR codes back to text."""
    require(actor, Action.EDIT_STORE)
    errors = validate_store_fields(
        legal_name=legal_name,
        address=address,
        sales_hotline=sales_hotline,
        complaint_phone=complaint_phone,
        website=website,
    )
    if card_url_template and card_url_template.strip():
        from app.showroom.api import check_url_template

        try:
            check_url_template(card_url_template)
        except ShowroomError as e:
            errors.append(FieldError("card_url_template", e.code, dict(e.params)))
    if errors:
        raise ValidationFailed(errors)
    with uow.act_as(actor):  # who changed it (issue #17.15) and the audit's actor
        store = uow.session.scalar(select(Store))
        if store is None:
            raise NotFound(what="store")
        check_version(store, expected_version)
        details = clean_store_fields(
            legal_name=legal_name,
            address=address,
            sales_hotline=sales_hotline,
            complaint_phone=complaint_phone,
            website=website,
        )
        for name, value in details.items():
            setattr(store, name, value)
        if card_url_template is not None:
            store.card_url_template = card_url_template.strip()
        commit(uow)
        return store_dto(store)
