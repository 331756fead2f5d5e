"""What the complaint services take and return (issue #19.3): frozen DTOs, never ORM rows.

Screens show the complainant masked (周**, 138****5678, as the reception pages do); the full
mobile stays in the database for the call back and the progress query's check.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.core.dto import Changes
from app.customer_care.complaint_deadlines import ClockState
from app.core.masking import mask_mobile, mask_name  # noqa: F401  (re-exported)


@dataclass(frozen=True)
class ComplaintInput:
    """A complaint as received (4.5.2.1). `received_at` (naive UTC) is when the customer made
    it, e.g. the time on a 12345 work order; None = now on the server clock."""

    channel: str
    category: str
    summary: str
    contact_name: str
    contact_mobile: str
    handler_id: int
    received_at: dt.datetime | None = None
    customer_id: int | None = None
    vehicle_id: int | None = None
    contract_id: int | None = None
    staff_id: int | None = None
    # As the desk reads them off the customer's papers: resolved to the records by the service.
    vin: str = ""
    contract_number: str = ""


@dataclass(frozen=True)
class NoteDTO:
    kind: str
    text: str
    customer_visible: bool
    written_at: dt.datetime
    written_by: str


@dataclass(frozen=True)
class MaterialDTO:
    id: int
    filename: str
    media_type: str
    size: int
    sha256: str
    added_at: dt.datetime


@dataclass(frozen=True)
class ComplaintDTO:
    id: int
    number: str
    channel: str
    category: str
    status: str
    received_at: dt.datetime
    summary: str
    contact_name: str  # masked
    contact_mobile: str  # masked
    handler_id: int
    handler_name: str
    first_response_due: dt.datetime
    first_response_at: dt.datetime | None
    first_response_clock: ClockState
    reply_due: dt.datetime
    reply_at: dt.datetime | None
    reply_clock: ClockState
    result: str | None
    confirmation: str | None
    closed_at: dt.datetime | None
    version: int
    customer_id: int | None = None
    vehicle_id: int | None = None
    contract_id: int | None = None
    staff_id: int | None = None
    notes: tuple[NoteDTO, ...] = ()
    materials: tuple[MaterialDTO, ...] = ()

    @property
    def changes(self) -> Changes:
        return Changes(complaints=True, ids=frozenset({self.id}))


@dataclass(frozen=True)
class BoardRow:
    """One complaint on the board: its two clocks (amber, red) on the server's time."""

    id: int
    number: str
    channel: str
    category: str
    status: str
    received_at: dt.datetime
    contact_name: str  # masked
    handler_name: str
    first_response_due: dt.datetime
    first_response_clock: ClockState
    reply_due: dt.datetime
    reply_clock: ClockState
    version: int


@dataclass(frozen=True)
class BoardDTO:
    rows: tuple[BoardRow, ...]
    now: dt.datetime  # the server time the clocks were read at
    hotline_12345: int  # 3.15: how many of these came through the 12345 hotline


@dataclass(frozen=True)
class ProgressDTO:
    """What the customer may be told about their own complaint (5.2.7): no names of staff,
    no internal notes, no other complaint."""

    number: str
    received_at: dt.datetime
    status: str
    first_response_at: dt.datetime | None
    reply_due: dt.datetime
    reply_at: dt.datetime | None
    result: str | None
    notes: tuple[tuple[dt.datetime, str], ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class EscalationNotice:
    """A rung of the escalation ladder for the person told (issue #19.6): shown on their PC,
    also when it was reached while that PC was off (issue #19.7)."""

    id: int
    complaint_id: int
    number: str
    deadline: str
    level: str
    escalated_at: dt.datetime
