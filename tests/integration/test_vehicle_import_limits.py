"""Issue #15.13: imports stream the file and stop at a row limit before writing anything.

An 11.9 MB XLSX that unpacked to 1.5 M rows ran for minutes and died with MemoryError. Now a
file with more data rows than the limit (50,000 unless the administrator raises it) is refused
with a clear message, quickly, and nothing is imported; files within the limit keep their
per-row report. bench/import_memory.py measures the memory and time of a 20,000-row import.
"""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from app.core.errors import ShowroomError
from app.inventory.vehicle_io import import_vehicles
from app.inventory.vehicle_io_read import DEFAULT_MAX_ROWS
from db.models import Role, Vehicle
from tests.admin_cli import admin_cli
from tests.factories import make_user, make_vin
from tests.integration.test_cli import ready  # noqa: F401 - the set-up store fixture
from tests.integration.test_vehicle_io import HEADER, row, write_csv, write_xlsx


@pytest.fixture()
def manager(uow):
    return make_user(uow, Role.SALES_MANAGER)


def vehicles_in(uow) -> int:
    with uow() as u:
        return u.session.query(Vehicle).count()


def rows(n: int, start: int = 700_000) -> list[dict]:
    return [row(vin=make_vin(start + i)) for i in range(n)]


@pytest.mark.parametrize(("write", "suffix"), [(write_xlsx, ".xlsx"), (write_csv, ".csv")])
def test_a_file_over_the_row_limit_is_refused_and_nothing_is_imported(uow, manager, tmp_path, write, suffix):
    path = write(tmp_path / f"big{suffix}", rows(31))
    with pytest.raises(ShowroomError) as e:
        import_vehicles(uow(), actor=manager, path=path, max_rows=30)
    assert e.value.code == "import_too_many_rows" and e.value.params["limit"] == 30
    assert vehicles_in(uow) == 0
    # At the limit the file is fine, and keeps its per-row report.
    at_limit = write(tmp_path / f"ok{suffix}", rows(29) + [row(vin=make_vin(799_999), price_yuan="abc")])
    report = import_vehicles(uow(), actor=manager, path=at_limit, max_rows=30)
    assert (report.created, [r.row for r in report.rejected]) == (29, [31])


def _bomb(path: Path, data_rows: int) -> Path:
    """An XLSX as small as the one of the issue: millions of rows compress to almost nothing.
    Written part by part, so the test itself never holds the sheet."""
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<sheetData>"
    )
    cells = "".join(f'<c t="inlineStr"><is><t>{h}</t></is></c>' for h in HEADER)
    ns = "http://schemas.openxmlformats.org/"
    rel = ns + "officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            (
                '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org'
                '/package/2006/content-types"><Default Extension="rels" ContentType="application/'
                'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
                '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
            ),
        )
        z.writestr(
            "_rels/.rels",
            (
                f'<?xml version="1.0"?><Relationships xmlns="{ns}package/2006/relationships">'
                f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
                "</Relationships>"
            ),
        )
        z.writestr(
            "xl/workbook.xml",
            (
                f'<?xml version="1.0"?><workbook xmlns="{ns}spreadsheetml/2006/main" '
                f'xmlns:r="{rel}"><sheets><sheet name="vehicles" sheetId="1" r:id="rId1"/>'
                "</sheets></workbook>"
            ),
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            (
                f'<?xml version="1.0"?><Relationships xmlns="{ns}package/2006/relationships">'
                f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
                "</Relationships>"
            ),
        )
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write((head + f"<row>{cells}</row>").encode())
            line = (
                '<row><c t="inlineStr"><is><t>LSVAB2180N2000000</t></is></c>'
                '<c t="inlineStr"><is><t>大众</t></is></c><c><v>2025</v></c></row>'
            ).encode()
            block = line * 10_000
            for _ in range(data_rows // 10_000):
                f.write(block)
            f.write(b"</sheetData></worksheet>")
    return path


@pytest.mark.slow
def test_the_issues_zip_bomb_of_a_million_and_a_half_rows_stops_at_the_limit_quickly(uow, manager, tmp_path):
    path = _bomb(tmp_path / "bomb.xlsx", 1_500_000)
    assert path.stat().st_size < 12_000_000  # as in the issue: 11.9 MB
    t0 = time.perf_counter()
    with pytest.raises(ShowroomError) as e:
        import_vehicles(uow(), actor=manager, path=path)
    # Before: 4 minutes and MemoryError. The limit is reached after 50,001 rows, not 1.5 M.
    assert time.perf_counter() - t0 < 60
    assert e.value.code == "import_too_many_rows"
    assert e.value.params["limit"] == DEFAULT_MAX_ROWS == 50_000
    assert vehicles_in(uow) == 0


def test_the_administrator_sees_the_limit_and_raises_it_on_the_command_line(tmp_path, uow, ready, capsys):  # noqa: F811 - `ready` is the imported fixture
    path = write_csv(tmp_path / "stock.csv", rows(12))
    assert admin_cli("import-vehicles", str(path), "--max-rows", "10", "--database-url", ready) == 2
    err = capsys.readouterr().err
    assert "the file has more than 10 rows; nothing was imported" in err
    assert "--max-rows" in err and "Traceback" not in err
    assert vehicles_in(uow) == 0
    assert admin_cli("import-vehicles", str(path), "--max-rows", "12", "--database-url", ready) == 0
    assert "12 created" in capsys.readouterr().out
    assert admin_cli("import-vehicles", str(path), "--max-rows", "0", "--database-url", ready) == 2


def test_the_limit_can_be_raised_for_the_terminal(uow, manager, tmp_path, monkeypatch):
    monkeypatch.setenv("SHOWROOM_IMPORT_MAX_ROWS", "5")
    path = write_csv(tmp_path / "six.csv", rows(6))
    with pytest.raises(ShowroomError) as e:
        import_vehicles(uow(), actor=manager, path=path)
    assert e.value.params["limit"] == 5
    monkeypatch.setenv("SHOWROOM_IMPORT_MAX_ROWS", "6")
    assert import_vehicles(uow(), actor=manager, path=path).created == 6


def test_an_xlsx_that_would_unpack_to_too_much_is_refused_before_it_is_unpacked(uow, manager, tmp_path, monkeypatch):
    from app.inventory import xlsx_stream

    path = write_xlsx(tmp_path / "stock.xlsx", rows(3))
    with zipfile.ZipFile(path) as z:
        unpacked = sum(i.file_size for i in z.infolist())
    monkeypatch.setattr(xlsx_stream, "MAX_UNPACKED_BYTES", unpacked - 1)  # a small "bomb"
    with pytest.raises(ShowroomError) as e:
        import_vehicles(uow(), actor=manager, path=path)
    assert (e.value.code, e.value.params["reason"]) == ("import_unreadable", "too_large")
    assert vehicles_in(uow) == 0


class Stop(Exception):
    """What the inventory page raises from the progress callback when Cancel is pressed."""


def test_cancel_after_chunks_were_flushed_writes_nothing_not_even_their_audit(uow, manager, tmp_path):
    from db.audit_models import AuditEvent

    def audit_rows() -> int:
        with uow() as u:
            return u.session.query(AuditEvent).count()

    before = audit_rows()
    path = write_csv(tmp_path / "stock.csv", rows(1200))

    def cancel(done, total):
        if done >= 1100:  # two chunks of 500 are flushed (and, on SQLite, their audit events)
            raise Stop

    with pytest.raises(Stop):  # the caller's own error, not "the file is damaged"
        import_vehicles(uow(), actor=manager, path=path, progress=cancel)
    assert vehicles_in(uow) == 0 and audit_rows() == before
    report = import_vehicles(uow(), actor=manager, path=path)
    assert report.created == 1200 and audit_rows() > before


def test_a_sheet_with_entity_expansion_is_refused_as_damaged(uow, manager, tmp_path):
    # The "billion laughs" XML bomb: a worksheet has no business declaring entities.
    path = write_xlsx(tmp_path / "stock.xlsx", rows(1))
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "ha">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row><c t="inlineStr"><is><t>&b;</t></is></c></row></sheetData>'
        "</worksheet>"
    )
    bombed = tmp_path / "bombed.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bombed, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, laughs if info.filename == "xl/worksheets/sheet1.xml" else data)
    with pytest.raises(ShowroomError) as e:
        import_vehicles(uow(), actor=manager, path=bombed)
    assert (e.value.code, e.value.params["reason"]) == ("import_unreadable", "corrupt")
    assert vehicles_in(uow) == 0
