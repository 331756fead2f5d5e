"""The wording side of every Showroom PDF (app/documents/layout.py re-exports it): a text in
both languages, and how it is printed in a Chinese, English or bilingual document, with
times in Shanghai time. Pure string work, no reportlab."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple
from xml.sax.saxutils import escape

LANGUAGES = ("zh", "en", "bilingual")
# Shanghai has had no daylight saving since 1991: a fixed offset avoids needing tzdata on Windows.
SHANGHAI = dt.timezone(dt.timedelta(hours=8), "CST")


class Text(NamedTuple):
    """One piece of document wording in both languages."""

    zh: str
    en: str


def esc(value: object) -> str:
    return escape(str(value))


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    return language


def local_time(moment: dt.datetime) -> dt.datetime:
    """Naive datetimes are UTC (the app convention); customers read Shanghai time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(SHANGHAI)


def fmt_datetime(moment: dt.datetime) -> str:
    return local_time(moment).strftime("%Y-%m-%d %H:%M")


def fmt_date(moment: dt.datetime) -> str:
    return local_time(moment).strftime("%Y-%m-%d")


def pick(text: Text, language: str) -> str:
    """Plain text for metadata and one-line spots: 'zh en' when bilingual."""
    if language == "zh":
        return text.zh
    if language == "en":
        return text.en
    return f"{text.zh} {text.en}"


def inline(text: Text, language: str) -> str:
    """Markup for a short label (table headers, 'label: value'): English stays on the same
    line, grey, so a bilingual label does not double the row height."""
    if language == "bilingual":
        return f'{esc(text.zh)} <font color="#666666">{esc(text.en)}</font>'
    return esc(pick(text, language))


def stacked(text: Text, language: str, en_size: float = 8) -> str:
    """Markup for a sentence or a cell: Chinese first, the English beneath, smaller and grey."""
    if language == "bilingual":
        return f'{esc(text.zh)}<br/><font size="{en_size}" color="#666666">{esc(text.en)}</font>'
    return esc(pick(text, language))


def labelled(label: Text, value: str, language: str) -> str:
    """'标签：值' with the full-width colon, 'Label: value' in English-only documents."""
    colon = ": " if language == "en" else "："
    return f"{inline(label, language)}{colon}{esc(value)}"
