"""How the KPI dashboard words and colours a figure (issue #20.2): the KPI's name in the user's
language, a rate in basis points as a percent ("—" when nothing was counted: the denominator is
0), and the verdict against the target as a badge tone (met green, near amber, missed red, no
figure grey)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

from app.kpis.definitions import BY_CODE, Direction, KpiCode, KpiDefinition
from ui.shell.i18n import current_language
from ui.widgets import style_tokens as tokens

CTX = "KpiDashboard"
DASH = "—"

VERDICT_TONE = {"met": "success", "near": "warning", "missed": "danger", "none": "muted"}
VERDICT_WORDS = {
    "met": QT_TRANSLATE_NOOP("KpiDashboard", "Met"),
    "near": QT_TRANSLATE_NOOP("KpiDashboard", "Near"),
    "missed": QT_TRANSLATE_NOOP("KpiDashboard", "Missed"),
    "none": QT_TRANSLATE_NOOP("KpiDashboard", "No figure"),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def chinese() -> bool:
    return current_language() == "zh_CN"


def kpi_name(code: KpiCode) -> str:
    d = BY_CODE[code]
    return d.name_zh if chinese() else d.name_en


def numerator_name(d: KpiDefinition) -> str:
    return d.numerator_zh if chinese() else d.numerator_en


def denominator_name(d: KpiDefinition) -> str:
    return d.denominator_zh if chinese() else d.denominator_en


def percent(bp: int | None) -> str:
    """98.5 % from 9850; 0.7 % keeps its decimal; "—" when there is no figure."""
    if bp is None:
        return DASH
    whole, rest = divmod(bp, 100)
    if rest == 0:
        return f"{whole}%"
    return f"{bp / 100:.2f}".rstrip("0").rstrip(".") + "%"


def target_text(d: KpiDefinition, target_bp: int) -> str:
    sign = "≤" if d.direction is Direction.AT_MOST else "≥"
    return QCoreApplication.translate("KpiDashboard", "Target {sign} {value}").format(
        sign=sign, value=percent(target_bp)
    )


def verdict_word(verdict: str) -> str:
    return tr(VERDICT_WORDS.get(verdict, VERDICT_WORDS["none"]))


def verdict_tone(verdict: str) -> tuple[str, str]:
    """(background, text) colours of a verdict's badge."""
    return tokens.TONES[VERDICT_TONE.get(verdict, "muted")]
