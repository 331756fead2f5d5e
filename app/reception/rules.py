"""Pure reception rules: rotation (轮流接待), intent levels, lead moves, KPI formulas, defaults.

No I/O and no Session: services feed these plain values. Clause numbers are T/CSCA 120031-2023.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from db.reception_models import IntentLevel, LeadStatus, VisitOutcome, VisitType

MAX_PARTY_SIZE = 20
MAX_NAME_LENGTH = 60
MAX_LANGUAGE_LENGTH = 32
MAX_NOTES_LENGTH = 2000
MAX_REASON_LENGTH = 500
MAX_INTERESTED_MODELS = 10
# A back-dated check-in may be typed late, but only for today; a small tolerance forward
# absorbs terminals whose clocks run a little ahead.
ARRIVAL_FUTURE_TOLERANCE = dt.timedelta(minutes=5)

# PIPL / domain_reference §6: ID numbers are never asked at the desk; a free-text field that
# holds something shaped like one (15 or 18 digits, 18th may be X) is refused.
_ID_NUMBER_LIKE = re.compile(r"(?<!\d)(\d{17}[\dXx]|\d{15})(?!\d)")


def looks_like_id_number(text: str | None) -> bool:
    return bool(text) and bool(_ID_NUMBER_LIKE.search(text or ""))


# --- reminders shown to the receptionist ---------------------------------------------------

REMINDER_CHILD_SAFETY = "child_safety"  # 4.2.1.4: remind the party of children's safety
REMINDER_FOREIGN_VISITOR = "foreign_visitor_policies"  # 4.2.3.3: explain Chinese rules/policies


def reminders_for(*, with_children: bool, foreign_visitor: bool) -> tuple[str, ...]:
    out = []
    if with_children:
        out.append(REMINDER_CHILD_SAFETY)
    if foreign_visitor:
        out.append(REMINDER_FOREIGN_VISITOR)
    return tuple(out)


# --- intent levels -------------------------------------------------------------------------


@dataclass(frozen=True)
class IntentLevelDef:
    """What a level means (shown to the consultant) and how often to follow it up.

    The standard does not define H/A/B/C; these are the usual dealership definitions
    (expected purchase within N days). The UI translates `code` and shows the numbers.
    """

    code: str
    buy_within_days: int
    follow_up_every_days: int


INTENT_LEVELS: dict[IntentLevel, IntentLevelDef] = {
    IntentLevel.H: IntentLevelDef("H", buy_within_days=7, follow_up_every_days=2),
    IntentLevel.A: IntentLevelDef("A", buy_within_days=15, follow_up_every_days=3),
    IntentLevel.B: IntentLevelDef("B", buy_within_days=30, follow_up_every_days=7),
    IntentLevel.C: IntentLevelDef("C", buy_within_days=90, follow_up_every_days=14),
}

MAX_FOLLOW_UP_DAYS = 366


def default_follow_up(level: IntentLevel | str, today: dt.date) -> dt.date:
    return today + dt.timedelta(days=INTENT_LEVELS[IntentLevel(level)].follow_up_every_days)


# Outcomes after which the consultant must grade the customer's intention.
OUTCOMES_NEEDING_INTENT = frozenset({VisitOutcome.INFORMATION, VisitOutcome.QUOTE, VisitOutcome.TEST_DRIVE})

# Visit types that go to the customer's own consultant (4.2.1.1 邀约顾客) when on duty.
OWN_CONSULTANT_TYPES = frozenset({VisitType.INVITED, VisitType.APPOINTMENT, VisitType.RETURN_VISIT})


# --- rotation (轮流接待) --------------------------------------------------------------------


@dataclass(frozen=True)
class RotationCandidate:
    consultant_id: int
    rotation_order: int  # position on today's roster
    on_duty: bool
    away: bool
    busy: bool  # has a visit waiting for them or in progress
    rotation_count: int  # visits given to them by rotation today
    last_rotation_at: dt.datetime | None = None

    @property
    def available(self) -> bool:
        return self.on_duty and not self.away and not self.busy


def pick_next_consultant(candidates: Iterable[RotationCandidate]) -> int | None:
    """The next available consultant, or None (the visitor waits in the queue).

    Fairness over a day: the available consultant with the fewest rotation visits today goes
    first; ties go to whoever got one least recently, then to roster order. A consultant
    skipped while busy or away therefore catches up when free, so every consultant available
    through the day ends with an equal share (±1). Visits to a consultant's own customers
    (invited, appointment, return) and overrides are not rotation visits and do not count.
    """
    available = [c for c in candidates if c.available]
    if not available:
        return None
    floor = dt.datetime.min
    best = min(
        available, key=lambda c: (c.rotation_count, c.last_rotation_at or floor, c.rotation_order, c.consultant_id)
    )
    return best.consultant_id


# --- leads ---------------------------------------------------------------------------------

LEAD_TRANSITIONS: dict[LeadStatus, frozenset[LeadStatus]] = {
    LeadStatus.NEW: frozenset({LeadStatus.FOLLOWING, LeadStatus.ORDERED, LeadStatus.LOST}),
    LeadStatus.FOLLOWING: frozenset({LeadStatus.ORDERED, LeadStatus.LOST}),
    # A lost customer who comes back is followed again (the lead is the same intention).
    LeadStatus.LOST: frozenset({LeadStatus.FOLLOWING}),
    LeadStatus.ORDERED: frozenset(),
}

RETAINED_STATUSES = frozenset({LeadStatus.NEW, LeadStatus.FOLLOWING})


def can_move_lead(current: LeadStatus | str, new: LeadStatus | str) -> bool:
    return LeadStatus(new) in LEAD_TRANSITIONS[LeadStatus(current)]


def status_at(history: Sequence[tuple[dt.datetime, str]], moment: dt.datetime) -> str | None:
    """The status a lead had at `moment` (exclusive end) from its (changed_at, to_status)
    history; None if it did not exist yet. History is append-only, so this never changes."""
    current = None
    for at, to_status in sorted(history, key=lambda h: h[0]):
        if at >= moment:
            break
        current = to_status
    return current


def retained_at(history: Sequence[tuple[dt.datetime, str]], moment: dt.datetime) -> bool:
    """留存意向: a lead that existed before `moment` and was still new or following then."""
    status = status_at(history, moment)
    return status is not None and LeadStatus(status) in RETAINED_STATUSES


# --- KPIs (T/CSCA 120031 5.2.1 c, e) --------------------------------------------------------


@dataclass(frozen=True)
class Ratio:
    """An exact ratio; `value` is None when the denominator is 0 (the KPI is undefined)."""

    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return None if self.denominator == 0 else self.numerator / self.denominator

    @property
    def percent(self) -> float | None:
        v = self.value
        return None if v is None else round(v * 100, 2)


CLOSURE_RATE_TARGET = 0.25  # 5.2.1 e) 月平均成交率不低于 25%
TEST_DRIVE_RATE_TARGET = 0.30  # 5.2.1 c) 试乘试驾率不低于 30%


def kpi_closure_rate(orders: int, retained_last_month: int, new_this_month: int) -> Ratio:
    """3.12 月平均成交率 = 月成交订单数 / (上月留存意向 + 本月新增意向) × 100%."""
    return Ratio(orders, retained_last_month + new_this_month)


def kpi_test_drive_rate(test_drives: int, retained: int) -> Ratio:
    """3.13 试乘试驾率 = 试乘试驾数 / 意向留存数 × 100% (both counted over the same period).

    For a month the services pass as 意向留存数 the intentions on record during the month:
    last month's retained plus this month's new ones, the same base as 3.12.
    """
    return Ratio(test_drives, retained)


# --- defaults seeded into a new database ---------------------------------------------------

# (code, Chinese name, English name). Migration 0003 inserts the same list.
DEFAULT_CHANNELS: tuple[tuple[str, str, str], ...] = (
    ("walk_by", "路过/自然到店", "Walk-by"),
    ("website", "官网", "Website"),
    ("phone", "电话咨询", "Phone"),
    ("referral", "朋友转介绍", "Referral"),
    ("autohome", "汽车之家", "Autohome"),
    ("dongchedi", "懂车帝", "Dongchedi"),
    ("yiche", "易车", "Yiche"),
    ("event", "车展/活动", "Auto show / event"),
    ("douyin", "抖音", "Douyin"),
    ("xiaohongshu", "小红书", "Xiaohongshu"),
    ("oem", "厂家线索", "Manufacturer lead"),
    ("other", "其他", "Other"),
)

CONSENT_V1_LABEL = "v1"
CONSENT_V1_ZH = (
    "个人信息收集告知与同意（展厅接待）\n"
    "为向您介绍您感兴趣的车型、预约到店和试乘试驾并就此与您联系，本店需要记录您的姓名（或称呼）"
    "和手机号码，以及您的到店记录和意向车型。\n"
    "1. 处理者：本店（名称、地址和联系电话见展厅公示）。\n"
    "2. 目的与方式：仅用于就您感兴趣的车型与您联系、安排预约和试乘试驾；不用于其他目的，"
    "不向厂家、金融或保险机构等第三方提供，除非另行取得您的单独同意。\n"
    "3. 范围：姓名（或称呼）、手机号码、到店时间、意向车型。前台不收集身份证件号码。\n"
    "4. 保存期限：自最后一次到店或联系之日起不超过 24 个月；签订购车合同的，按《汽车销售管理办法》"
    "保存销售档案。期满后删除或匿名化处理。\n"
    "5. 您的权利：您可随时查阅、复制、更正、删除您的个人信息，或撤回本同意；撤回后我们将停止联系"
    "并删除上述信息，但不影响撤回前处理的效力。请向前台或销售顾问提出，或拨打本店服务电话。\n"
    "不同意不影响您参观展厅和咨询。"
)
CONSENT_V1_EN = (
    "Notice and consent for personal information (showroom reception)\n"
    "To tell you about the models you are interested in, arrange appointments and test drives "
    "and contact you about them, we record your name (or how to address you) and mobile "
    "number, together with your visits and models of interest.\n"
    "1. Controller: this dealership (name, address and phone are displayed in the showroom).\n"
    "2. Purpose and use: only to contact you about the models you are interested in and to "
    "arrange appointments and test drives. Not used for anything else and not given to the "
    "manufacturer, banks, insurers or other third parties without your separate consent.\n"
    "3. Data: name (or form of address), mobile number, visit times, models of interest. "
    "We do not ask for identity document numbers at reception.\n"
    "4. Retention: at most 24 months from your last visit or contact; if you sign a purchase "
    "contract, the sales archive is kept as the Automobile Sales Regulations require. "
    "Afterwards the data is deleted or anonymised.\n"
    "5. Your rights: you may access, copy, correct or delete your information or withdraw "
    "this consent at any time; we then stop contacting you and delete it, without affecting "
    "what was done before. Ask at reception, your consultant, or call the store.\n"
    "Declining does not affect your visit or any advice you receive."
)
