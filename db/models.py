"""SQLAlchemy 2 typed models for Showroom.

Every editable table carries a `version` counter (SQLAlchemy ``version_id_col``) so that a
stale edit from another terminal raises instead of silently overwriting, and an
`updated_by_id` naming who changed the row last (kept for every table by db/changed_by.py).
Money is stored in fen (分) as integers. Statuses are StrEnums stored as short strings.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Versioned:
    """Optimistic locking: UPDATE ... WHERE version = :old, raising StaleDataError otherwise."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict:  # noqa: N805 - SQLAlchemy declared_attr signature
        return {"version_id_col": cls.version}


class Role(StrEnum):
    RECEPTION = "reception"
    CONSULTANT = "consultant"
    SALES_MANAGER = "sales_manager"
    FINANCE = "finance"
    PDI_TECHNICIAN = "pdi_technician"
    ADMIN = "admin"
    CUSTOMER_CARE = "customer_care"  # issue #19: 客服/客户关怀专员, the after-sale calls and surveys


class Powertrain(StrEnum):
    ICE = "ICE"
    HEV = "HEV"
    PHEV = "PHEV"
    BEV = "BEV"

    @property
    def is_nev(self) -> bool:
        # PHEV and BEV are 新能源汽车 (NEV); HEV is not.
        return self in (Powertrain.PHEV, Powertrain.BEV)


class VehicleStatus(StrEnum):
    IN_TRANSIT = "in_transit"
    IN_STOCK = "in_stock"
    ON_DISPLAY = "on_display"
    TEST_DRIVE_FLEET = "test_drive_fleet"
    RESERVED = "reserved"
    SOLD = "sold"
    DELIVERED = "delivered"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Store(Versioned, Base):
    """The dealership (4S店); its contact lines are printed on every document."""

    __tablename__ = "store"

    id: Mapped[int] = mapped_column(primary_key=True)
    legal_name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300))
    sales_hotline: Mapped[str] = mapped_column(String(40))
    complaint_phone: Mapped[str] = mapped_column(String(40))
    website: Mapped[str] = mapped_column(String(200), default="")
    # T/CSCA 120031 4.2.1.2: a card's QR may open the store's own page for the car, e.g.
    # "https://example.cn/cars/{vin}"; empty means the QR carries the card's facts as text.
    card_url_template: Mapped[str] = mapped_column(String(300), default="", server_default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    # Issue #17.16: months after their last activity that a visitor who never bought is kept
    # (PIPL art. 19, 47): set by the administrator, used by the retention purge.
    visitor_retention_months: Mapped[int] = mapped_column(Integer, default=12, server_default="12")
    # Issue #18.1 (4.3.2.1): a quote's discount above this needs a sales_manager's approval.
    discount_approval_fen: Mapped[int] = mapped_column(Integer, default=500_000, server_default="500000")
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))  # issue #17.15: who changed it last


class StaffUser(Versioned, Base):
    """A member of staff who logs in; roles in `staff_role`, qualifications on the row."""

    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(100))
    staff_no: Mapped[str] = mapped_column(String(32), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # Issue #9: when the user last chose a password (None: set by an administrator or at
    # set-up); an administrator's reset sets must_change_password and clears this.
    password_changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # T/CSCA 120031 4.2.4.4: test-drive escorts need >= 3 years since first licence issue.
    licence_first_issued: Mapped[dt.date | None] = mapped_column(Date)
    # T/CSCA 120031 4.4.1.3: PDI by certified technicians.
    pdi_certificate_no: Mapped[str | None] = mapped_column(String(64))
    pdi_certificate_expiry: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))  # issue #17.15: who changed it last

    roles: Mapped[list[StaffRole]] = relationship(back_populates="user", cascade="all, delete-orphan", lazy="selectin")

    @property
    def role_set(self) -> frozenset[Role]:
        return frozenset(Role(r.role) for r in self.roles)


class StaffRole(Base):
    __tablename__ = "staff_role"

    user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(32), primary_key=True)

    user: Mapped[StaffUser] = relationship(back_populates="roles")


class Vehicle(Versioned, Base):
    """A car in the store's inventory, identified by its VIN (车辆识别代号)."""

    __tablename__ = "vehicle"

    id: Mapped[int] = mapped_column(primary_key=True)
    vin: Mapped[str] = mapped_column(String(17), unique=True)
    brand: Mapped[str] = mapped_column(String(60), index=True)
    model: Mapped[str] = mapped_column(String(80), index=True)
    trim: Mapped[str] = mapped_column(String(120), default="")
    model_year: Mapped[int] = mapped_column(Integer)
    exterior_color: Mapped[str] = mapped_column(String(40), default="")
    interior_color: Mapped[str] = mapped_column(String(40), default="")
    powertrain: Mapped[str] = mapped_column(String(8))
    guide_price_fen: Mapped[int] = mapped_column(Integer)
    price_fen: Mapped[int] = mapped_column(Integer)
    configuration: Mapped[list[str]] = mapped_column(JSON, default=list)
    power_kw: Mapped[int | None] = mapped_column(Integer)
    accel_0_100_s: Mapped[float | None] = mapped_column()
    fuel_l_per_100km: Mapped[float | None] = mapped_column()
    range_km: Mapped[int | None] = mapped_column(Integer)
    battery_kwh: Mapped[float | None] = mapped_column()
    fast_charge_minutes: Mapped[int | None] = mapped_column(Integer)
    slow_charge_hours: Mapped[float | None] = mapped_column()
    production_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), index=True, default=VehicleStatus.IN_STOCK)
    # T/CSCA 120031 4.2.3.4: defects and repairs must be disclosed to the customer.
    defect_notes: Mapped[str] = mapped_column(Text, default="")
    repair_notes: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # domain_reference §5.2: a wrong VIN check digit needs a manager's override with a reason.
    vin_override_reason: Mapped[str | None] = mapped_column(Text)
    vin_override_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class VehicleStatusChange(Base):
    """Append-only history of status moves (who moved which car, when, from what to what)."""

    __tablename__ = "vehicle_status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    vehicle_id: Mapped[int] = mapped_column(ForeignKey("vehicle.id"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, server_default=func.now())
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    reason: Mapped[str] = mapped_column(Text, default="")


# --- Documents archive (issue #3) ----------------------------------------------------------
#
# Immutability is enforced twice: the services never UPDATE an archived document except
# for its void columns, and database triggers (migration 0002) refuse any other UPDATE and
# every DELETE on `document`, `document_signature` and `document_print`.


class SigningCertificate(Versioned, Base):
    """A certificate the store signs documents with. Exactly one is `active` (the newest
    wins); replaced ones stay forever so that documents they signed still verify. The key is
    PKCS#8 encrypted with AES-GCM under a key file outside the database (app/core/keys.py)."""

    __tablename__ = "signing_certificate"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(400))
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)  # SHA-256, hex
    cert_pem: Mapped[str] = mapped_column(Text)
    encrypted_key: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    source: Mapped[str] = mapped_column(String(16))  # "generated" | "imported"
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    not_valid_after: Mapped[dt.datetime] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))  # issue #17.15: who changed it last


class DocumentSequence(Base):
    """The last number handed out per document type and year. Not Versioned: it is only ever
    changed by one atomic INSERT ... ON CONFLICT DO UPDATE ... RETURNING, never by the ORM."""

    __tablename__ = "document_sequence"

    doc_type: Mapped[str] = mapped_column(String(40), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer)


class Document(Base):
    """One issued version of a document: the signed PDF bytes and what identifies them.

    Immutable once written; the void columns are set once (voided_at IS NULL -> set) and
    `replaced_by_id` once. Not Versioned: `version` here is the document's version (1, 2, ...
    for replacements under the same number), and the one permitted change is a conditional
    UPDATE guarded by a trigger, so no optimistic-lock counter is needed.
    """

    __tablename__ = "document"
    __table_args__ = (UniqueConstraint("number", "version", name="uq_document_number_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_type: Mapped[str] = mapped_column(String(40), index=True)
    subject_type: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[int | None] = mapped_column(Integer)
    # A short, non-personal reference to search by (a VIN, a test-drive number): never a
    # customer's name or phone, because this row can never be changed or erased.
    subject_ref: Mapped[str] = mapped_column(String(100), default="")
    number: Mapped[str] = mapped_column(String(40), index=True)
    version: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(10))
    issued_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    issued_at: Mapped[dt.datetime] = mapped_column(DateTime)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    signed: Mapped[bool] = mapped_column(Boolean)
    signer_subject: Mapped[str | None] = mapped_column(String(400))
    certificate_id: Mapped[int | None] = mapped_column(ForeignKey("signing_certificate.id"))
    voided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    voided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    void_reason: Mapped[str | None] = mapped_column(Text)
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))


class DocumentSignature(Base):
    """A handwritten signature captured on the pad for a document, kept as evidence: the
    raw strokes ([x, y, t_ms, pressure] points, ui/widgets/signature_pad.py) and the PNG."""

    __tablename__ = "document_signature"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    signer_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(20))
    signed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    strokes: Mapped[list] = mapped_column(JSON, deferred=True)
    png: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)


class DocumentPrint(Base):
    """Append-only ledger of every print, reprint and export of an archived document."""

    __tablename__ = "document_print"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    printed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    printed_by_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"))
    printer: Mapped[str] = mapped_column(String(200))
    copies: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))  # "print" | "reprint" | "export"


from db import reception_models  # noqa: E402,F401  (registers reception tables on Base.metadata)
from db import card_models  # noqa: E402,F401  (registers showroom card and floor tables)
from db import drive_models  # noqa: E402,F401  (issue #6: routes, fleet, test drives)
from db import pdi_models  # noqa: E402,F401  (issue #7: PDI templates and inspections)
from db import audit_models  # noqa: E402,F401  (issue #9: audit log, consents, retention)
from db import key_models  # noqa: E402,F401  (issue #15.2: ids of the store's key files)
from db import request_models  # noqa: E402,F401  (issue #16: idempotency keys of creates)
from db import care_models  # noqa: E402,F401  (follow-up tasks: issue #18.3, #19)
from db import complaint_models  # noqa: E402,F401  (issue #19.3: complaints, working-day calendar)
from db import sales_models  # noqa: E402,F401  (issue #18: price list, deals, quotes, contracts, money, handover)
from db import kpi_models  # noqa: E402,F401  (issue #20.1: versioned KPI targets)
