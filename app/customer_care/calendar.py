"""The store's working-day calendar (工作日历): the official holidays and swapped working days
(调休) of the State Council's yearly notice, from the maintained `chinesecalendar` library, with
the store's own corrections of single days on top (issue #19.3).

Used to count the 7 working days within which a complainant is told how the complaint was
accepted and handled (《上海市消费者权益保护条例》/办法 art. 18).

A year the library does not know (it knows 2004-2026 in version 1.11.0; the notice for the next
year appears each November) is never guessed: counting into it raises `CalendarUnknown` until a
manager has entered that year's holidays as day overrides and marked the year entered
(`enter_calendar_year`). A newer library release makes the entry unnecessary.
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
from app.core.errors import FieldError, ShowroomError, ValidationFailed
from app.core.permissions import Action, require
from app.core.validation import clean_line
from app.customer_care.complaint_clock import server_now
from db.complaint_models import CalendarYear, WorkingDayOverride
from db.uow import UnitOfWork


class CalendarUnknown(ShowroomError):
    """The holiday library does not know `year` and the store has not entered it."""

    code = "calendar_year_unknown"


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
        except NotImplementedError:  # the library's own refusal outside its years
            raise CalendarUnknown(year=day.year) from None

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
