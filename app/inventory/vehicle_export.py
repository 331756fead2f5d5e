"""Inventory export (库存导出, issue #2 item 7): the same columns the import reads, prices in
yuan, so an exported file re-imports as all unchanged. Each export is audited (issue #9.4)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from app.core.dto import Actor, VehicleDTO
from app.core.errors import ShowroomError
from app.core.permissions import Action, require
from app.inventory.vehicle_io_formats import COLUMNS, SUPPORTED_SUFFIXES, fen_to_yuan, write_table
from app.inventory.vehicles import VehicleQuery, list_vehicles
from db.uow import UnitOfWork


def export_vehicles(uow: UnitOfWork, *, actor: Actor, path: Path, query: VehicleQuery = VehicleQuery()) -> int:
    """Write the vehicles matching `query` to .csv (UTF-8 with BOM) or .xlsx; return how many.

    Same columns as the import, prices in yuan: the file re-imports as all unchanged.
    """
    require(actor, Action.EXPORT_VEHICLES)
    path = Path(path)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise ShowroomError("export_format", path=str(path), suffix=path.suffix.lower())
    vehicles = list_vehicles(uow, actor=actor, query=query)
    write_table(path, [_export_row(v) for v in vehicles])
    # Issue #9.4: a file leaving the system is in the audit trail (what, how many, which filter).
    with uow:
        uow.audit(
            "export",
            table_name="vehicle",
            actor=actor,
            detail={"rows": len(vehicles), "file": path.name, "status": query.status or "", "search": query.text or ""},
        )
        uow.commit()
    return len(vehicles)


def _export_row(v: VehicleDTO) -> list[Any]:
    row: list[Any] = []
    for column in COLUMNS:
        value = getattr(v, column.attr)
        if column.kind == "yuan":
            value = fen_to_yuan(value)
        elif column.kind == "list":
            value = ";".join(value)
        elif isinstance(value, dt.datetime):
            value = value.date()
        row.append(value)
    return row
