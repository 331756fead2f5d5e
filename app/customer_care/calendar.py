"""The store's working-day calendar (工作日历): the official holidays and swapped working days
(调休) of the State Council's yearly notice, from the maintained `chinesecalendar` library, with
the store's own corrections of single days on top (issue #19.3).

Used to count the 7 working days within which a complainant is told how the complaint was
accepted and handled (《上海市消费者权益保护条例》/办法 art. 18).

A year the library does not know (it knows 2004-2026 in version 1.11.0; the notice for the next
year appears each November) is counted PROVISIONALLY until a manager has entered that year's
holidays as day overrides and marked the year entered (`enter_calendar_year`), or a newer
library release knows it: every day counts, less the fixed-date statutory holidays of
《全国年节及纪念日放假办法》 (1 January, 1-2 May, 1-3 October). Weekends and the lunar holidays
are left in because a swapped working day (调休) may fall on any weekend: counting a superset of
the official working days, a provisional deadline is never after the official one. The store
answers early, never late. Receiving a complaint is never refused for it (5.2.7: every complaint is recorded), and
the Complaints page tells the manager which year still needs entering (`years_to_enter`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import chinese_calendar
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.common import check_version, commit
from app.core.dto import Actor, Changes
from app.core.errors import FieldError, ValidationFailed
from app.core.permissions import Action, require
from app.core.validation import clean_line
from app.customer_care.clock import server_now
from db.complaint_models import CalendarYear, WorkingDayOverride
from db.uow import UnitOfWork


# 《全国年节及纪念日放假办法》 (2024): the holidays whose date never moves.
FIXED_HOLIDAYS = frozenset({(1, 1), (5, 1), (5, 2), (10, 1), (10, 2), (10, 3)})


def library_years() -> range:
    """The years the installed holiday library knows."""
    years = {d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays}
    return range(min(years), max(years) + 1)


@dataclass(frozen=True)
class WorkingCalendar:
    """Which days are working days: the store's override, else (for a year the store entered)
    Monday-Friday, else the library; outside all of them, a refusal."""

    overrides: Mapping[dt.date, bool]
    entered_years: frozenset[int]

    def is_working(self, day: dt.date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        if day.year in self.entered_years:
            return day.weekday() < 5
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:  # outside the library's years: provisional (see the module)
            return (day.month, day.day) not in FIXED_HOLIDAYS

    def add_working_days(self, day: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `day` (`day` itself not counted)."""
        found = 0
        while found < count:
            day += dt.timedelta(days=1)
            if self.is_working(day):
                found += 1
        return day


def working_calendar(s: Session) -> WorkingCalendar:
    overrides = {row.day: row.working for row in s.scalars(select(WorkingDayOverride))}
    years = frozenset(s.scalars(select(CalendarYear.year)))
    return WorkingCalendar(overrides, years)


@dataclass(frozen=True)
class WorkingDayDTO:
    day: dt.date
    working: bool
    note: str
    version: int

    @property
    def changes(self) -> Changes:
        return Changes(complaints=True)


@dataclass(frozen=True)
class YearEnteredDTO:
    year: int

    @property
    def changes(self) -> Changes:
        return Changes(complaints=True)


def list_entered_years(uow: UnitOfWork, actor: Actor) -> list[int]:
    """The years beyond the library that the store has entered itself."""
    require(actor, Action.VIEW_COMPLAINTS)
    with uow:
        return list(uow.session.scalars(select(CalendarYear.year).order_by(CalendarYear.year)))


def years_to_enter(uow: UnitOfWork, actor: Actor, *, now: dt.datetime | None = None) -> list[int]:
    """The years of the coming month (today's and, from early December, the next) that neither
    the library nor the store knows: deadlines counted into them are provisional until a
    manager enters their holidays."""
    require(actor, Action.VIEW_COMPLAINTS)
    with uow:
        s = uow.session
        today = (now or server_now(s)).date()
        entered = set(s.scalars(select(CalendarYear.year)))
    known, ahead = library_years(), sorted({today.year, (today + dt.timedelta(days=31)).year})
    return [y for y in ahead if y not in known and y not in entered]


def list_overrides(uow: UnitOfWork, actor: Actor) -> list[WorkingDayDTO]:
    require(actor, Action.VIEW_COMPLAINTS)
    with uow:
        rows = uow.session.scalars(select(WorkingDayOverride).order_by(WorkingDayOverride.day))
        return [WorkingDayDTO(r.day, r.working, r.note, r.version) for r in rows]


def set_working_day(
    uow: UnitOfWork, actor: Actor, day: dt.date, working: bool, note: str, expected_version: int | None = None
) -> WorkingDayDTO:
    """Record the store's correction of one day (a new row, or an edit of the day's row).
    Deadlines already set keep their date: the calendar counts new complaints."""
    require(actor, Action.MANAGE_WORKING_CALENDAR)
    note = clean_line(note)
    if len(note) > 200:
        raise ValidationFailed([FieldError("note", "too_long", {"max": 200})])
    with uow:
        s = uow.session
        row = s.get(WorkingDayOverride, day)
        if row is None:
            row = WorkingDayOverride(day=day, working=working, note=note, updated_by_id=actor.user_id)
            s.add(row)
        else:
            check_version(row, expected_version)
            row.working, row.note, row.updated_by_id = working, note, actor.user_id
        s.flush()
        dto = WorkingDayDTO(row.day, row.working, row.note, row.version)
        commit(uow)
        return dto


def enter_calendar_year(uow: UnitOfWork, actor: Actor, year: int) -> YearEnteredDTO:
    """Declare that the store has entered `year`'s holidays and 调休 days as overrides, so
    days of that year may be counted (weekdays working unless overridden)."""
    require(actor, Action.MANAGE_WORKING_CALENDAR)
    if year in library_years():
        raise ValidationFailed([FieldError("year", "calendar_year_known", {"year": year})])
    with uow:
        s = uow.session
        if s.get(CalendarYear, year) is None:
            s.add(CalendarYear(year=year, entered_at=server_now(s), entered_by_id=actor.user_id))
        commit(uow)
        return YearEnteredDTO(year)
