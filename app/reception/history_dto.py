"""Frozen DTOs of the appointment and customer histories and of the customer's page
(issue #17.12, #17.13; PIPL art. 46). Personal values appear only masked here: the customer's
page shows who the customer is without putting their name and number in clear on screen."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.reception.dto import AppointmentDTO, LeadDTO, VisitSummaryDTO


@dataclass(frozen=True)
class AppointmentChangeDTO:
    at: dt.datetime
    kind: str  # db.customer_history_models.AppointmentChangeKind value
    from_status: str | None
    to_status: str
    from_scheduled_at: dt.datetime | None
    to_scheduled_at: dt.datetime
    from_consultant_name: str | None
    to_consultant_name: str
    reason: str
    by_name: str


@dataclass(frozen=True)
class CustomerChangeDTO:
    at: dt.datetime
    kind: str  # db.customer_history_models.CustomerChangeKind value
    old_value_masked: str | None  # None once erased (withdrawal, retention)
    new_value_masked: str | None
    from_consultant_name: str | None
    to_consultant_name: str | None
    reason: str
    by_name: str


@dataclass(frozen=True)
class ConsentEntryDTO:
    """One consent as the customer's page lists it: given, and maybe withdrawn and why."""

    id: int
    version_label: str
    shown_at: dt.datetime
    given_at: dt.datetime
    withdrawn_at: dt.datetime | None
    withdrawn_by_name: str | None
    withdraw_reason: str


@dataclass(frozen=True)
class CustomerPageDTO:
    """The customer's page (客户档案): masked details, visits, consents, leads, appointments
    and every change made to the customer."""

    id: int
    name_masked: str
    mobile_masked: str
    consultant_id: int | None
    consultant_name: str | None
    has_consent: bool
    anonymised: bool
    version: int
    visits: tuple[VisitSummaryDTO, ...]  # newest first
    consents: tuple[ConsentEntryDTO, ...]  # oldest first
    leads: tuple[LeadDTO, ...]
    appointments: tuple[AppointmentDTO, ...]  # newest first
    changes_history: tuple[CustomerChangeDTO, ...]  # newest first
    appointment_changes: tuple[AppointmentChangeDTO, ...] = ()  # newest first
