"""Retention, access and deletion of customers' personal data (issue #9 item 3; PIPL art. 19,
45, 47; T/CSCA 120031 4.2.3.2; domain_reference §3 archive design and §6).

Retention (`purge`):
  * visitors who never bought: anonymised `visitor_months` after their last activity (visit,
    lead, appointment, test drive, consent). The store's setting (`store.visitor_retention_months`,
    edited by the administrator on the admin page, issue #17.16; 12 months until changed) unless
    the caller names a period. The period may not exceed
    what the consent texts on record promised (v1: "不超过 24 个月"): the shortest promise
    found in any consent text wins, and a longer setting is refused.
  * buyers (a lead that reached "ordered"): the sales archive is kept 10 years (汽车销售管理办法,
    domain_reference §3 art. 28) from the last activity, then anonymised.
Anonymising keeps the rows (the month's KPIs still count them) but clears the name, mobile,
free-text notes, and any sealed/masked/fingerprinted personal number of that customer's rows.
Archived, signed documents are legal records and stay as issued.

Access (`export_person`): everything stored about the person with this mobile, as one
JSON-ready dict; personal numbers appear masked (unmasking is its own logged action).
Deletion (`delete_person`): consents withdrawn and the person anonymised at once, unless a
sales record must still be kept, which is refused with the date it may go.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, and_, func, or_, select, update

from app.core.clock import utcnow
from app.core.errors import FieldError, NotFound, ShowroomError, ValidationFailed
from app.core.permissions import Action, require
from db.models import Base, Store
from db.reception_models import Consent, ConsentText, Customer, Lead, LeadStatus
from db.uow import UnitOfWork

VISITOR_MONTHS_DEFAULT = 12
MAX_STORED_MONTHS = 120  # app.store.retention_setting's upper bound
SALES_YEARS = 10
_MONTHS = (re.compile(r"(\d+)\s*个月"), re.compile(r"(\d+)\s*months", re.IGNORECASE))
# Free text that may name or describe the person; cleared on anonymisation.
_FREE_TEXT = {"notes", "note", "damage_notes", "customer_name", "cancel_reason", "lost_note", "contact_name"}
# A complaint keeps who made it by name and mobile (issue #19.3), linked to a customer or not:
# PIPL arts. 45 and 47 reach those rows by the mobile too. The complaint itself is kept (4.5.2.2).
_CONTACT = {"contact_name": "", "contact_mobile": ""}
_PERSONAL_SUFFIXES = ("_sealed", "_masked", "_fingerprint")


@dataclass(frozen=True)
class PurgeCandidate:
    customer_id: int
    kind: str  # "visitor" (never bought) | "buyer"
    last_activity: dt.datetime


@dataclass(frozen=True)
class PurgeReport:
    dry_run: bool
    visitor_months: int
    promised_months: int | None
    candidates: tuple[PurgeCandidate, ...]
    # (table, row id) of records holding personal numbers of no known buyer, past the period
    # (e.g. a walk-in's test drive without a customer record), and ("customer", id) of
    # customers anonymised on withdrawal whose visits or drives still hold their details.
    records: tuple[tuple[str, int], ...] = ()


def _months_before(now: dt.datetime, months: int) -> dt.datetime:
    y, m = divmod(now.month - 1 - months, 12)
    year, month = now.year + y, m + 1
    day = min(now.day, 28)
    return now.replace(year=year, month=month, day=day)


def promised_months(session) -> int | None:
    """The shortest retention any consent text promised, in months (None: none stated)."""
    found = []
    for zh, en in session.execute(select(ConsentText.text_zh, ConsentText.text_en)):
        for pattern, text in zip(_MONTHS, (zh or "", en or "")):
            found += [int(n) for n in pattern.findall(text)]
    return min(found) if found else None


def stored_visitor_months(session) -> int:
    """The store's visitor retention period in months (issue #17.16)."""
    months = session.scalar(select(Store.visitor_retention_months).limit(1))
    return months or VISITOR_MONTHS_DEFAULT


def _customer_tables() -> list[Table]:
    """Every table with a customer_id column (found by convention, like sealed columns)."""
    return [t for t in Base.metadata.sorted_tables if "customer_id" in t.c and t.name not in ("customer", "consent")]


def _contact_tables() -> list[Table]:
    """Every table naming a contact by mobile (complaints), whether or not linked to a customer."""
    return [t for t in Base.metadata.sorted_tables if "contact_mobile" in t.c]


def _activity_columns(t: Table) -> list:
    names = ("arrival_at", "updated_at", "scheduled_at", "planned_start", "created_at")
    return [t.c[n] for n in names if n in t.c]


def _last_activity(session) -> dict[int, dt.datetime]:
    last: dict[int, dt.datetime] = {}

    def bump(cid, when):
        if cid is not None and when is not None and (cid not in last or when > last[cid]):
            last[cid] = when

    for cid, when in session.execute(select(Customer.id, func.coalesce(Customer.updated_at, Customer.created_at))):
        bump(cid, when)
    for cid, given, withdrawn in session.execute(select(Consent.customer_id, Consent.given_at, Consent.withdrawn_at)):
        bump(cid, given)
        bump(cid, withdrawn)
    for t in _customer_tables():
        for col in _activity_columns(t):
            for cid, when in session.execute(select(t.c.customer_id, func.max(col)).group_by(t.c.customer_id)):
                bump(cid, when)
    return last


def _candidates(session, visitor_months: int, now: dt.datetime) -> list[PurgeCandidate]:
    buyers = set(session.scalars(select(Lead.customer_id).where(Lead.status == LeadStatus.ORDERED.value)))
    visitor_cut = _months_before(now, visitor_months)
    buyer_cut = _months_before(now, SALES_YEARS * 12)
    live = set(session.scalars(select(Customer.id).where(Customer.anonymised_at.is_(None))))
    out = []
    for cid, when in sorted(_last_activity(session).items()):
        if cid not in live:
            continue
        kind = "buyer" if cid in buyers else "visitor"
        if when < (buyer_cut if kind == "buyer" else visitor_cut):
            out.append(PurgeCandidate(cid, kind, when))
    return out


def _personal_values(t: Table) -> dict[str, object]:
    values: dict[str, object] = {}
    for col in t.c:
        if col.name.endswith(_PERSONAL_SUFFIXES) or col.name == "birth_date":
            if col.nullable:
                values[col.name] = None
        elif col.name in _FREE_TEXT:
            values[col.name] = None if col.nullable else ""
    return values


def _stale_records(session, visitor_months: int, now: dt.datetime) -> list[tuple[str, int]]:
    """Rows holding a sealed personal number, older than the visitor period, of no buyer."""
    buyers = set(session.scalars(select(Lead.customer_id).where(Lead.status == LeadStatus.ORDERED.value)))
    cut = _months_before(now, visitor_months)
    out = []
    for t in Base.metadata.sorted_tables:
        sealed = [c for c in t.c if c.name.endswith("_sealed")]
        when = _activity_columns(t)
        pk = list(t.primary_key.columns)
        if not sealed or not when or len(pk) != 1:
            continue
        # Every activity time of the row lies before the cut (the LATEST one decides).
        q = select(pk[0], *([t.c.customer_id] if "customer_id" in t.c else [])).where(
            and_(*[or_(c.is_(None), c < cut) for c in when]), or_(*[c.is_not(None) for c in sealed])
        )
        for row in session.execute(q):
            if len(row) > 1 and row[1] in buyers:
                continue
            out.append((t.name, row[0]))
    return out


def _leftovers(session) -> list[tuple[str, int]]:
    """Customers already anonymised (consent withdrawn) whose other rows still hold their
    details (visit notes, a test drive's name or numbers): PIPL art. 47, erase those too."""
    out = set()
    anonymous = select(Customer.id).where(Customer.anonymised_at.is_not(None))
    for t in _customer_tables():
        filled = []
        for name, value in _personal_values(t).items():
            col = t.c[name]
            filled.append(col.is_not(None) if value is None else and_(col.is_not(None), col != value))
        if filled:
            out.update(
                session.scalars(select(t.c.customer_id).where(t.c.customer_id.in_(anonymous), or_(*filled)).distinct())
            )
    return [("customer", cid) for cid in sorted(out)]


def _clear_record(session, table: str, record_id: int) -> None:
    if table == "customer":  # the rows of an already anonymised customer
        for t in _customer_tables():
            values = _personal_values(t)
            if values:
                session.execute(update(t).where(t.c.customer_id == record_id).values(**values))
        return
    t = Base.metadata.tables[table]
    pk = list(t.primary_key.columns)[0]
    session.execute(update(t).where(pk == record_id).values(**_personal_values(t)))


def _anonymise(session, customer: Customer, now: dt.datetime) -> None:
    for t in _contact_tables():
        theirs = [t.c.customer_id == customer.id] if "customer_id" in t.c else []
        theirs += [t.c.contact_mobile == customer.mobile] if customer.mobile else []
        if theirs:
            session.execute(update(t).where(or_(*theirs)).values(**_CONTACT))
    customer.name = None
    customer.mobile = None  # through the ORM: clears mobile_rev too
    customer.language = None
    customer.anonymised_at = now
    for c in session.scalars(select(Consent).where(Consent.customer_id == customer.id, Consent.withdrawn_at.is_(None))):
        c.withdrawn_at = now
    for t in _customer_tables():
        values = _personal_values(t)
        if values:
            session.execute(update(t).where(t.c.customer_id == customer.id).values(**values))
    session.flush()


def purge(
    uow: UnitOfWork, *, actor, visitor_months: int | None = None, dry_run: bool = True, now: dt.datetime | None = None
) -> PurgeReport:
    """What the retention periods no longer allow; anonymised unless `dry_run`.
    `visitor_months` None: the store's setting (issue #17.16)."""
    require(actor, Action.MANAGE_PERSONAL_DATA)
    now = now or utcnow()
    with uow:
        uow.act_as(actor)
        s = uow.session
        promised = promised_months(s)
        if visitor_months is None:
            # A consent text published after the setting may promise less: the promise wins.
            visitor_months = min(stored_visitor_months(s), promised or MAX_STORED_MONTHS)
        if visitor_months < 1 or (promised is not None and visitor_months > promised):
            raise ValidationFailed(
                [
                    FieldError(
                        "visitor_months",
                        "retention_exceeds_consent" if visitor_months >= 1 else "retention_too_short",
                        {"max": promised},
                    )
                ]
            )
        found = _candidates(s, visitor_months, now)
        if not dry_run:
            for c in found:
                customer = s.get(Customer, c.customer_id)
                if customer is None:  # found in this very transaction: cannot happen
                    continue
                _anonymise(s, customer, now)
                uow.audit(
                    "anonymise",
                    table_name="customer",
                    record_id=c.customer_id,
                    actor=actor,
                    detail={"reason": f"retention_{c.kind}", "last_activity": c.last_activity},
                )
        records = _stale_records(s, visitor_months, now) + _leftovers(s)
        if not dry_run:
            for table, record_id in records:
                _clear_record(s, table, record_id)
                uow.audit(
                    "anonymise",
                    table_name=table,
                    record_id=record_id,
                    actor=actor,
                    detail={"reason": "retention_record"},
                )
            uow.commit()
        return PurgeReport(dry_run, visitor_months, promised, tuple(found), tuple(records))


def _person(s, mobile: str) -> Customer:
    mobile = (mobile or "").strip()
    customer = s.scalar(select(Customer).where(Customer.mobile == mobile)) if mobile else None
    if customer is None:
        raise NotFound(what="customer", id=mobile)
    return customer


def _row(mapping) -> dict:
    return {
        k: v for k, v in mapping.items() if not k.endswith(("_sealed", "_fingerprint")) and not isinstance(v, bytes)
    }


def export_person(uow: UnitOfWork, *, actor, mobile: str) -> dict:
    """Everything about one person (PIPL art. 45): the customer row, consents, and every row
    of any table that points at the customer. Logged as "export_person"."""
    require(actor, Action.MANAGE_PERSONAL_DATA)
    with uow:
        uow.act_as(actor)
        s = uow.session
        customer = _person(s, mobile)
        ct = Customer.__table__
        data: dict[str, object] = {
            "customer": _row(s.execute(select(ct).where(ct.c.id == customer.id)).mappings().one())
        }
        cons = Consent.__table__
        data["consent"] = [_row(r) for r in s.execute(select(cons).where(cons.c.customer_id == customer.id)).mappings()]
        for t in _customer_tables():
            rows = [
                _row(r)
                for r in s.execute(
                    select(t).where(t.c.customer_id == customer.id).order_by(*t.primary_key.columns)
                ).mappings()
            ]
            if rows:
                data[t.name] = rows
        for t in _contact_tables():  # also the contact rows no one linked to the customer
            q = select(t).where(t.c.contact_mobile == customer.mobile)
            q = q.where(t.c.customer_id.is_(None)) if "customer_id" in t.c else q
            rows = [_row(r) for r in s.execute(q).mappings()]
            if rows:
                data[t.name] = [*cast(list, data.get(t.name, [])), *rows]
        uow.audit(
            "export_person", table_name="customer", record_id=customer.id, actor=actor, detail={"tables": sorted(data)}
        )
        uow.commit()
        return {"exported_at": utcnow().isoformat(timespec="seconds"), "data": data}


def delete_person(uow: UnitOfWork, *, actor, mobile: str, now: dt.datetime | None = None) -> int:
    """A deletion request: withdraw every consent and anonymise now; refused while a sales
    record must be kept (then only storage and security are allowed, PIPL art. 47)."""
    require(actor, Action.MANAGE_PERSONAL_DATA)
    now = now or utcnow()
    with uow:
        uow.act_as(actor)
        s = uow.session
        customer = _person(s, mobile)
        if s.scalar(
            select(Lead.id).where(Lead.customer_id == customer.id, Lead.status == LeadStatus.ORDERED.value).limit(1)
        ):
            last = _last_activity(s).get(customer.id, now)
            until = last.replace(year=last.year + SALES_YEARS).date().isoformat()
            raise ShowroomError("sales_record_retained", until=until)
        _anonymise(s, customer, now)
        uow.audit(
            "anonymise",
            table_name="customer",
            record_id=customer.id,
            actor=actor,
            detail={"reason": "deletion_request"},
        )
        uow.commit()
        return customer.id
