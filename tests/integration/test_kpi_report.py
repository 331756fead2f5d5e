"""Issue #20.4: the monthly KPI report, as the sales manager exports it: the workbook (a summary
of the eight 5.2.1 figures and one sheet per KPI with the records behind each side) and the
bilingual PDF. The evidence pack zips the workbook, so its bytes must repeat for the same data
and the same `as_of`."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import zipfile

import openpyxl
import pytest

from app.core.errors import PermissionDenied, ShowroomError
from app.kpis.api import compute_kpis
from app.kpis.definitions import KPIS, KpiCode
from app.kpis.periods import Period
from app.kpis.workbook import SUMMARY_SHEET, write_workbook
from db.models import Role
from db.sales_models import Contract
from tests.factories import make_store, make_user
from tests.sales_factories import SALE_NOW, make_contract, make_price_list
from tests.unit.test_documents_render import tool

NOVEMBER = Period.month(dt.date(2026, 11, 1))
AS_OF = dt.datetime(2026, 12, 1, 2, 0)  # naive UTC: 10:00 on 1 December in Shanghai


@pytest.fixture()
def manager(uow):
    make_store(uow)
    return make_user(uow, Role.SALES_MANAGER, full_name="李经理")


def _sheet_rows(path, title_start: str) -> list[tuple]:
    wb = openpyxl.load_workbook(path)
    ws = next(ws for ws in wb.worksheets if ws.title.startswith(title_start))
    return list(ws.iter_rows(values_only=True))


def test_the_workbook_has_a_summary_and_one_sheet_per_5_2_1_kpi(uow, manager, tmp_path):
    path = tmp_path / "kpi.xlsx"
    write_workbook(uow(), actor=manager, period=NOVEMBER, path=path, as_of=AS_OF)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [SUMMARY_SHEET] + [f"{d.letter} {d.code} {d.name_zh}" for d in KPIS]
    summary = [r for r in wb[SUMMARY_SHEET].iter_rows(values_only=True)]
    cells = {c for row in summary for c in row if c is not None}
    assert "上海测试汽车销售服务有限公司" in cells
    assert "2026-12-01 10:00" in cells  # as_of in store time
    by_clause = {row[1]: row for row in summary if row[1] in {d.code.value for d in KPIS}}
    assert set(by_clause) == {d.code.value for d in KPIS}
    # Nothing recorded yet: every figure is "—" (never 0 % or a division by zero), the target stays.
    assert by_clause["3.11"][6] == "—" and by_clause["3.11"][7] == pytest.approx(0.98)
    assert by_clause["3.15"][7] == pytest.approx(0.007)


def test_two_writes_with_the_same_as_of_are_byte_identical(uow, manager, tmp_path):
    make_price_list(uow, manager)
    _contract(uow, make_user(uow, Role.CONSULTANT), manager, fulfilled=SALE_NOW + dt.timedelta(days=2))
    march = Period.month(dt.date(2026, 3, 1))
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_workbook(uow(), actor=manager, period=march, path=first, as_of=AS_OF)
    write_workbook(uow(), actor=manager, period=march, path=second, as_of=AS_OF)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as z:
        assert {i.date_time for i in z.infolist()} == {(2026, 12, 1, 10, 0, 0)}
    props = openpyxl.load_workbook(first).properties
    assert props.created == props.modified == AS_OF


def test_only_who_may_see_the_kpis_exports_them_and_only_to_xlsx(uow, manager, tmp_path):
    reception = make_user(uow, Role.RECEPTION)
    with pytest.raises(PermissionDenied):
        write_workbook(uow(), actor=reception, period=NOVEMBER, path=tmp_path / "k.xlsx", as_of=AS_OF)
    with pytest.raises(ShowroomError) as e:
        write_workbook(uow(), actor=manager, period=NOVEMBER, path=tmp_path / "k.csv", as_of=AS_OF)
    assert e.value.code == "export_format"
    assert not list(tmp_path.glob("k.*"))


def _pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        [tool("pdftotext"), "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_the_month_report_pdf_names_the_eight_kpis_in_both_languages_with_their_targets(uow, manager, tmp_path):
    from pypdf import PdfReader

    from app.kpis.report_pdf import render_month_report

    pdf = render_month_report(uow(), actor=manager, period=NOVEMBER, as_of=AS_OF)
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 2
    text = " ".join(_pdf_text(pdf, tmp_path).split())
    assert "月度KPI报告" in text and "Monthly KPI report" in text
    assert "上海测试汽车销售服务有限公司" in text
    assert "2026-11" in text and "2026-11-01 – 2026-11-30" in text
    assert "2026-12-01 10:00" in text  # when the figures were taken, store time
    for d in KPIS:  # 5.2.1 a)-h): each KPI by name in Chinese and English
        assert d.name_zh in text and d.name_en in text, d.code
    for target in ("≥ 98%", "≥ 92%", "≥ 30%", "≥ 100%", "≥ 25%", "≤ 0.7%"):  # 5.2.1's targets
        assert target in text
    assert "—" in text  # nothing counted yet: no figure, never 0 %


def test_the_month_report_pdf_repeats_byte_for_byte_and_embeds_its_fonts(uow, manager, tmp_path):
    """The evidence pack hashes it; the charts must not fall back to an unembedded Helvetica."""
    from app.kpis.report_pdf import render_month_report

    first = render_month_report(uow(), actor=manager, period=NOVEMBER, as_of=AS_OF)
    assert render_month_report(uow(), actor=manager, period=NOVEMBER, as_of=AS_OF) == first
    (tmp_path / "r.pdf").write_bytes(first)
    fonts = subprocess.run([tool("pdffonts"), str(tmp_path / "r.pdf")], capture_output=True, text=True, check=True)
    assert "Helvetica" not in fonts.stdout
    assert all(row.split()[-5] == "yes" for row in fonts.stdout.splitlines()[2:])


def _contract(uow, consultant, manager, *, fulfilled: dt.datetime | None) -> int:
    """A contract signed in March 2026 (tests/sales_factories), fulfilled (handed over) or not."""
    _deal, contract_id = make_contract(uow, consultant, manager)
    if fulfilled is not None:
        with uow() as u:
            c = u.session.get(Contract, contract_id)
            c.fulfilled_at, c.status = fulfilled, "fulfilled"
            u.commit()
    return contract_id


def test_each_kpi_sheet_lists_exactly_the_records_counted_in_its_figure(uow, manager, tmp_path):
    """3.11: a signed and a fulfilled contract of March give 1 / 2, and the 3.11 sheet lists
    one numerator row and two denominator rows, the consultant named; every other sheet adds
    up to compute_kpis's figure too."""
    consultant = make_user(uow, Role.CONSULTANT, full_name="王小明")
    make_price_list(uow, manager)
    _contract(uow, consultant, manager, fulfilled=None)
    _contract(uow, consultant, manager, fulfilled=SALE_NOW + dt.timedelta(days=5))
    march, as_of = Period.month(dt.date(2026, 3, 1)), dt.datetime(2026, 4, 1, 2, 0)
    path = tmp_path / "march.xlsx"
    write_workbook(uow(), actor=manager, period=march, path=path, as_of=as_of)

    report = compute_kpis(uow(), actor=manager, period=march, as_of=as_of)
    figures = {f.code: f for f in report.store.figures}
    assert (figures[KpiCode.CONTRACT_FULFILMENT].numerator, figures[KpiCode.CONTRACT_FULFILMENT].denominator) == (1, 2)
    for d in KPIS:
        rows = _sheet_rows(path, f"{d.letter} {d.code}")
        sides = [row[0] for row in rows[rows.index(next(r for r in rows if r[0] == "计入 Side")) + 1 :]]
        assert sides.count("分子 numerator") == figures[d.code].numerator, d.code
        assert sides.count("分母 denominator") == figures[d.code].denominator, d.code
    rows = _sheet_rows(path, "a 3.11")
    assert {r[4] for r in rows if r[0] in ("分子 numerator", "分母 denominator")} == {"王小明"}
    summary = {r[1]: r for r in _sheet_rows(path, SUMMARY_SHEET) if r[0] == "a)"}
    assert summary["3.11"][4:7] == (1, 2, 0.5)
    assert any(r[0] == "王小明" and r[2] == "3.11" for r in _sheet_rows(path, SUMMARY_SHEET))  # per consultant
    from app.kpis.report_pdf import render_month_report

    text = " ".join(_pdf_text(render_month_report(uow(), actor=manager, period=march, as_of=as_of), tmp_path).split())
    assert re.search(r"3\.11 1\s*/\s*2 50% ≥ 98%", text)  # the summary row: fulfilled / signed, actual, target
    assert "王小明" in text  # the per-consultant table


def test_a_name_typed_like_a_formula_reaches_excel_as_text(uow, manager, tmp_path):
    """Issue #15.12 (OWASP CSV injection): a consultant's name is typed by a user; in the
    workbook it must stay text, never a live formula."""
    consultant = make_user(uow, Role.CONSULTANT, full_name='=HYPERLINK("http://evil.example","x")')
    make_price_list(uow, manager)
    _contract(uow, consultant, manager, fulfilled=None)
    path = tmp_path / "march.xlsx"
    write_workbook(uow(), actor=manager, period=Period.month(dt.date(2026, 3, 1)), path=path, as_of=AS_OF)
    wb = openpyxl.load_workbook(path)
    names = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if "HYPERLINK" in str(c.value)]
    assert names and all(c.data_type == "s" and c.value.startswith("'=") for c in names)
