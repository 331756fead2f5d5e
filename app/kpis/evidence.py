"""The certification evidence pack (认证审核证据包, issue #20.5; T/CSCA 120031 chapter 6 audits
chapters 4-5): one ZIP for a period holding the clause index generated from the code, the KPI
figures and workbook (5.2.1), a reproducible sample of signed documents per clause, the
registers in force (test-drive routes and fleet, public notices), the staff qualifications,
and the period's audit-log extract with its chain check; manifest.json hashes every file.

`build_evidence_pack` is read-only (one build, many short reads) and writes only the file the
user chose. The CLI (`showroom admin evidence-pack`) and the dashboard's Evidence pack… button
(ui/kpis/evidence_dialog.py) call it with a progress callback and a cancel flag, checked
between files; a cancelled build leaves no file.

Permission: BUILD_EVIDENCE_PACK (sales manager, administrator). The pack holds what the
chapter-6 audit asks for — figures, registers, complaints — so the build reads them with the
sales manager's view of the store whoever of the two builds it (`_reader`); nothing is shown
on screen, and the pack itself is written owner-only.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import json
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from app.core.clock import utcnow
from app.core.dto import Actor
from app.core.permissions import Action, require
from app.kpis import clause_index as ci
from app.kpis import clause_index_evidence as where
from app.kpis import evidence_parts as parts
from app.kpis import evidence_samples as samples
from app.kpis.evidence_zip import MANIFEST, BuildCancelled, manifest_bytes, write_zip
from app.kpis.periods import Period
from db.models import Role
from db.uow import UnitOfWork

__all__ = ["BuildCancelled", "DEFAULT_SEED", "EvidencePackDTO", "Progress", "build_evidence_pack"]

DEFAULT_SEED = samples.DEFAULT_SEED
# progress(done, total, what): `what` is the part being gathered, in English, for a log or bar.
Progress = Callable[[int, int, str], None]
WORKBOOK_MODULE = "app.kpis.workbook"  # k-report's write_workbook (issue #20.4)


@dataclass(frozen=True)
class EvidencePackDTO:
    path: Path
    period: Period
    seed: int
    files: int  # in the ZIP, the manifest included
    size: int
    sampled: dict[str, int]  # document kind -> how many were drawn
    audit_intact: bool
    workbook: bool  # False while app.kpis.workbook is not there yet


def _reader(actor: Actor) -> Actor:
    return replace(actor, roles=actor.roles | {Role.SALES_MANAGER})


def workbook_bytes(uow: UnitOfWork, reader: Actor, period: Period, as_of: dt.datetime) -> bytes | None:
    """The KPI workbook (k-report's app.kpis.workbook.write_workbook), or None while that module
    is not on this branch yet. HOOK (issue #20.4/#20.5): nothing else to change when it lands."""
    if importlib.util.find_spec(WORKBOOK_MODULE) is None:
        return None
    workbook = importlib.import_module(WORKBOOK_MODULE)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "workbook.xlsx"
        workbook.write_workbook(uow, actor=reader, period=period, path=path, as_of=as_of)
        return path.read_bytes()


class _Steps:
    """Progress and cancel between files: each step says what it gathers next."""

    def __init__(self, total: int, progress: Progress | None, cancel: threading.Event | None) -> None:
        self.done, self.total = 0, total
        self._progress, self._cancel = progress, cancel

    def cancelled(self) -> bool:
        return self._cancel is not None and self._cancel.is_set()

    def check(self, what: str) -> None:
        if self.cancelled():
            raise BuildCancelled()
        if self._progress is not None:
            self._progress(self.done, self.total, what)

    def step(self, what: str) -> None:
        self.check(what)
        self.done += 1


def _kpi_as_of(period: Period, now: dt.datetime) -> dt.datetime:
    """Figures as at the period's end once it is over (the same on every build), else now."""
    return min(now, period.bounds()[1])


@dataclass(frozen=True)
class _Ask:
    period: Period
    seed: int
    size: int
    as_of: dt.datetime


def _gather(uow: UnitOfWork, reader: Actor, ask: _Ask, steps: _Steps):
    period, seed, as_of = ask.period, ask.seed, ask.as_of
    files: dict[str, bytes] = {}
    steps.step("clause index")
    rows = ci.clause_index()
    files[where.CLAUSE_INDEX_CSV], files[where.CLAUSE_INDEX_MD] = ci.index_csv(rows), ci.index_markdown(rows)
    steps.step("KPI figures")
    files["kpi/figures.csv"] = parts.kpi_figures_csv(uow, period, as_of)
    steps.step("KPI workbook")
    book = workbook_bytes(uow, reader, period, as_of)
    if book is not None:
        files[where.KPI_WORKBOOK] = book
    steps.step("signed documents")
    drawn = samples.draw_documents(uow, reader, period, seed, ask.size)
    files.update(samples.sample_files(uow, reader, drawn, steps.check))
    files[where.SAMPLE_INDEX] = samples.sample_index(drawn)
    steps.step("complaint closures")
    files[where.COMPLAINTS_CSV] = samples.complaint_closures(uow, reader, period, seed, ask.size)
    steps.step("test-drive routes and fleet")
    files[where.ROUTES_CSV] = parts.routes_csv(uow, reader)
    files[where.FLEET_CSV] = parts.fleet_csv(uow, reader, period)
    steps.step("public notices")
    files[where.NOTICES_CSV] = parts.notices_csv(uow, reader, period)
    files.update(samples.store_notices_in_force(uow, reader, period, steps.check))
    steps.step("staff qualifications")
    files[where.STAFF_CSV] = parts.staff_csv(uow, reader, period)
    steps.step("audit log")
    files[where.AUDIT_CSV], files[where.AUDIT_CHECK] = parts.audit_parts(uow, reader, period)
    return files, drawn, book is not None


def build_evidence_pack(
    uow: UnitOfWork,
    *,
    actor: Actor,
    period: Period,
    out: Path,
    seed: int = DEFAULT_SEED,
    sample_size: int = samples.SAMPLE_SIZE,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    now: dt.datetime | None = None,
    as_of: dt.datetime | None = None,
) -> EvidencePackDTO:
    """Build the pack of `period` into the ZIP `out` (replaced at once when complete). Raises
    BuildCancelled, leaving no file, when `cancel` is set before the ZIP is complete.

    The KPI figures are taken at `as_of`: by default the period's end once it is over, so every
    build of a past period is the same, else now. The manifest records it (`kpi_as_of`): a
    running period's pack is built again alike by giving the recorded instant."""
    require(actor, Action.BUILD_EVIDENCE_PACK)
    now = now or utcnow()
    as_of = as_of or _kpi_as_of(period, now)
    steps = _Steps(10, progress, cancel)
    files, drawn, has_book = _gather(uow, _reader(actor), _Ask(period, seed, sample_size, as_of), steps)
    head = {
        "period": {"from": period.first_day.isoformat(), "to": period.last_day.isoformat(), "label": period.label},
        "seed": seed,
        "default_seed": DEFAULT_SEED,
        "sample_size": sample_size,
        "kpi_workbook": where.KPI_WORKBOOK if has_book else "pending: app.kpis.workbook is not in this version",
    }
    files[MANIFEST] = manifest_bytes(files, head, built_at=now, kpi_as_of=as_of)
    steps.step("writing the ZIP")
    write_zip(Path(out), files, steps.cancelled)
    if progress is not None:
        progress(steps.total, steps.total, "done")
    audit = json.loads(files[where.AUDIT_CHECK])
    return EvidencePackDTO(
        Path(out),
        period,
        seed,
        len(files),
        Path(out).stat().st_size,
        {d.kind: len(d.documents) for d in drawn},
        audit["chain_intact"] is True,
        has_book,
    )
