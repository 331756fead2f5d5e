"""What the public-notice services take and return (issue #19.5)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.core.dto import Changes


@dataclass(frozen=True)
class NoticeInput:
    """A new version of a notice. The bodies may name store details in braces, filled in when
    printed: {legal_name}, {address}, {sales_hotline}, {complaint_phone}, {website}."""

    kind: str
    title_zh: str
    title_en: str
    body_zh: str
    body_en: str
    effective_from: dt.date


@dataclass(frozen=True)
class NoticeDTO:
    id: int
    kind: str
    version: int
    title_zh: str
    title_en: str
    body_zh: str
    body_en: str
    effective_from: dt.date
    published_at: dt.datetime
    published_by: str
    # "in_force" | "scheduled" (effective later) | "superseded" (a later version is in force)
    state: str
    # For the version in force: "unprinted", "current", or "stale" (the store details it
    # printed have changed since, 4.1.3.6); None for the others.
    poster: str | None
    last_printed_at: dt.datetime | None

    @property
    def changes(self) -> Changes:
        return Changes(documents=True, ids=frozenset({self.id}))
