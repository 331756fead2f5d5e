"""Reception reference data: source channels (来源渠道), consent texts (PIPL), model choices.

Migration 0003 seeds the default channels and consent text v1 into every new database;
`ensure_reception_defaults` adds them again where they are missing (databases built by
create_all, emptied test databases, the demo).
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import case, func, select

from app.core.clock import utcnow
from app.reception.rules import CONSENT_V1_EN, CONSENT_V1_LABEL, CONSENT_V1_ZH, DEFAULT_CHANNELS
from app.core.errors import FieldError, NotFound, PermissionDenied, ValidationFailed
from app.core.permissions import Action, require
from app.core.common import check_version, commit
from app.core.dto import Actor
from app.core.validation import clean_line
from app.reception.dto import ChannelDTO, ConsentTextDTO, ModelChoiceDTO
from db.models import Vehicle, VehicleStatus
from db.reception_models import ConsentPurpose, ConsentText, SourceChannel
from db.uow import UnitOfWork

CHANNEL_CODE_RE = re.compile(r"^[a-z0-9_]{2,32}$")
VERSION_LABEL_RE = re.compile(r"^[A-Za-z0-9._\-]{1,20}$")
# Cars a visitor can look at or drive today (4.2.1.2 展车, 4.2.4 试驾车) or that are in stock.
_AVAILABLE = (VehicleStatus.ON_DISPLAY, VehicleStatus.IN_STOCK, VehicleStatus.TEST_DRIVE_FLEET)


def channel_dto(c: SourceChannel) -> ChannelDTO:
    return ChannelDTO(c.id, c.code, c.name, c.name_en, c.active, c.sort_order, c.version)


def consent_text_dto(t: ConsentText) -> ConsentTextDTO:
    return ConsentTextDTO(t.id, t.purpose, t.version_label, t.text_zh, t.text_en, t.effective_from)


def ensure_reception_defaults(uow: UnitOfWork, *, now: dt.datetime | None = None) -> bool:
    """Add the default channels and consent text v1 where missing. True if anything was added."""
    now = now or utcnow()
    added = False
    with uow:
        have = set(uow.session.scalars(select(SourceChannel.code)))
        for order, (code, name, name_en) in enumerate(DEFAULT_CHANNELS, start=1):
            if code not in have:
                uow.session.add(
                    SourceChannel(
                        code=code,
                        name=name,
                        name_en=name_en,
                        active=True,
                        sort_order=order * 10,
                        created_at=now,
                        updated_at=now,
                    )
                )
                added = True
        if not uow.session.scalar(select(ConsentText.id).where(ConsentText.purpose == ConsentPurpose.CONTACT.value)):
            uow.session.add(
                ConsentText(
                    purpose=ConsentPurpose.CONTACT.value,
                    version_label=CONSENT_V1_LABEL,
                    text_zh=CONSENT_V1_ZH,
                    text_en=CONSENT_V1_EN,
                    effective_from=dt.datetime(2000, 1, 1),
                    created_at=now,
                )
            )
            added = True
        uow.commit()
    return added


# --- channels ------------------------------------------------------------------------------


def list_channels(uow: UnitOfWork, *, actor: Actor, include_inactive: bool = False) -> list[ChannelDTO]:
    """The check-in form's choice list (active only, in sort order). Any logged-in user."""
    if actor is None:
        raise PermissionDenied(action="list_channels")
    stmt = select(SourceChannel).order_by(SourceChannel.sort_order, SourceChannel.id)
    if not include_inactive:
        stmt = stmt.where(SourceChannel.active.is_(True))
    with uow:
        return [channel_dto(c) for c in uow.session.scalars(stmt)]


def _channel_errors(code: str | None, name: str, name_en: str, sort_order: int) -> list[FieldError]:
    errors = []
    if code is not None and not CHANNEL_CODE_RE.match(code):
        errors.append(FieldError("code", "channel_code_format"))
    if not (name or "").strip():
        errors.append(FieldError("name", "required"))
    elif len(name.strip()) > 60:
        errors.append(FieldError("name", "too_long", {"max": 60}))
    if len((name_en or "").strip()) > 60:
        errors.append(FieldError("name_en", "too_long", {"max": 60}))
    if not isinstance(sort_order, int) or not 0 <= sort_order <= 100_000:
        errors.append(FieldError("sort_order", "out_of_range", {"min": 0, "max": 100_000}))
    return errors


def add_channel(
    uow: UnitOfWork, *, actor: Actor, code: str, name: str, name_en: str = "", sort_order: int | None = None
) -> ChannelDTO:
    require(actor, Action.MANAGE_CHANNELS)
    code = (code or "").strip().lower()
    name, name_en = clean_line(name), clean_line(name_en)  # as pasted (issue #17.3)
    errors = _channel_errors(code, name, name_en, 0 if sort_order is None else sort_order)
    if errors:
        raise ValidationFailed(errors)
    with uow:
        if uow.session.scalar(select(SourceChannel.id).where(SourceChannel.code == code)):
            raise ValidationFailed([FieldError("code", "channel_code_taken", {"code": code})])
        if sort_order is None:
            sort_order = (uow.session.scalar(select(func.max(SourceChannel.sort_order))) or 0) + 10
        c = SourceChannel(
            code=code,
            name=name.strip(),
            name_en=(name_en or "").strip(),
            active=True,
            sort_order=sort_order,
            updated_by_id=actor.user_id,
        )
        uow.session.add(c)
        commit(uow)
        return channel_dto(c)


def update_channel(
    uow: UnitOfWork,
    *,
    actor: Actor,
    channel_id: int,
    expected_version: int,
    name: str,
    name_en: str = "",
    active: bool = True,
    sort_order: int = 0,
) -> ChannelDTO:
    """Rename, reorder or (de)activate a channel. The code never changes: reports key on it,
    and a channel used by visits is deactivated rather than deleted."""
    require(actor, Action.MANAGE_CHANNELS)
    name, name_en = clean_line(name), clean_line(name_en)  # as pasted (issue #17.3)
    errors = _channel_errors(None, name, name_en, sort_order)
    if errors:
        raise ValidationFailed(errors)
    with uow:
        c = uow.session.get(SourceChannel, channel_id)
        if c is None:
            raise NotFound(what="source_channel", id=channel_id)
        check_version(c, expected_version)
        c.name, c.name_en = name.strip(), (name_en or "").strip()
        c.active, c.sort_order, c.updated_by_id = bool(active), sort_order, actor.user_id
        commit(uow)
        return channel_dto(c)


# --- consent texts -------------------------------------------------------------------------


def current_consent_text(
    uow: UnitOfWork, *, purpose: str = ConsentPurpose.CONTACT, now: dt.datetime | None = None
) -> ConsentTextDTO:
    """The text the desk must show now (the latest in effect). Public: no permission needed."""
    now = now or utcnow()
    with uow:
        t = uow.session.scalar(
            select(ConsentText)
            .where(ConsentText.purpose == str(purpose), ConsentText.effective_from <= now)
            .order_by(ConsentText.effective_from.desc(), ConsentText.id.desc())
        )
        if t is None:
            raise NotFound(what="consent_text", purpose=str(purpose))
        return consent_text_dto(t)


def list_consent_texts(uow: UnitOfWork, *, actor: Actor) -> list[ConsentTextDTO]:
    require(actor, Action.MANAGE_CONSENT_TEXTS)
    with uow:
        rows = uow.session.scalars(select(ConsentText).order_by(ConsentText.purpose, ConsentText.effective_from))
        return [consent_text_dto(t) for t in rows]


def publish_consent_text(
    uow: UnitOfWork,
    *,
    actor: Actor,
    version_label: str,
    text_zh: str,
    text_en: str,
    effective_from: dt.datetime | None = None,
    purpose: str = ConsentPurpose.CONTACT,
    now: dt.datetime | None = None,
) -> ConsentTextDTO:
    """A new version of a consent notice (PIPL art. 14, 17). Published texts never change."""
    require(actor, Action.MANAGE_CONSENT_TEXTS)
    now = now or utcnow()
    effective_from = effective_from or now
    label = (version_label or "").strip()
    errors = []
    try:
        ConsentPurpose(purpose)
    except ValueError:
        errors.append(FieldError("purpose", "unknown_value"))
    if not VERSION_LABEL_RE.match(label):
        errors.append(FieldError("version_label", "version_label_format"))
    for name, value in (("text_zh", text_zh), ("text_en", text_en)):
        if not (value or "").strip():
            errors.append(FieldError(name, "required"))
    if effective_from < now - dt.timedelta(minutes=5):
        errors.append(FieldError("effective_from", "in_past"))
    if errors:
        raise ValidationFailed(errors)
    with uow:
        if uow.session.scalar(
            select(ConsentText.id).where(ConsentText.purpose == str(purpose), ConsentText.version_label == label)
        ):
            raise ValidationFailed([FieldError("version_label", "version_label_taken", {"version_label": label})])
        t = ConsentText(
            purpose=str(purpose),
            version_label=label,
            text_zh=text_zh.strip(),
            text_en=text_en.strip(),
            effective_from=effective_from,
            created_at=now,
            created_by_id=actor.user_id,
        )
        uow.session.add(t)
        uow.commit()
        return consent_text_dto(t)


# --- models of interest --------------------------------------------------------------------


def list_model_choices(uow: UnitOfWork, *, actor: Actor) -> list[ModelChoiceDTO]:
    """Every brand/model the inventory has ever held, with how many cars are there to see."""
    require(actor, Action.VIEW_VEHICLES)
    with uow:
        rows = uow.session.execute(
            select(
                Vehicle.brand,
                Vehicle.model,
                func.sum(case((Vehicle.status.in_([s.value for s in _AVAILABLE]), 1), else_=0)),
            )
            .group_by(Vehicle.brand, Vehicle.model)
            .order_by(Vehicle.brand, Vehicle.model)
        ).all()
        return [ModelChoiceDTO(b, m, int(n or 0)) for b, m, n in rows]


def known_models(uow_session) -> set[tuple[str, str]]:
    return {(b, m) for b, m in uow_session.execute(select(Vehicle.brand, Vehicle.model).distinct())}
