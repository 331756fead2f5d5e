"""What the KPI services return: counts per group, figures judged against their targets, and
the records behind a numerator or a denominator (the drill-down of issue #20.2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from app.kpis.definitions import KpiCode
from app.kpis.periods import Period


class GroupBy(StrEnum):
    CONSULTANT = "consultant"
    BRAND = "brand"


class Side(StrEnum):
    NUMERATOR = "numerator"
    DENOMINATOR = "denominator"


# The store as a whole is the group None; a consultant is their staff_user id; a brand its name.
GroupKey = int | str | None


@dataclass(frozen=True)
class Counts:
    numerator: int = 0
    denominator: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.numerator + other.numerator, self.denominator + other.denominator)


@dataclass(frozen=True)
class TargetDTO:
    code: KpiCode
    target_bp: int
    effective_from: dt.date | None  # None: the 5.2.1 default, in force since always
    set_by: str = ""
    reason: str = ""


@dataclass(frozen=True)
class KpiFigure:
    code: KpiCode
    numerator: int
    denominator: int
    value_bp: int | None  # None when the denominator is 0: shown as "—"
    target: TargetDTO
    verdict: str  # 'met' | 'near' | 'missed' | 'none' (definitions.verdict)
    # Counted in neither side yet, e.g. 3.14 pick-ups whose 72 hours are still running.
    pending: int = 0


@dataclass(frozen=True)
class GroupFigures:
    key: GroupKey
    label: str  # the consultant's name or the brand; "" for the store
    figures: tuple[KpiFigure, ...]


@dataclass(frozen=True)
class KpiReportDTO:
    period: Period
    by: GroupBy | None
    store: GroupFigures
    groups: tuple[GroupFigures, ...] = ()  # per consultant or brand, when asked for
    computed_at: dt.datetime | None = None


class RecordKind(StrEnum):
    """Which page a drill-down record opens."""

    CONTRACT = "contract"
    LEAD = "lead"
    TEST_DRIVE = "test_drive"
    CARE_TASK = "care_task"
    SURVEY = "survey"
    COMPLAINT = "complaint"


@dataclass(frozen=True)
class RecordRef:
    kind: RecordKind
    id: int
    at: dt.datetime  # the instant that put it in the period (naive UTC)
    reference: str  # its number or a short label, masked (never a personal number)
    consultant_id: int | None = None
    brand: str = ""
