"""Setting and listing the store's KPI targets (issue #20.1; T/CSCA 120031 5.2.1).

5.2.1's figures are minimums (3.15's a maximum); a store may hold itself to stricter ones. A
manager sets a new target with the day it takes effect and why; it is one more row in the
append-only ledger `kpi_target` and never rewrites a past period's verdict, so it cannot take
effect before the store's today. The list shows, per KPI, the target in force, the 5.2.1
default and who set it and why, and the whole history (scheduled, in force, superseded).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.core.clock import store_today, utcnow
from app.core.common import commit
from app.core.dto import Actor, Changes
from app.core.errors import FieldError, ValidationFailed
from app.core.permissions import Action, require
from app.core.request_keys import first_record, remember
from app.core.validation import check_length, clean_text
from app.kpis.definitions import BY_CODE, KPIS, KpiCode
from app.kpis.targets import target_rows
from db.kpi_models import KpiTarget
from db.uow import UnitOfWork

SET_KPI_TARGET = "set_kpi_target"
MAX_BP = 10000  # 100 %
REASON_MAX = 500


@dataclass(frozen=True)
class TargetVersion:
    """One row of the ledger, as the list shows it."""

    id: int
    code: KpiCode
    target_bp: int
    effective_from: dt.date
    set_by: str
    reason: str
    set_at: dt.datetime  # naive UTC
    state: str  # 'scheduled' | 'in_force' | 'superseded'


@dataclass(frozen=True)
class KpiTargetLine:
    """One KPI: the target in force today (its version None while 5.2.1's default applies)."""

    code: KpiCode
    default_bp: int
    in_force: TargetVersion | None

    @property
    def target_bp(self) -> int:
        return self.in_force.target_bp if self.in_force else self.default_bp


@dataclass(frozen=True)
class KpiTargetsDTO:
    today: dt.date  # the store's day the states are judged on
    lines: tuple[KpiTargetLine, ...]  # in 5.2.1 order a)-h)
    history: tuple[TargetVersion, ...]  # newest effective day first


@dataclass(frozen=True)
class TargetSetDTO:
    target: TargetVersion

    @property
    def changes(self) -> Changes:
        """A new target changes the verdicts the dashboard shows from its day on."""
        return Changes(kpis=True, ids=frozenset({self.target.id}))


def _versions(s, today: dt.date) -> list[TargetVersion]:
    rows = target_rows(s)
    in_force: dict[str, int] = {}
    for row, _name in rows:  # oldest first: the last one on or before today is in force
        if row.effective_from <= today:
            in_force[row.code] = row.id
    out = []
    for row, name in rows:
        state = (
            "scheduled" if row.effective_from > today else "in_force" if in_force[row.code] == row.id else "superseded"
        )
        out.append(TargetVersion(row.id, KpiCode(row.code), row.target_bp, row.effective_from, name, row.reason,
                                 row.set_at, state))  # fmt: skip
    return out


def _listing(s, today: dt.date) -> KpiTargetsDTO:
    versions = _versions(s, today)
    current = {v.code: v for v in versions if v.state == "in_force"}
    lines = tuple(KpiTargetLine(d.code, d.default_target_bp, current.get(d.code)) for d in KPIS)
    history = tuple(sorted(versions, key=lambda v: (v.effective_from, v.id), reverse=True))
    return KpiTargetsDTO(today, lines, history)


def list_targets(uow: UnitOfWork, *, actor: Actor) -> KpiTargetsDTO:
    """Every KPI's target in force today with its default, and the ledger's history."""
    require(actor, Action.VIEW_KPIS)
    with uow:
        return _listing(uow.session, store_today(utcnow()))


def _check(code: str, target_bp: int, effective_from: dt.date, reason: str, today: dt.date) -> str:
    errors: list[FieldError] = []
    if code not in BY_CODE:
        errors.append(FieldError("code", "kpi_code_unknown"))
    if not isinstance(target_bp, int) or isinstance(target_bp, bool) or not 0 <= target_bp <= MAX_BP:
        errors.append(FieldError("target_bp", "kpi_target_range", {"min": 0, "max": 100}))
    text = clean_text(reason)
    if not text:
        errors.append(FieldError("reason", "kpi_target_reason_required"))
    check_length(text, "reason", REASON_MAX, errors)
    # A new target never rewrites a past period's verdict (issue #20.1).
    if effective_from < today:
        errors.append(FieldError("effective_from", "kpi_target_effective_in_past"))
    if errors:
        raise ValidationFailed(errors)
    return text


def set_target(
    uow: UnitOfWork,
    *,
    actor: Actor,
    code: str,
    target_bp: int,
    effective_from: dt.date,
    reason: str,
    request_key: str | None = None,
) -> TargetSetDTO:
    """Add a target for `code` from `effective_from` on (the manager's decision, 5.2.1)."""
    require(actor, Action.MANAGE_KPI_TARGETS)
    with uow:
        s = uow.session
        now = utcnow()
        today = store_today(now)
        first = first_record(s, request_key, SET_KPI_TARGET)
        if first is None:
            text = _check(str(code), target_bp, effective_from, reason, today)
            row = KpiTarget(code=str(code), target_bp=target_bp, effective_from=effective_from, set_by_id=actor.user_id,
                            reason=text, set_at=now)  # fmt: skip
            s.add(row)
            s.flush()
            remember(s, request_key, SET_KPI_TARGET, row.id, actor_id=actor.user_id, now=now)
        else:
            row = s.get_one(KpiTarget, first)
        version = next(v for v in _versions(s, today) if v.id == row.id)
        commit(uow)
        return TargetSetDTO(version)
