"""`showroom admin kpis` and `kpi-targets` (issue #20.8): the eight KPIs of T/CSCA 120031 5.2.1
a)-h) for a period, as a table, JSON or CSV, each judged against the target in force on the
period's first day; the targets in force with who set them and why. Errors are sentences."""

from __future__ import annotations

import csv
import io
import json

import pytest

from app.cli.kpis import CSV_COLUMNS
from app.core.clock import store_today
from app.kpis.definitions import KPIS
from app.kpis.targets_service import set_target
from db.models import Role
from tests.admin_cli import admin_cli
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("isolated_data_dir")
TODAY = store_today().isoformat()
CODES = [d.code.value for d in KPIS]  # 5.2.1 a)-h)


@pytest.fixture()
def manager(uow):
    make_store(uow)
    boss = make_user(uow, Role.SALES_MANAGER, username="boss", full_name="周经理")
    set_target(uow(), actor=boss, code="3.11", target_bp=9900, effective_from=store_today(), reason="brand asks 99%")
    return boss


def kpis(db_url, *args, user="boss"):
    return admin_cli("kpis", "--from", TODAY, "--to", TODAY, *args, "--database-url", db_url, user=user)


def test_json_gives_every_kpi_with_its_target_and_no_figure_as_none(manager, db_url, capsys):
    assert kpis(db_url, "--format", "json") == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["period"] == {"from": TODAY, "to": TODAY}
    figures = {f["code"]: f for f in doc["figures"]}
    assert [f["code"] for f in doc["figures"]] == CODES
    assert (figures["3.11"]["target_percent"], figures["3.18"]["target_percent"]) == ("99.00", "92.00")
    assert figures["3.15"]["direction"] == "at_most" and figures["3.15"]["target_percent"] == "0.70"
    nothing = [f for f in doc["figures"] if f["denominator"] == 0]
    assert nothing and all(
        f["value_percent"] == "—" and f["value_bp"] is None and f["verdict"] == "none" for f in nothing
    )


def test_csv_reads_back_one_row_per_kpi_and_group(manager, db_url, capsys):
    assert kpis(db_url, "--format", "csv", "--by", "consultant") == 0
    reader = csv.DictReader(io.StringIO(capsys.readouterr().out))
    rows = list(reader)
    assert reader.fieldnames == CSV_COLUMNS
    store = [r for r in rows if r["group"] == "store"]
    assert [r["code"] for r in store] == CODES
    assert all(int(r["numerator"]) <= int(r["denominator"]) or r["code"] == "3.15" for r in rows)
    assert next(r for r in store if r["code"] == "3.11")["target_percent"] == "99.00"


def test_the_table_names_each_kpi_and_its_verdict(manager, db_url, capsys):
    assert kpis(db_url) == 0
    out = capsys.readouterr().out
    assert "a) 3.11 Contract fulfilment rate" in out and ">= 99.00" in out and "<= 0.70" in out
    assert "[store]" in out


def test_a_wrong_date_is_refused_with_a_sentence(manager, db_url, capsys):
    code = admin_cli("kpis", "--from", "2026-02-30", "--to", TODAY, "--database-url", db_url, user="boss")
    err = capsys.readouterr().err
    assert code == 2 and "not a date (YYYY-MM-DD)" in err and "Traceback" not in err
    code = admin_cli("kpis", "--from", TODAY, "--to", "2020-01-01", "--database-url", db_url, user="boss")
    err = capsys.readouterr().err
    assert code == 2 and f"the period ends (2020-01-01) before it starts ({TODAY})" in err


def test_without_an_account_or_the_right_it_is_refused(manager, uow, db_url, capsys):
    assert kpis(db_url, user=None) != 0
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err
    make_user(uow, Role.ADMIN, username="root")  # administrators do not see the figures (VIEW_KPIS)
    assert kpis(db_url, user="root") != 0
    assert "Traceback" not in capsys.readouterr().err
    assert admin_cli("kpi-targets", "--database-url", db_url, user=None) != 0


def test_kpi_targets_lists_what_is_in_force_and_who_set_it(manager, db_url, capsys):
    assert admin_cli("kpi-targets", "--database-url", db_url, user="boss") == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "3.11" in x)
    assert "99.00" in line and "98.00" in line and "周经理: brand asks 99%" in line
    assert "(5.2.1 default)" in next(x for x in out.splitlines() if "3.18" in x)
    assert admin_cli("kpi-targets", "--format", "json", "--database-url", db_url, user="boss") == 0
    targets = {t["code"]: t for t in json.loads(capsys.readouterr().out)["targets"]}
    assert targets["3.11"]["effective_from"] == TODAY and targets["3.12"]["target_bp"] == 2500


def test_a_complaint_received_today_counts_in_3_15_and_3_16(manager, uow, db_url, capsys):
    from tests.integration.complaint_factories import make_complaint

    make_complaint(uow, manager, manager.user_id, channel="hotline_12345")
    assert kpis(db_url, "--format", "json") == 0
    figures = {f["code"]: f for f in json.loads(capsys.readouterr().out)["figures"]}
    # 3.16: received today, not closed yet: 0 of 1, judged against 5.2.1 g)'s 100 %.
    assert (figures["3.16"]["numerator"], figures["3.16"]["denominator"]) == (0, 1)
    assert (figures["3.16"]["value_percent"], figures["3.16"]["verdict"]) == ("0.00", "missed")
    # 3.15: one 12345 complaint but no car sold today: no rate ("—"), never a division by zero.
    assert (figures["3.15"]["numerator"], figures["3.15"]["value_percent"]) == (1, "—")

    # Per consultant: a complaint naming no consultant is the group "(none)", never "store".
    assert kpis(db_url, "--format", "csv", "--by", "consultant") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    groups = [r for r in rows if r["scope"] == "consultant" and r["code"] == "3.16"]
    assert [(r["group"], r["denominator"]) for r in groups] == [("(none)", "1")]
    assert [r["group"] for r in rows if r["scope"] == "store"] == ["store"] * 8
