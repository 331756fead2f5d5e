"""The certification evidence pack (issue #20.5; T/CSCA 120031 chapter 6 audits chapters 4-5),
built from the demo store, which holds signed documents of every kind: the manifest verifies
with the stand-alone script and catches a changed, added or missing file; the same data and
seed give the same bytes apart from the manifest's listed timestamps; the seed decides the
sample; the clause index is generated from the code; a cancelled build leaves no file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

from app.core.clock import store_today, utcnow
from app.core.errors import PermissionDenied
from app.documents.api import DOC_TYPES
from app.kpis.clause_index_clauses import CLAUSES
from app.kpis.clause_index_evidence import EVIDENCE
from app.kpis.evidence import DEFAULT_SEED, BuildCancelled, build_evidence_pack
from app.kpis.periods import Period
from app.staff.auth import login
from db.models import Role
from db.session import sqlite_url
from db.uow import Database
from tests.factories import make_user

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "verify_evidence_pack.py"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo store, built once for this module (about 10 s), only read by the tests; its key
    files in a data directory of its own (as tests.factories.isolated_data_dir, for the module)."""
    from app.demo import build_demo

    folder = tmp_path_factory.mktemp("evidence")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SHOWROOM_DATA_DIR", str(folder / "data"))
        url = sqlite_url(folder / "demo.sqlite")
        build_demo(url)
        db = Database(url)
        manager = login(db.uow(), username="zhou.jianguo", password="demo1234")
        yield db, manager
        db.dispose()


def _period() -> Period:
    """The demo's documents are issued on the day it is built: this store month and the last."""
    today = store_today(utcnow())
    return Period.custom(Period.month(today).first_day - dt.timedelta(days=31), today)


def _build(demo, out: Path, **kw):
    db, manager = demo
    return build_evidence_pack(db.uow(), actor=manager, period=_period(), out=out, **kw)


def _verify(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), str(path)], capture_output=True, text=True)


def _entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def _rezip(source: Path, target: Path, change) -> None:
    files = _entries(source)
    change(files)
    with zipfile.ZipFile(target, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)


def test_the_pack_holds_every_part_and_its_manifest_verifies_with_the_script(demo, tmp_path):
    pack = _build(demo, tmp_path / "pack.zip")
    files = _entries(pack.path)
    manifest = json.loads(files["manifest.json"])
    assert manifest["seed"] == DEFAULT_SEED and manifest["default_seed"] == DEFAULT_SEED
    assert manifest["period"]["to"] == store_today(utcnow()).isoformat()
    assert manifest["software_version"] and set(manifest["timestamp_fields"]) == {"built_at", "kpi_as_of"}
    assert sorted(f["path"] for f in manifest["files"]) == sorted(set(files) - {"manifest.json"})
    assert files["kpi/workbook.xlsx"].startswith(b"PK") and pack.workbook  # 5.2.1: app.kpis.workbook's
    for part in ("clause_index.csv", "clause_index.md", "kpi/figures.csv", "registers/test_drive_routes.csv"):
        assert part in files
    for part in ("registers/test_drive_fleet.csv", "registers/public_notices.csv", "staff/qualifications.csv"):
        assert part in files
    # A signed sample for each clause proved by paper (4.2.4.1, 4.3.3, 4.4.1.4, 4.4.2), as archived.
    for kind in ("test_drive_agreement", "sales_contract", "pdi_report", "handover", "warranty_certificate"):
        pdfs = [n for n in files if n.startswith(f"samples/{kind}/")]
        assert pdfs and all(files[n].startswith(b"%PDF") for n in pdfs), kind
    # 4.1.3.5: the signed store notices in force, the voided version replaced by its successor.
    notices = sorted(n.rsplit("/", 1)[1] for n in files if n.startswith("registers/store_notices/"))
    assert notices and len({n.split("-v")[0] for n in notices}) == len(notices)
    assert "TS-" in files["samples/complaint_closure/complaints.csv"].decode()  # 4.5.2.1: closed in the demo
    # 5.1.1: the audit extract and the result of verify-audit.
    assert json.loads(files["audit/verify_audit.json"])["chain_intact"] is True and pack.audit_intact
    assert b",login," in files["audit/events.csv"]
    # Certificate numbers are masked (the demo's PDI technician holds one).
    staff = list(csv.DictReader(io.StringIO(files["staff/qualifications.csv"].decode())))
    assert any(r["pdi_certificate_no"].startswith("****") for r in staff)
    result = _verify(pack.path)
    assert result.returncode == 0 and "intact" in result.stdout


def test_a_byte_appended_to_a_file_or_a_file_added_or_removed_is_detected(demo, tmp_path):
    pack = _build(demo, tmp_path / "pack.zip").path
    name = "registers/test_drive_routes.csv"

    _rezip(pack, tmp_path / "changed.zip", lambda f: f.__setitem__(name, f[name] + b"x"))
    result = _verify(tmp_path / "changed.zip")
    assert result.returncode == 1 and name in result.stdout

    _rezip(pack, tmp_path / "extra.zip", lambda f: f.__setitem__("notes.txt", b"added later"))
    result = _verify(tmp_path / "extra.zip")
    assert result.returncode == 1 and "extra file not in the manifest: notes.txt" in result.stdout

    _rezip(pack, tmp_path / "missing.zip", lambda f: f.pop("staff/qualifications.csv"))
    result = _verify(tmp_path / "missing.zip")
    assert result.returncode == 1 and "missing file listed in the manifest: staff/qualifications.csv" in result.stdout

    appended = tmp_path / "appended.zip"
    appended.write_bytes(pack.read_bytes() + b"\0")
    assert _verify(appended).returncode == 1


def _alike_but_timestamps(first: dict[str, bytes], second: dict[str, bytes]) -> None:
    assert sorted(first) == sorted(second)
    assert [n for n in first if n != "manifest.json" and first[n] != second[n]] == []
    one, two = json.loads(first["manifest.json"]), json.loads(second["manifest.json"])
    assert one["built_at"] != two["built_at"]
    for field in one["timestamp_fields"]:
        one.pop(field), two.pop(field)
    assert one == two


def test_the_same_data_and_seed_give_the_same_bytes_apart_from_the_listed_timestamps(demo, tmp_path):
    # The demo's month is still running: the figures are taken at the manifest's kpi_as_of,
    # which the second build is given, as an auditor rebuilding the pack would.
    first_pack = _build(demo, tmp_path / "a.zip", seed=7, now=utcnow())
    first = _entries(first_pack.path)
    as_of = dt.datetime.fromisoformat(json.loads(first["manifest.json"])["kpi_as_of"]).replace(tzinfo=None)
    later = utcnow() + dt.timedelta(minutes=5)
    _alike_but_timestamps(first, _entries(_build(demo, tmp_path / "b.zip", seed=7, now=later, as_of=as_of).path))


def test_a_past_periods_pack_is_the_same_whenever_it_is_built(demo, tmp_path):
    db, manager = demo
    period = Period.month(dt.date(2025, 6, 1))  # over: its figures are taken at its end

    def build(name: str, now: dt.datetime) -> dict[str, bytes]:
        return _entries(build_evidence_pack(db.uow(), actor=manager, period=period, out=tmp_path / name, now=now).path)

    _alike_but_timestamps(build("a.zip", utcnow()), build("b.zip", utcnow() + dt.timedelta(days=3)))


def test_the_seed_decides_the_sample_and_draws_it_again(demo, tmp_path):
    def contracts(seed: int) -> list[str]:
        files = _entries(_build(demo, tmp_path / f"s{seed}.zip", seed=seed, sample_size=2).path)
        assert json.loads(files["manifest.json"])["seed"] == seed
        return sorted(n for n in files if n.startswith("samples/sales_contract/"))

    drawn = {seed: contracts(seed) for seed in (1, 2, 3)}
    assert all(len(names) == 2 for names in drawn.values())  # the demo has 4 contracts: 2 drawn
    assert len({tuple(names) for names in drawn.values()}) > 1  # another seed, another sample
    assert contracts(2) == drawn[2]  # the auditor's redraw with the recorded seed


def test_the_clause_index_is_generated_from_the_code_with_its_evidence(demo, tmp_path):
    files = _entries(_build(demo, tmp_path / "pack.zip").path)
    rows = list(csv.DictReader(io.StringIO(files["clause_index.csv"].decode())))
    by_clause: dict[str, list[dict]] = {}
    for r in rows:
        by_clause.setdefault(r["clause"], []).append(r)
    # 4.2.4 试乘试驾 is cited by the test-drive feature; its agreement is the signed evidence.
    assert "app/test_drives/rules.py" in {r["module"] for r in by_clause["4.2.4"]}
    assert "test_drive_agreement" in by_clause["4.2.4"][0]["documents"]
    # 4.4.1 车辆检查 (PDI): cited by the PDI feature, with its report and the technicians' certificates.
    assert any(r["feature"] == "pdi" and r["module"] == "app/pdi/report.py" for r in by_clause["4.4.1"])
    assert "issue_pdi_report" in {f for r in by_clause["4.4.1.4"] for f in r["functions"].split(";")}
    assert "staff/qualifications.csv" in by_clause["4.4.1.3"][0]["pack_files"]
    # Only numbers that are clauses of the standard: no "5.3", nothing outside chapters 4-5.
    assert set(by_clause) <= dict(CLAUSES).keys()
    assert "## 4.2.4 试乘试驾" in files["clause_index.md"].decode()


def test_the_evidence_table_names_real_clauses_and_document_kinds():
    assert set(EVIDENCE) <= dict(CLAUSES).keys()
    assert {d for e in EVIDENCE.values() for d in e.documents} <= set(DOC_TYPES)


def test_a_cancelled_build_leaves_no_file(demo, tmp_path):
    out = tmp_path / "pack.zip"
    cancel = threading.Event()

    def progress(done: int, total: int, what: str) -> None:
        if what == "signed documents":
            cancel.set()  # the user presses Cancel while the documents are read

    with pytest.raises(BuildCancelled):
        _build(demo, out, progress=progress, cancel=cancel)
    assert list(tmp_path.iterdir()) == []


def test_only_a_sales_manager_or_an_administrator_builds_the_pack(demo, tmp_path):
    db, _ = demo
    consultant = make_user(db.uow, Role.CONSULTANT)
    with pytest.raises(PermissionDenied):
        build_evidence_pack(db.uow(), actor=consultant, period=_period(), out=tmp_path / "p.zip")
    assert not (tmp_path / "p.zip").exists()
