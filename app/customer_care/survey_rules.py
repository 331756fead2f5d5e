"""Questionnaires as data (T/CSCA 120031 3.18, 4.5.2.3; seed 004): a template's questions, the
check of an answer sheet against them, and the rule stored with the template that says whether
the answers mean "satisfied".

The rule ("satisfied" in the definition): every score named in `scores` (all scores when left
out) at least `min_score`, every yes/no named in `yes` answered yes, and no choice answered
with an option listed under `not`. Answers outside the template are refused, never stored.
"""

from __future__ import annotations

from typing import Any

from app.core.errors import FieldError, ValidationFailed
from app.core.validation import clean_text
from app.customer_care.dto import SurveyQuestionDTO

KINDS = ("score", "yes_no", "choice", "text")
MAX_TEXT = 500


def parse_questions(definition: dict) -> tuple[SurveyQuestionDTO, ...]:
    """The questions of a definition; a malformed one raises ValidationFailed."""
    out, seen = [], set()
    for i, q in enumerate(definition.get("questions") or ()):
        qid, kind = str(q.get("id") or ""), q.get("kind")
        if not qid or qid in seen or kind not in KINDS:
            raise ValidationFailed([FieldError(f"questions.{i}", "survey_template_invalid")])
        seen.add(qid)
        out.append(
            SurveyQuestionDTO(
                id=qid, kind=kind, zh=str(q.get("zh") or ""), en=str(q.get("en") or ""),
                required=bool(q.get("required", True)), min=int(q.get("min", 1)), max=int(q.get("max", 5)),
                options=tuple(str(o) for o in q.get("options") or ()),
            )
        )  # fmt: skip
    if not out:
        raise ValidationFailed([FieldError("questions", "survey_template_invalid")])
    return tuple(out)


def _answer_error(q: SurveyQuestionDTO, value: Any) -> str | None:
    if q.kind == "score":
        ok = isinstance(value, int) and not isinstance(value, bool) and q.min <= value <= q.max
        return None if ok else "survey_answer_out_of_range"
    if q.kind == "yes_no":
        return None if isinstance(value, bool) else "survey_answer_invalid"
    if q.kind == "choice":
        return None if value in q.options else "survey_answer_out_of_range"
    return None if isinstance(value, str) and len(value) <= MAX_TEXT else "survey_answer_invalid"


def clean_answers(questions: tuple[SurveyQuestionDTO, ...], answers: dict[str, Any]) -> dict[str, Any]:
    """The answers as stored, or ValidationFailed naming every answer outside the template
    (an unknown question, a score out of range, an option not offered) and every required
    question left unanswered."""
    by_id = {q.id: q for q in questions}
    errors = [FieldError(f"answers.{k}", "survey_answer_unknown") for k in answers if k not in by_id]
    out: dict[str, Any] = {}
    for q in questions:
        value = answers.get(q.id)
        if isinstance(value, str):
            value = clean_text(value)
        if value is None or value == "":
            if q.required:
                errors.append(FieldError(f"answers.{q.id}", "survey_answer_required"))
            continue
        code = _answer_error(q, value)
        if code:
            errors.append(FieldError(f"answers.{q.id}", code, {"min": q.min, "max": q.max}))
        out[q.id] = value
    if errors:
        raise ValidationFailed(errors)
    return out


def is_satisfied(questions: tuple[SurveyQuestionDTO, ...], rule: dict, answers: dict[str, Any]) -> bool:
    """The template's rule applied to clean answers (see the module docstring)."""
    scores = rule.get("scores") or [q.id for q in questions if q.kind == "score"]
    least = int(rule.get("min_score", 0))
    if any(isinstance(answers.get(k), int) and answers[k] < least for k in scores):
        return False
    if any(answers.get(k) is not True for k in rule.get("yes") or ()):
        return False
    return not any(answers.get(k) in bad for k, bad in (rule.get("not") or {}).items())
