"""PDI checklist templates (issue #7, T/CSCA 120031-2023 4.4.1.2): load the default checklist,
publish new versions, brand-specific templates, import and export as JSON.

A template version is never edited: an admin's change (add, reorder, retire items, texts)
publishes the next version for that brand and the previous one stops being current. An
inspection keeps the version it was started with; the delivery gate asks for a pass of the
version current for the car's brand (a brand's own template, else the "*" one).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app.core.clock import utcnow
from app.pdi.rules import ALL_BRANDS, TemplateDefinition, definition_to_json, parse_definition
from app.core.errors import Conflict, FieldError, NotFound, ShowroomError, ValidationFailed
from app.core.permissions import Action, require
from app.core.common import commit
from app.core.dto import Actor
from app.core.validation import check_length, clean_text
from app.pdi.coverage import coverage_problems
from app.pdi.dto import PdiTemplateDTO
from db.changed_by import stale_who
from db.models import StaffUser
from db.pdi_models import PdiTemplate
from db.uow import UnitOfWork

DEFAULT_TEMPLATE_FILE = Path(__file__).resolve().parents[2] / "resources" / "pdi" / "default.json"
MAX_IMPORT_BYTES = 1_000_000
MAX_PUBLISH_NOTE = 500


def read_template_file(path: str | Path) -> TemplateDefinition:
    """Read and validate a template file; problems come back as ValidationFailed (field =
    where in the file), a file that is not JSON as `pdi_template_not_json`."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ShowroomError("pdi_file_unreadable", path=str(path), reason=e.strerror or str(e)) from None
    if len(raw) > MAX_IMPORT_BYTES:
        raise ShowroomError("pdi_template_too_large", max=MAX_IMPORT_BYTES)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ShowroomError("pdi_template_not_json", line=getattr(e, "lineno", 0) or 0) from None
    return parse_definition(data)


@lru_cache(maxsize=1)
def standard_checklist() -> TemplateDefinition:
    """The checklist every other must cover (4.4.1.2 b): resources/pdi/default.json."""
    return read_template_file(DEFAULT_TEMPLATE_FILE)


def check_coverage(d: TemplateDefinition, *, approve_omissions: bool) -> None:
    """4.4.1.2 b (issue #17): a checklist covers the standard one or names each omission with
    its reason, and becomes current only with its omissions approved; else ValidationFailed
    listing every part left out (`pdi_omission_unnamed`) or awaiting approval
    (`pdi_omission_unapproved`)."""
    problems = coverage_problems(d, standard_checklist(), approved=approve_omissions)
    if problems:
        raise ValidationFailed(problems)


def approved_for_use(t: PdiTemplate) -> bool:
    """A stored version covers the standard checklist, or its omissions were approved when it
    was published. False only for a version published before this rule (issue #17): such
    a checklist opens no inspection and no delivery until it is published again."""
    approved = bool((t.definition or {}).get("omissions_approved"))
    return not coverage_problems(definition_of(t), standard_checklist(), approved=approved)


def require_approved(t: PdiTemplate) -> None:
    if not approved_for_use(t):
        raise ShowroomError("pdi_checklist_not_approved", brand=t.brand, version=t.template_version)


# Parsed checklists by their JSON text: a published version is never edited, and every PDI
# write read it again (a fifth of the demo's PDI build, issue #17 speed). Keyed by the text,
# not the row id, so two databases (the demo's, a test's) never share an entry wrongly.
_PARSED: dict[str, TemplateDefinition] = {}
_MAX_PARSED = 16


def definition_of(t: PdiTemplate) -> TemplateDefinition:
    text = json.dumps(t.definition, sort_keys=True, ensure_ascii=False)
    parsed = _PARSED.get(text)
    if parsed is None:
        parsed = parse_definition(t.definition)  # refuses (raises) before anything is kept
        if len(_PARSED) >= _MAX_PARSED:
            _PARSED.clear()
        _PARSED[text] = parsed
    return parsed


def _dto(uow: UnitOfWork, t: PdiTemplate) -> PdiTemplateDTO:
    by = uow.session.get(StaffUser, t.published_by_id) if t.published_by_id else None
    items = [i for i in definition_of(t).items() if not i.retired]
    return PdiTemplateDTO(
        id=t.id,
        key=t.key,
        brand=t.brand,
        template_version=t.template_version,
        title_zh=t.title_zh,
        title_en=t.title_en,
        current=t.current,
        published_at=t.published_at,
        published_by_name=by.full_name if by else None,
        item_count=len(items),
        version=t.version,
    )


def _publish_note(note: str | None) -> str:
    """The note a version is published with, as pasted: whitespace normalised, too long
    refused, never cut (issue #17.3)."""
    errors: list[FieldError] = []
    note = check_length(clean_text(note), "note", MAX_PUBLISH_NOTE, errors)
    if errors:
        raise ValidationFailed(errors)
    return note


def _publish(
    uow: UnitOfWork,
    d: TemplateDefinition,
    actor_id: int | None,
    note: str = "",
    expected_current_id: int | None = None,
    check_expected: bool = False,
) -> PdiTemplate:
    """Add the next version for d.brand inside the caller's transaction. Its omissions were
    approved by the publishing administrator (check_coverage): who and when is kept with them."""
    s = uow.session
    current = s.scalar(select(PdiTemplate).where(PdiTemplate.brand == d.brand, PdiTemplate.current.is_(True)))
    if check_expected and (current.id if current else None) != expected_current_id:
        # Another admin published meanwhile: this edit was made on an older version.
        raise Conflict(
            table="pdi_template",
            brand=d.brand,
            expected=expected_current_id,
            current=current.id if current else None,
            **_published_by(s, current),  # issue #17.15: who published it, when
        )
    last = s.scalar(select(func.max(PdiTemplate.template_version)).where(PdiTemplate.brand == d.brand)) or 0
    now = utcnow()
    stored = definition_to_json(d)
    if d.omissions:
        stored["omissions_approved"] = {"by_id": actor_id, "at": now.isoformat(timespec="seconds")}
    t = PdiTemplate(
        key=d.key,
        brand=d.brand,
        template_version=last + 1,
        title_zh=d.title_zh,
        title_en=d.title_en,
        definition=stored,
        current=True,
        published_at=now,
        published_by_id=actor_id,
        note=note,
    )
    try:
        if current is not None:
            current.current = False  # version-checked UPDATE: a concurrent publish loses
            s.flush()
        s.add(t)
        s.flush()  # (brand, template_version) is unique: the same race caught by the database
    except (StaleDataError, IntegrityError):
        s.rollback()
        # Issue #17.15: who published the version this edit lost to.
        raise Conflict(**{**stale_who(s), "table": "pdi_template", "brand": d.brand}) from None
    return t


def _published_by(s, t: PdiTemplate | None) -> dict:
    if t is None or t.published_by_id is None:
        return {}
    user = s.get(StaffUser, t.published_by_id)
    return {
        "by_user_id": t.published_by_id,
        "by_name": user.full_name if user else None,
        "at": t.published_at.isoformat(timespec="seconds"),
    }


def ensure_default_template(uow: UnitOfWork) -> bool:
    """Load resources/pdi/default.json as version 1 of the "*" template when no template
    exists yet (first use); True when it was loaded."""
    with uow:
        if uow.session.scalar(select(PdiTemplate.id).limit(1)) is not None:
            return False
        d = read_template_file(DEFAULT_TEMPLATE_FILE)
        try:
            _publish(uow, d, None, note="resources/pdi/default.json")
            commit(uow)
        except Conflict:
            return False  # another terminal loaded it at the same moment
        return True


def current_template_row(session, brand: str) -> PdiTemplate | None:
    """The template a car of `brand` is inspected with: its brand's own, else the "*" one."""
    for b in (brand, ALL_BRANDS):
        t = session.scalar(select(PdiTemplate).where(PdiTemplate.brand == b, PdiTemplate.current.is_(True)))
        if t is not None:
            return t
    return None


def list_templates(uow: UnitOfWork, *, actor: Actor, include_old: bool = True) -> list[PdiTemplateDTO]:
    require(actor, Action.VIEW_PDI)
    ensure_default_template(uow)
    with uow:
        stmt = select(PdiTemplate).order_by(PdiTemplate.brand, PdiTemplate.template_version.desc())
        if not include_old:
            stmt = stmt.where(PdiTemplate.current.is_(True))
        return [_dto(uow, t) for t in uow.session.scalars(stmt)]


def get_template_definition(uow: UnitOfWork, *, actor: Actor, template_id: int) -> TemplateDefinition:
    require(actor, Action.VIEW_PDI)
    with uow:
        t = uow.session.get(PdiTemplate, template_id)
        if t is None:
            raise NotFound(what="pdi_template", id=template_id)
        return definition_of(t)


def publish_template(
    uow: UnitOfWork,
    *,
    actor: Actor,
    definition: dict | TemplateDefinition,
    based_on_id: int | None,
    note: str = "",
    approve_omissions: bool = False,
) -> PdiTemplateDTO:
    """Publish an edited checklist as the next version of its brand's template.
    `based_on_id` is the current template the edit started from (None for a brand's first
    template): if another admin published meanwhile, Conflict, and nothing is written.
    What it leaves out of the standard checklist is named with reasons and approved by this
    administrator (`approve_omissions`, 4.4.1.2 b), else ValidationFailed."""
    require(actor, Action.MANAGE_PDI_TEMPLATES)
    d = definition if isinstance(definition, TemplateDefinition) else parse_definition(definition)
    note = _publish_note(note)
    check_coverage(d, approve_omissions=approve_omissions)
    ensure_default_template(uow)
    with uow.act_as(actor):  # who replaced the current version (issue #17.15)
        t = _publish(uow, d, actor.user_id, note, based_on_id, True)
        commit(uow)
        return _dto(uow, t)


def import_template(
    uow: UnitOfWork, *, actor: Actor, path: str | Path, note: str = "", approve_omissions: bool = False
) -> PdiTemplateDTO:
    """Publish the checklist in a JSON file as the next version of its brand's template
    (a brand's first import creates its own template). The version in the file is ignored:
    versions are numbered by the store's history; an approval in the file is ignored too:
    the importing administrator approves the omissions it names (`approve_omissions`)."""
    require(actor, Action.MANAGE_PDI_TEMPLATES)
    d = read_template_file(path)
    note = _publish_note(note or f"import {Path(path).name}")
    check_coverage(d, approve_omissions=approve_omissions)
    ensure_default_template(uow)
    with uow.act_as(actor):  # who replaced the current version (issue #17.15)
        t = _publish(uow, d, actor.user_id, note)
        commit(uow)
        return _dto(uow, t)


def export_template(
    uow: UnitOfWork,
    *,
    actor: Actor,
    template_id: int | None = None,
    brand: str = ALL_BRANDS,
    path: str | Path | None = None,
) -> dict:
    """The JSON of one template version (default: the current "*" one); written to `path`
    when given (UTF-8, readable Chinese)."""
    require(actor, Action.MANAGE_PDI_TEMPLATES)
    ensure_default_template(uow)
    with uow:
        if template_id is not None:
            t = uow.session.get(PdiTemplate, template_id)
        else:
            t = uow.session.scalar(select(PdiTemplate).where(PdiTemplate.brand == brand, PdiTemplate.current.is_(True)))
        if t is None:
            raise NotFound(what="pdi_template", id=template_id, brand=brand)
        data = definition_to_json(definition_of(t), t.template_version)
    if path is not None:
        try:
            Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        except OSError as e:
            raise ShowroomError("pdi_file_unwritable", path=str(path), reason=e.strerror or str(e)) from None
    return data
