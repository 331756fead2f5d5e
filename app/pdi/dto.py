"""Frozen DTOs of the PDI module (issue #7): what the PDI services hand to the UI and the report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.core.dto import Changes


@dataclass(frozen=True)
class PdiTemplateDTO:
    id: int
    key: str
    brand: str
    template_version: int
    title_zh: str
    title_en: str
    current: bool
    published_at: dt.datetime
    published_by_name: str | None
    item_count: int
    version: int

    @property
    def changes(self) -> Changes:
        """A new checklist version: which cars need a PDI on it (issue #16)."""
        return Changes(pdi=True)


@dataclass(frozen=True)
class PdiQueueRowDTO:
    """A sold or reserved car on its way to delivery, with where its PDI stands."""

    id: int  # the vehicle's id (the model looks rows up by it)
    vin: str
    brand: str
    model: str
    powertrain: str
    vehicle_status: str
    state: str  # app.pdi.rules.QueueState
    inspection_id: int | None
    inspection_status: str | None
    technician_name: str | None
    done: int
    total: int
    defects: int
    template_version: int | None
    outdated: bool  # the last inspection used a template version that has been replaced
    updated_at: dt.datetime | None


@dataclass(frozen=True)
class PdiPhotoDTO:
    id: int
    content_type: str
    size: int
    caption: str
    taken_at: dt.datetime


@dataclass(frozen=True)
class PdiRectificationDTO:
    id: int
    item_id: str
    defect: str
    action_taken: str
    parts_replaced: str
    repaired_by: str
    assembly_repair: bool
    assembly_name: str
    recorded_at: dt.datetime
    recorded_by_name: str | None
    acknowledged_by: str
    acknowledged_at: dt.datetime | None
    version: int


@dataclass(frozen=True)
class PdiItemEventDTO:
    """One recording of an item, oldest first (the append-only history)."""

    result: str
    value: str
    note: str
    recorded_by_name: str | None
    recorded_at: dt.datetime


@dataclass(frozen=True)
class PdiItemDTO:
    id: int  # the item result row
    item_id: str  # the checklist id, e.g. "E06"
    section_id: str
    section_zh: str
    section_en: str
    zh: str
    en: str
    value_kind: str | None
    value_unit: str
    result: str | None
    value: str
    note: str
    defect_found: bool
    recorded_at: dt.datetime | None
    recorded_by_name: str | None
    photos: tuple[PdiPhotoDTO, ...]
    version: int
    history: tuple[PdiItemEventDTO, ...] = ()
    photos_required: int = 0  # a pass needs this many photos (the checklist says so, issue #17.9)

    @property
    def photos_missing(self) -> int:
        return max(0, self.photos_required - len(self.photos))

    def first_defect(self) -> PdiItemEventDTO | None:
        """When and by whom the item was first found not OK (kept after the re-check)."""
        return next((e for e in self.history if e.result == "not_ok"), None)


@dataclass(frozen=True)
class PdiInspectionDTO:
    id: int
    vehicle_id: int
    vin: str
    brand: str
    model: str
    trim: str
    model_year: int
    exterior_color: str
    powertrain: str
    production_date: dt.date | None
    template_id: int
    template_key: str
    template_brand: str
    template_version: int
    template_title_zh: str
    template_title_en: str
    template_current: bool
    status: str
    technician_id: int
    technician_name: str
    certificate_no: str
    started_at: dt.datetime
    paused_at: dt.datetime | None
    completed_at: dt.datetime | None
    customer_name: str
    report_document_id: int | None
    report_number: str | None
    # The report was voided (issue #17.2): it counts as none, and a new version is signed.
    report_voided: bool
    items: tuple[PdiItemDTO, ...]
    rectifications: tuple[PdiRectificationDTO, ...]
    blockers: dict  # reason -> item ids (app.pdi.rules.pass_blockers); empty = may pass
    version: int
    # Set by the service that changed the inspection: what the UI refreshes (issue #16).
    changes: Changes = field(default_factory=lambda: Changes(), compare=False, repr=False)

    @property
    def done(self) -> int:
        return sum(1 for i in self.items if i.result is not None)

    def item(self, item_id: str) -> PdiItemDTO | None:
        return next((i for i in self.items if i.item_id == item_id), None)


@dataclass(frozen=True)
class PdiItemEntry:
    """One item's recording handed to record_items (several items in one transaction)."""

    item_result_id: int
    expected_version: int
    result: str  # app.pdi.rules.ItemResult
    value: str = ""
    note: str = ""
