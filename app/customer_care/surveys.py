"""Satisfaction surveys (T/CSCA 120031 3.18, 4.5.2.3; issue #19.2).

Templates are versioned data, as the PDI checklists are (app/pdi/templates.py): a published
version is never edited; publishing a new one retires the current one, and every answer sheet
keeps the version it answered. The store starts with the two defaults in
resources/customer_care/surveys/ (a sales follow-up and a delivery survey), published as
version 1 the first time one is answered.

An answer sheet is recorded against the customer and (usually) the deal; "satisfied" is derived
by the template's own rule; an unsatisfied sheet opens a service-recovery case in the same
transaction (5.2.8).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.common import commit
from app.core.dto import Actor
from app.core.errors import FieldError, NotFound, ValidationFailed
from app.core.permissions import Action, require
from app.core.request_keys import first_record, remember
from app.customer_care.clock import server_now
from app.customer_care.dto import SurveyResponseDTO, SurveyTemplateDTO
from app.customer_care.recovery import open_case
from app.customer_care.survey_rules import clean_answers, is_satisfied, parse_questions
from db.care_models import RecoveryCase, SurveyResponse, SurveyTemplate
from db.reception_models import Customer
from db.sales_models import Deal
from db.uow import UnitOfWork

DEFAULTS_DIR = Path(__file__).resolve().parents[2] / "resources" / "customer_care" / "surveys"
OPERATION = "record_survey"


@lru_cache(maxsize=1)
def default_definitions() -> dict[str, dict]:
    """The store's first questionnaires, by key."""
    out = {}
    for path in sorted(DEFAULTS_DIR.glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        out[d["key"]] = d
    return out


def _dto(t: SurveyTemplate | None, d: dict) -> SurveyTemplateDTO:
    return SurveyTemplateDTO(
        id=t.id if t else None, key=d["key"], template_version=t.template_version if t else 0,
        title_zh=d.get("title_zh", ""), title_en=d.get("title_en", ""), questions=parse_questions(d),
        rule=dict(d.get("satisfied") or {}),
    )  # fmt: skip


def _current(s: Session, key: str) -> SurveyTemplate | None:
    return s.scalars(select(SurveyTemplate).where(SurveyTemplate.key == key, SurveyTemplate.current.is_(True))).first()


def list_survey_templates(uow: UnitOfWork, *, actor: Actor) -> list[SurveyTemplateDTO]:
    """The current version of every questionnaire (a default not yet published as version 0)."""
    require(actor, Action.RECORD_SURVEYS)
    with uow:
        s = uow.session
        keys = sorted(set(default_definitions()) | set(s.scalars(select(SurveyTemplate.key).distinct())))
        out = []
        for key in keys:
            t = _current(s, key)
            out.append(_dto(t, t.definition if t else default_definitions()[key]))
        return out


def _publish(s: Session, definition: dict, actor_id: int, now: dt.datetime) -> SurveyTemplate:
    parse_questions(definition)  # refuses a malformed template before anything is written
    key = str(definition.get("key") or "")
    if not key:
        raise ValidationFailed([FieldError("key", "survey_template_invalid")])
    last = s.scalar(select(func.max(SurveyTemplate.template_version)).where(SurveyTemplate.key == key)) or 0
    previous = _current(s, key)
    if previous is not None:
        previous.current, previous.updated_by_id = False, actor_id
    row = SurveyTemplate(
        key=key, template_version=last + 1, title_zh=str(definition.get("title_zh") or key),
        title_en=str(definition.get("title_en") or key), definition=definition, current=True, published_at=now,
        published_by_id=actor_id, updated_by_id=actor_id,
    )  # fmt: skip
    s.add(row)
    s.flush()
    return row


def publish_survey_template(uow: UnitOfWork, *, actor: Actor, definition: dict) -> SurveyTemplateDTO:
    """Publish the next version of a questionnaire (its key names which one)."""
    require(actor, Action.MANAGE_CARE_SETTINGS)
    with uow:
        s = uow.session
        row = _publish(s, definition, actor.user_id, server_now(s))
        commit(uow)
        return _dto(row, row.definition)


def _template_for(s: Session, key: str, actor_id: int, now: dt.datetime) -> SurveyTemplate:
    t = _current(s, key)
    if t is not None:
        return t
    if key not in default_definitions():
        raise NotFound(what="survey_template", id=key)
    return _publish(s, default_definitions()[key], actor_id, now)


def _subject_errors(s: Session, customer_id: int, deal_id: int | None) -> list[FieldError]:
    if s.get(Customer, customer_id) is None:
        return [FieldError("customer_id", "required")]
    deal = s.get(Deal, deal_id) if deal_id is not None else None
    if deal_id is not None and (deal is None or deal.customer_id != customer_id):
        return [FieldError("deal_id", "survey_deal_not_customers")]
    return []


def response_dto(s: Session, r: SurveyResponse) -> SurveyResponseDTO:
    t = s.get_one(SurveyTemplate, r.template_id)
    case_id = s.scalar(select(RecoveryCase.id).where(RecoveryCase.survey_response_id == r.id))
    return SurveyResponseDTO(
        id=r.id, template_key=t.key, template_version=t.template_version, customer_id=r.customer_id,
        deal_id=r.deal_id, answers=dict(r.answers), satisfied=r.satisfied, recorded_at=r.recorded_at,
        recovery_case_id=case_id,
    )  # fmt: skip


def record_survey(uow: UnitOfWork, *, actor: Actor, template_key: str, customer_id: int, deal_id: int | None,
                  answers: dict[str, Any], request_key: str | None = None,
                  now: dt.datetime | None = None) -> SurveyResponseDTO:  # fmt: skip
    """Record one answer sheet (see the module docstring); a repeated request key returns the first."""
    require(actor, Action.RECORD_SURVEYS)
    with uow:
        s = uow.session
        first = first_record(s, request_key, OPERATION)
        if first is not None:
            return response_dto(s, s.get_one(SurveyResponse, first))
        now = now or server_now(s)
        template = _template_for(s, template_key, actor.user_id, now)
        questions = parse_questions(template.definition)
        errors = _subject_errors(s, customer_id, deal_id)
        try:
            clean = clean_answers(questions, answers)
        except ValidationFailed as e:
            raise ValidationFailed(errors + list(e.errors)) from None
        if errors:
            raise ValidationFailed(errors)
        satisfied = is_satisfied(questions, template.definition.get("satisfied") or {}, clean)
        r = SurveyResponse(template_id=template.id, customer_id=customer_id, deal_id=deal_id, answers=clean,
                           satisfied=satisfied, recorded_at=now, recorded_by_id=actor.user_id)  # fmt: skip
        s.add(r)
        s.flush()
        if not satisfied:
            reason = f"{template.title_zh} v{template.template_version}: {clean.get('comment', '')}".strip(": ")
            open_case(s, customer_id=customer_id, deal_id=deal_id, reason=reason, now=now, actor_id=actor.user_id,
                      survey_response_id=r.id)  # fmt: skip
        remember(s, request_key, OPERATION, r.id, actor_id=actor.user_id, now=now)
        commit(uow)
        return response_dto(s, r)
