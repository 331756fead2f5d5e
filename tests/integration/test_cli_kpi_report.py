"""`showroom admin kpi-report --month YYYY-MM --pdf FILE --xlsx FILE` (issue #20.4): the monthly
KPI report (the eight T/CSCA 120031 5.2.1 figures against their targets) from a shell."""

from __future__ import annotations

import openpyxl
import pytest
from pypdf import PdfReader

from app.kpis.workbook import SUMMARY_SHEET
from db.models import Role
from tests.admin_cli import admin_cli
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


@pytest.fixture()
def boss(uow):
    make_store(uow)
    make_user(uow, Role.ADMIN, username="root")
    return make_user(uow, Role.SALES_MANAGER, username="boss")


def test_the_command_writes_the_pdf_and_the_workbook_of_the_month(uow, db_url, boss, tmp_path, capsys):
    pdf, xlsx = tmp_path / "kpi-2026-11.pdf", tmp_path / "kpi-2026-11.xlsx"
    args = ("kpi-report", "--month", "2026-11", "--pdf", pdf, "--xlsx", xlsx, "--database-url", db_url)
    assert admin_cli(*args, user="boss") == 0
    assert len(PdfReader(pdf).pages) >= 2
    summary = openpyxl.load_workbook(xlsx)[SUMMARY_SHEET]
    assert any("2026-11" in str(c) for row in summary.iter_rows(values_only=True) for c in row)
    out = capsys.readouterr().out
    assert f"KPI report 2026-11 written to {pdf}" in out and f"KPI workbook 2026-11 written to {xlsx}" in out


def test_bad_usage_is_a_sentence_and_writes_nothing(uow, db_url, boss, tmp_path, capsys):
    base = ("kpi-report", "--database-url", db_url)
    assert admin_cli(*base, "--month", "2026-11", user="boss") == 2
    assert "give --pdf FILE, --xlsx FILE or both" in capsys.readouterr().err
    assert admin_cli(*base, "--month", "2026-11", "--pdf", tmp_path / "r.xlsx", user="boss") == 2
    assert "must end in .pdf" in capsys.readouterr().err
    assert admin_cli(*base, "--month", "November", "--pdf", tmp_path / "r.pdf", user="boss") == 2
    assert not list(tmp_path.glob("r.*"))


def test_an_account_that_may_not_see_the_kpis_is_refused(uow, db_url, boss, tmp_path):
    args = ("kpi-report", "--month", "2026-11", "--pdf", tmp_path / "r.pdf", "--database-url", db_url)
    assert admin_cli(*args) != 0  # root is an administrator, not the sales manager
    assert not (tmp_path / "r.pdf").exists()


def test_a_file_that_cannot_be_written_is_a_sentence(uow, db_url, boss, tmp_path, capsys):
    args = ("kpi-report", "--month", "2026-11", "--xlsx", tmp_path / "no" / "such" / "k.xlsx", "--database-url", db_url)
    assert admin_cli(*args, user="boss") == 1
    err = capsys.readouterr().err
    assert err.startswith("error: cannot write ") and "k.xlsx" in err and "Traceback" not in err
