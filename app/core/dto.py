"""Frozen DTOs that services return: the UI never sees an ORM object."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from db.models import Role


@dataclass(frozen=True)
class Actor:
    """The logged-in user on whose behalf a service runs."""

    user_id: int
    username: str
    full_name: str
    roles: frozenset[Role]
    must_change_password: bool = False

    def has(self, role: Role) -> bool:
        return role in self.roles


@dataclass(frozen=True)
class StoreDTO:
    id: int
    legal_name: str
    address: str
    sales_hotline: str
    complaint_phone: str
    website: str
    version: int
    card_url_template: str = ""  # "" = vehicle-card QR codes carry the facts as text
    visitor_retention_months: int = 12  # issue #17.16: set on the admin page, used by purge

    @property
    def changes(self) -> Changes:
        """What saving it touched (issue #16)."""
        return Changes(store=True)


@dataclass(frozen=True)
class StaffDTO:
    id: int
    username: str
    full_name: str
    staff_no: str
    roles: frozenset[Role]
    active: bool
    licence_first_issued: dt.date | None
    pdi_certificate_no: str | None
    pdi_certificate_expiry: dt.date | None
    locked_until: dt.datetime | None
    version: int
    must_change_password: bool = False  # issue #15.10: shown on the staff page

    @property
    def changes(self) -> Changes:
        """What saving an account touched: the staff lists (and whoever shows names)."""
        return Changes(staff=True, ids=frozenset({self.id}))


@dataclass(frozen=True)
class VehicleDTO:
    id: int
    vin: str
    brand: str
    model: str
    trim: str
    model_year: int
    exterior_color: str
    interior_color: str
    powertrain: str
    guide_price_fen: int
    price_fen: int
    configuration: tuple[str, ...]
    power_kw: int | None
    accel_0_100_s: float | None
    fuel_l_per_100km: float | None
    range_km: int | None
    battery_kwh: float | None
    fast_charge_minutes: int | None
    slow_charge_hours: float | None
    production_date: dt.date | None
    status: str
    defect_notes: str
    repair_notes: str
    notes: str
    vin_override_reason: str | None
    updated_at: dt.datetime
    version: int
    # Set by a service that saved this vehicle: what to refresh (issue #16).
    changes: Changes = field(default_factory=lambda: Changes(), compare=False, repr=False)


@dataclass(frozen=True)
class SignatureCapture:
    """A handwritten signature from the pad, as given to `issue_document`: `role` is one of
    app.documents.layout.SignerRole's values; `strokes` the pad's points ([x, y, t_ms,
    pressure] lists, ui/widgets/signature_pad.py); `png` its image (transparent background);
    `signed_at` naive UTC."""

    signer_name: str
    role: str
    signed_at: dt.datetime
    strokes: tuple | list
    png: bytes


@dataclass(frozen=True)
class DocumentSignatureDTO:
    id: int
    signer_name: str
    role: str
    signed_at: dt.datetime


@dataclass(frozen=True)
class DocumentDTO:
    """One archived document version, without its bytes (get_document_bytes reads them).
    `status` is "valid" or "voided"."""

    id: int
    doc_type: str
    subject_type: str
    subject_id: int | None
    subject_ref: str
    number: str
    version: int
    language: str
    issued_by_id: int
    issued_by_name: str
    issued_at: dt.datetime
    sha256: str
    size: int
    signed: bool
    signer_subject: str | None
    certificate_fingerprint: str | None
    voided_at: dt.datetime | None
    voided_by_id: int | None
    voided_by_name: str | None
    void_reason: str | None
    replaced_by_id: int | None
    replaced_by_version: int | None
    signatures: tuple[DocumentSignatureDTO, ...] = ()
    # Set by a service that changed this document: what the UI refreshes (issue #16).
    changes: Changes = field(default_factory=lambda: Changes(), compare=False, repr=False)

    @property
    def is_voided(self) -> bool:
        return self.voided_at is not None

    @property
    def status(self) -> str:
        return "voided" if self.voided_at is not None else "valid"


@dataclass(frozen=True)
class DocumentPrintDTO:
    id: int
    document_id: int
    printed_at: dt.datetime
    printed_by_id: int
    printed_by_name: str
    printer: str
    copies: int
    kind: str  # "print" | "reprint" | "export"

    @property
    def changes(self) -> Changes:
        """A line in the document's print ledger (the documents page shows it)."""
        return Changes(documents=True, ids=frozenset({self.document_id}))


@dataclass(frozen=True)
class DocumentVerificationDTO:
    """What `verify_document_bytes` found. `status` as app.documents.signing: "intact"
    (unchanged and signed by one of this store's certificates), "modified" (a visible
    change after signing, or damaged), "changed_unseen" (changed after signing, nothing
    shown changed), "unsigned" or "untrusted" (unchanged but signed by someone else); and
    "superseded" / "voided" (intact, but the archive replaced / voided that version).
    `archived_*` is set when these bytes, or the signed revision of a changed file, are in
    the archive (SHA-256 match); `archived_voided` then says if that version was voided."""

    status: str
    signed: bool
    intact: bool
    trusted: bool
    signer_subject: str | None
    signed_at: dt.datetime | None
    certificate_fingerprint: str | None  # the store certificate that verified it
    archived_document_id: int | None = None
    archived_number: str | None = None
    archived_version: int | None = None
    archived_voided: bool = False
    replaced_by_version: int | None = None  # the archived version's replacement, if any
    # What changed after signing: app.documents.revisions.Change items (kind, visible,
    # page, detail), for "modified" and "changed_unseen" (issue #15.5).
    changes: tuple = ()

    @property
    def ok(self) -> bool:
        return self.status == "intact"


@dataclass(frozen=True)
class CertificateDTO:
    id: int
    subject: str
    fingerprint: str
    source: str  # "generated" | "imported"
    active: bool
    not_valid_after: dt.datetime
    created_at: dt.datetime
    created_by_id: int | None
    created_by_name: str | None
    version: int

    @property
    def changes(self) -> Changes:
        """What saving it touched (issue #16)."""
        return Changes(documents=True, store=True)


@dataclass(frozen=True)
class Changes:
    """What a mutating service touched, so pages refresh only when affected (Anki OpChanges)."""

    vehicles: bool = False
    reception: bool = False  # visits, roster, leads, appointments
    store: bool = False
    staff: bool = False
    documents: bool = False
    test_drives: bool = False
    pdi: bool = False
    sales: bool = False  # issue #18: deals, quotes, contracts, handovers (the deal board)
    price_list: bool = False  # issue #18.1
    payments: bool = False  # issue #18.5: the finance page and every balance shown
    tasks: bool = False  # follow-up tasks (issue #18.3, #19)
    complaints: bool = False  # issue #19.3: the complaints board and its clocks
    kpis: bool = False  # issue #20.1: the KPI targets (the dashboard's verdicts)
    ids: frozenset[int] = field(default_factory=frozenset)
