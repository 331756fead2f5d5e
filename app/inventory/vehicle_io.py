"""Inventory import and export (issue #2 item 7): CSV or XLSX in, the same columns out.

The file is streamed, never held whole (issue #15.13): its sheet and header are found and its
rows counted against the row limit (DEFAULT_MAX_ROWS, raised with `max_rows`) before the
database is touched, so an unreadable or oversized file writes nothing. The rows are then read
again, in chunks: each row is checked with the very rules of the add-vehicle dialog
(validate_vehicle_input); rows with errors are reported and skipped, and the good ones are
written in one transaction ("validate, then insert"), flushed chunk by chunk so that memory
stays flat: no row is ever half-written, and a failure or a cancel writes nothing.
A VIN already in the inventory updates that vehicle instead of duplicating it, so importing
the same file twice changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from app.core.clock import utcnow
from app.core.validation import normalize_vin
from app.core.errors import Conflict, FieldError, ShowroomError, ValidationFailed
from app.core.permissions import Action, can, require
from app.core.common import commit
from app.core.dto import Actor, Changes
from app.inventory.sale_moves import manual_move_refusal
from app.inventory.vehicle_io_formats import ATTR_TO_COLUMN, BY_NAME, REQUIRED_COLUMNS, Column, cell_text, parse_cell
from app.inventory.vehicle_io_read import Sheet, check_row_limit, default_max_rows, open_sheet, too_many_rows
from app.inventory.vehicle_export import export_vehicles
from app.inventory.vehicle_rules import clean_vehicle_value
from app.inventory.vehicles import (
    VehicleInput,
    _apply,
    can_change_status,
    initial_status_errors,
    move_status,
    record_status_change,
    validate_vehicle_input,
)
from db.models import Vehicle, VehicleStatus
from db.uow import UnitOfWork

Progress = Callable[[int, int], None]
PROGRESS_EVERY = 100
_LOOKUP_CHUNK = 500  # VINs per IN (...) query: well under every backend's parameter limit
_WRITE_CHUNK = 500  # rows parsed, looked up and flushed together; then let go of

# File-level warning codes (ImportReport.warnings).
WARN_UNKNOWN_COLUMNS = "unknown_columns"  # see ImportReport.ignored_columns
WARN_NO_DATA_ROWS = "no_data_rows"


@dataclass(frozen=True)
class RowRejection:
    """One row left out: its spreadsheet row number (header = row 1), VIN as read, and why."""

    row: int
    vin: str
    errors: list[FieldError]


@dataclass(frozen=True)
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RowRejection] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    vehicle_ids: frozenset[int] = frozenset()  # vehicles created or updated

    @property
    def total_rows(self) -> int:
        return self.created + self.updated + self.unchanged + len(self.rejected)

    @property
    def changes(self) -> Changes:
        return Changes(vehicles=bool(self.vehicle_ids), ids=self.vehicle_ids)


@dataclass
class _Row:
    row: int
    vin: str  # normalised, possibly invalid
    values: dict[str, Any]  # VehicleInput field -> typed value, for the columns present
    errors: list[FieldError]


def import_vehicles(
    uow: UnitOfWork, *, actor: Actor, path: Path, progress: Progress | None = None, max_rows: int | None = None
) -> ImportReport:
    """Import a .csv or .xlsx inventory file. Raising from `progress` cancels: nothing is written.

    Raises ShowroomError "import_unreadable", "import_missing_columns",
    "import_duplicate_columns" or "import_too_many_rows" (more data rows than `max_rows`,
    by default default_max_rows()) when the file as a whole cannot be used.
    """
    require(actor, Action.IMPORT_VEHICLES)
    limit = max_rows if max_rows and max_rows > 0 else default_max_rows()
    with open_sheet(Path(path)) as sheet:
        columns, ignored = _map_header(sheet.header)
        total = check_row_limit(sheet, limit)  # issue #15.13: before the database is touched
        plan = _Plan(sheet, columns, total, limit, ignored)
        try:
            return _write(uow, actor, plan, progress)
        except (IntegrityError, StaleDataError, Conflict):
            # Another terminal added or edited one of these VINs between our lookup and a
            # chunk's flush or our commit. Everything was rolled back; a second pass sees
            # their rows as they are now.
            pass
        try:
            return _write(uow, actor, plan, progress)
        except (IntegrityError, StaleDataError) as e:
            raise Conflict(detail=str(getattr(e, "orig", e))) from None


@dataclass(frozen=True)
class _Plan:
    """What an import reads: the sheet, its columns, how many rows and at most how many."""

    sheet: Sheet
    columns: dict[int, Column]
    total: int
    limit: int
    ignored: list[str]

    def chunks(self) -> Iterator[list[_Row]]:
        rows = self.sheet.rows()
        seen = 0
        while chunk := list(islice(rows, _WRITE_CHUNK)):
            seen += len(chunk)
            if seen > self.limit:  # the file grew since it was counted
                raise too_many_rows(self.sheet.path, self.limit)
            yield [_parse_row(n, cells, self.columns) for n, cells in chunk]


def _map_header(header: list[str | None]) -> tuple[dict[int, Column], list[str]]:
    columns: dict[int, Column] = {}
    ignored: list[str] = []
    duplicates: list[str] = []
    for index, name in enumerate(header):
        if name is None:
            continue  # Excel often carries blank trailing columns
        column = BY_NAME.get(name)
        if column is None:
            ignored.append(name)
        elif column in columns.values():
            duplicates.append(name)
        else:
            columns[index] = column
    if duplicates:
        raise ShowroomError("import_duplicate_columns", columns=sorted(set(duplicates)))
    present = {c.name for c in columns.values()}
    missing = [name for name in REQUIRED_COLUMNS if name not in present]
    if missing:
        raise ShowroomError("import_missing_columns", columns=missing)
    return columns, ignored


def _parse_row(number: int, cells: tuple[Any, ...], columns: dict[int, Column]) -> _Row:
    values: dict[str, Any] = {}
    errors: list[FieldError] = []
    vin = ""
    for index, column in columns.items():
        raw = cells[index] if index < len(cells) else None
        if column.name == "vin":
            vin = normalize_vin(cell_text(raw))
        if column.name in REQUIRED_COLUMNS and not cell_text(raw):
            errors.append(FieldError(column.name, "required"))
            continue
        try:
            values[column.attr] = parse_cell(column, raw)
        except ValidationFailed as e:
            errors.extend(e.errors)
    return _Row(number, vin, values, errors)


@dataclass
class _Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RowRejection] = field(default_factory=list)
    ids: set[int] = field(default_factory=set)


def _write(uow: UnitOfWork, actor: Actor, plan: _Plan, progress: Progress | None) -> ImportReport:
    tally = _Tally()
    first_row_of: dict[str, int] = {}
    done = 0
    now = utcnow()
    if progress:
        progress(0, plan.total)
    with uow:
        for rows in plan.chunks():
            existing = _existing_by_vin(uow, (r.vin for r in rows))
            created: list[Vehicle] = []
            updated: list[Vehicle] = []
            for r in rows:
                _write_row(uow, actor, r, existing.get(r.vin), first_row_of, tally, created, updated)
                done += 1
                if progress and done % PROGRESS_EVERY == 0:
                    progress(done, max(done, plan.total))
            uow.session.flush()  # one batched INSERT/UPDATE round per chunk, not one per row
            # Same history entry as add_vehicle writes: the first status, from nothing.
            for v in created:
                record_status_change(uow, v, from_status=None, actor=actor, at=now)
            uow.session.flush()
            tally.ids.update(v.id for v in created + updated)
            # Issue #15.13: the chunk is in the transaction; its objects and their audit
            # events need not stay in memory until the commit.
            uow.write_audit_so_far()
            uow.session.expunge_all()
        if progress:
            progress(done, done)
        commit(uow)
    warnings = ([WARN_UNKNOWN_COLUMNS] if plan.ignored else []) + ([] if done else [WARN_NO_DATA_ROWS])
    return ImportReport(
        created=tally.created,
        updated=tally.updated,
        unchanged=tally.unchanged,
        rejected=tally.rejected,
        warnings=warnings,
        ignored_columns=list(plan.ignored),
        vehicle_ids=frozenset(tally.ids),
    )


def _write_row(
    uow: UnitOfWork,
    actor: Actor,
    r: _Row,
    current: Vehicle | None,
    first_row_of: dict[str, int],
    tally: _Tally,
    created: list[Vehicle],
    updated: list[Vehicle],
) -> None:
    data, vin, errors = _check_row(r, current, first_row_of)
    moved = False
    if not errors and current is not None and data.status != current.status:
        errors = _move(uow, actor, current, VehicleStatus(data.status))
        moved = not errors
    if errors:
        tally.rejected.append(RowRejection(r.row, r.vin, errors))
    elif current is None:
        v = Vehicle(status=VehicleStatus(data.status).value, updated_by_id=actor.user_id)
        _apply(v, data, vin)
        uow.session.add(v)
        created.append(v)
        tally.created += 1
    elif moved or _facts(current) != _facts(data):
        _apply(current, data, vin)  # the ORM bumps `version` when it flushes this
        current.updated_by_id = actor.user_id
        updated.append(current)
        tally.updated += 1
    else:
        tally.unchanged += 1


def _move(uow: UnitOfWork, actor: Actor, current: Vehicle, target: VehicleStatus) -> list[FieldError]:
    """Issue #17.5: a new status in the file moves an existing car by the rules of "Change
    status" (allowed moves, the PDI before delivery, 4.4.1); a refused move rejects the row
    with its reason, and nothing of that row is written."""
    needed = Action.DELIVER_VEHICLE if target is VehicleStatus.DELIVERED else Action.CHANGE_VEHICLE_STATUS
    if not can(actor.roles, needed):
        return [FieldError("status", "permission_denied")]
    if can_change_status(current.status, target):
        # A file no more sells or delivers a car than "Change status" does (issue #18.4).
        refusal = manual_move_refusal(uow.session, current, target)
        if refusal is not None:
            return [refusal]
    try:
        move_status(uow, current, target, actor=actor, reason="import")
    except ValidationFailed as e:
        return list(e.errors)
    except ShowroomError as e:  # the PDI gate: pdi_required / pdi_report_required
        return [FieldError("status", e.code, e.params)]
    return []


def _existing_by_vin(uow: UnitOfWork, vins: Iterable[str]) -> dict[str, Vehicle]:
    wanted = sorted({v for v in vins if v})
    found: dict[str, Vehicle] = {}
    for i in range(0, len(wanted), _LOOKUP_CHUNK):
        chunk = wanted[i : i + _LOOKUP_CHUNK]
        for v in uow.session.scalars(select(Vehicle).where(Vehicle.vin.in_(chunk))):
            found[v.vin] = v
    return found


_BLANK = VehicleInput(vin="", brand="", model="", model_year=0, powertrain="", guide_price_fen=0, price_fen=0)


def _check_row(
    r: _Row, current: Vehicle | None, first_row_of: dict[str, int]
) -> tuple[VehicleInput, str, list[FieldError]]:
    """Build the vehicle this row describes and every reason to refuse it."""
    errors = list(r.errors)
    if r.vin:
        if r.vin in first_row_of:
            errors.insert(
                0, FieldError("vin", "vin_duplicate_in_file", {"vin": r.vin, "first_row": first_row_of[r.vin]})
            )
        else:
            first_row_of[r.vin] = r.row
    failed = {e.field for e in errors}
    # A column absent from the file keeps the vehicle's current value (or the default).
    base = _input_of(current) if current is not None else _BLANK
    given = {k: v for k, v in r.values.items() if ATTR_TO_COLUMN[k] not in failed}
    # A new status for an existing car is moved by _move, through change_status's rules.
    status = given.pop("status", None) or base.status or VehicleStatus.IN_STOCK.value
    data = replace(base, **given, status=status)
    vin, checksum_ok, found = validate_vehicle_input(data)
    if current is None:
        found += initial_status_errors(data.status)  # same entry gate as add_vehicle
    for e in found:
        column = ATTR_TO_COLUMN.get(e.field, e.field)
        if column not in failed:
            errors.append(FieldError(column, e.code, e.params))
    # domain_reference §5.2: a wrong check digit needs a manager's written override, which a
    # file cannot carry. An override already on record for this very VIN still stands.
    if (
        not checksum_ok
        and not any(e.field == "vin" for e in errors)
        and not (current is not None and current.vin_override_reason)
    ):
        errors.append(FieldError("vin", "vin_checksum", {"vin": vin}))
    return data, vin, errors


def _input_of(v: Vehicle) -> VehicleInput:
    values = {f.name: getattr(v, f.name) for f in fields(VehicleInput)}
    values["configuration"] = list(v.configuration or [])
    return VehicleInput(**values)


def _facts(obj: Vehicle | VehicleInput) -> dict[str, Any]:
    """What _apply would store, for the unchanged/updated decision (status is not a fact here)."""
    out: dict[str, Any] = {}
    for f in fields(VehicleInput):
        if f.name in ("vin", "status"):
            continue
        value = clean_vehicle_value(f.name, getattr(obj, f.name))
        if value is None and f.name in (
            "trim",
            "exterior_color",
            "interior_color",
            "defect_notes",
            "repair_notes",
            "notes",
        ):
            value = ""
        out[f.name] = value
    return out


__all__ = [
    "ImportReport",
    "RowRejection",
    "import_vehicles",
    "export_vehicles",  # re-exported from vehicle_export
    "WARN_UNKNOWN_COLUMNS",
    "WARN_NO_DATA_ROWS",
]
