"""Issue #20.2, the manager's KPI dashboard (管理指标): eight tiles in T/CSCA 120031 5.2.1 order
a)-h) with their targets, "—" where nothing was counted, the module only for those allowed to
view KPIs, and a refresh when the change bus says a sale changed (never a timer)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QListWidget

from app.core.dto import Changes
from app.kpis.definitions import KPIS, KpiCode
from db.models import Role
from tests.factories import make_store
from ui.kpis.dashboard_page import KpiDashboardPage
from ui.kpis.dashboard_tiles import KpiTile, tile_name
from ui.shell.context import AppContext

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture()
def page(qtbot, sync_ops, ctx):
    p = KpiDashboardPage(ctx)
    qtbot.addWidget(p)
    p.resize(1200, 700)
    p.show()
    return p


def test_the_page_shows_eight_tiles_in_5_2_1_order_with_their_targets(page):
    tiles = page.findChildren(KpiTile)
    assert len(tiles) == 8
    shown = [page.tiles.tile(d.code) for d in KPIS]
    assert [t.title.text()[:2] for t in shown] == ["a)", "b)", "c)", "d)", "e)", "f)", "g)", "h)"]
    # 5.2.1 a) 合同履约率 ≥ 98 %, f) 服务投诉率 (12345) ≤ 0.7 %
    assert page.tiles.tile(KpiCode.CONTRACT_FULFILMENT).target.text().endswith("≥ 98%")
    assert page.tiles.tile(KpiCode.HOTLINE_COMPLAINT).target.text().endswith("≤ 0.7%")
    assert page.tiles.tile(KpiCode.DELIVERY_CALL).target.text().endswith("≥ 100%")


def test_with_nothing_counted_every_figure_is_a_dash_and_the_badge_is_grey(page):
    for d in KPIS:
        tile = page.tiles.tile(d.code)
        assert tile.value.text() == "—", d.code  # a denominator of 0 is no figure, never 0 %
        assert tile.badge.property("verdict") == "none"
    assert page.status.text() != "Loading…"


def test_the_3_14_tile_shows_its_pending_pick_ups_apart(page):
    assert page.tiles.tile(KpiCode.DELIVERY_CALL).pending.isVisibleTo(page)
    assert not page.tiles.tile(KpiCode.CONTRACT_FULFILMENT).pending.isVisibleTo(page)


def test_the_period_picker_starts_on_the_current_store_month_and_offers_quarter_year_and_range(page, qtbot):
    from app.core.clock import store_today
    from app.kpis.periods import Period

    assert page.picker.period() == Period.month(store_today())
    page.picker.kind.setFocus()
    qtbot.keyClick(page.picker.kind, Qt.Key.Key_Down)  # Quarter
    today = store_today()
    assert page.picker.period() == Period.quarter(today.year, (today.month - 1) // 3 + 1)
    assert "Q" in page.status.text()  # reloaded for the quarter
    qtbot.keyClick(page.picker.kind, Qt.Key.Key_Down)
    assert page.picker.period() == Period.year(today.year)
    qtbot.keyClick(page.picker.kind, Qt.Key.Key_Down)
    assert page.picker.first.isVisibleTo(page) and page.picker.period().kind == "custom"


@pytest.mark.parametrize("flag", ["sales", "reception", "test_drives", "tasks", "complaints", "kpis"])
def test_a_change_on_the_bus_refreshes_the_page_and_an_unrelated_one_does_not(page, ctx, flag):
    page.status.setText("stale")
    ctx.changed(Changes(vehicles=True))
    assert page.status.text() == "stale"
    ctx.changed(Changes(**{flag: True}))  # what the figures are made of, or a target (kpis)
    assert page.status.text() != "stale"


def test_a_hidden_page_refreshes_when_shown_again(page, ctx):
    page.hide()
    page.status.setText("stale")
    ctx.changed(Changes(sales=True))
    assert page.status.text() == "stale"  # no query while nobody looks
    page.show()
    assert page.status.text() != "stale"


def test_the_page_refreshes_without_a_timer(page):
    assert page.findChildren(QTimer) == [] or all(not t.isActive() for t in page.findChildren(QTimer))


def _nav_titles(window) -> list[str]:
    nav = window.findChild(QListWidget)
    return [nav.item(i).text() for i in range(nav.count())]


def test_the_manager_sees_the_kpis_module_and_a_consultant_does_not(qtbot, sync_ops, database, uow, make_ctx):
    from ui.shell.main_window import MainWindow

    make_store(uow)
    manager = MainWindow(make_ctx(Role.SALES_MANAGER))
    qtbot.addWidget(manager)
    assert "kpis" in manager.module_keys()
    manager.nav.setCurrentRow(manager.module_keys().index("kpis"))
    assert isinstance(manager.page("kpis"), KpiDashboardPage)
    consultant = MainWindow(make_ctx(Role.CONSULTANT))
    qtbot.addWidget(consultant)
    assert "kpis" not in consultant.module_keys()
    assert not any("KPI" in t for t in _nav_titles(consultant))


def test_a_click_on_a_tile_opens_its_drill_down_with_two_tabs(page, qtbot):
    tile = page.findChild(KpiTile, tile_name(KpiCode.CONTRACT_FULFILMENT))
    qtbot.mouseClick(tile, LEFT)
    dialog = page.drilldown
    assert dialog.isVisible()
    assert [dialog.tabs.tabText(i) for i in range(2)] == ["Contracts fulfilled (0)", "Contracts signed (0)"]


def test_enter_on_a_tile_opens_its_drill_down_and_focus_picks_the_trend(page, qtbot):
    tile = page.tiles.tile(KpiCode.TEST_DRIVE)
    tile.setFocus()
    assert page.chart.code == KpiCode.TEST_DRIVE
    assert len(page.chart.points) == 12
    qtbot.keyClick(tile, Qt.Key.Key_Return)
    assert page.drilldown.code == KpiCode.TEST_DRIVE


def test_the_figures_load_off_the_ui_thread_and_say_loading_meanwhile(qtbot, ctx):
    from ui.widgets.table_state import TableState

    page = KpiDashboardPage(ctx)  # no sync_ops: the read runs on the pool
    qtbot.addWidget(page)
    page.show()
    assert page.status.text() == "Loading…"
    assert page.table.findChild(TableState).text() == "Loading…"
    assert all(page.tiles.tile(d.code).value.text() == "—" for d in KPIS)
    qtbot.waitUntil(lambda: page.status.text() != "Loading…", timeout=10_000)
    assert page.table.findChild(TableState).text() == "No figures for anyone in this period."


def test_the_table_groups_by_brand_when_asked(page, qtbot):
    assert page.groups.headerData(0, Qt.Orientation.Horizontal) == "Consultant"
    page.picker.group.setFocus()
    qtbot.keyClick(page.picker.group, Qt.Key.Key_Down)
    assert page.groups.headerData(0, Qt.Orientation.Horizontal) == "Brand"


def test_the_quarters_offered_cross_into_last_year():
    import datetime as dt

    from app.kpis.periods import Period
    from ui.kpis.dashboard_period import recent_months, recent_quarters

    assert recent_quarters(dt.date(2026, 2, 10))[:2] == [Period.quarter(2026, 1), Period.quarter(2025, 4)]
    assert [p.label for p in recent_months(dt.date(2026, 1, 31))[:2]] == ["2026-01", "2025-12"]


def test_a_custom_range_given_backwards_is_read_forwards(page, qtbot):
    import datetime as dt

    from PySide6.QtCore import QDate

    page.picker.kind.setCurrentIndex(3)  # Custom range
    page.picker.first.setDate(QDate(2026, 3, 31))
    page.picker.last.setDate(QDate(2026, 3, 1))
    period = page.picker.period()
    assert (period.first_day, period.last_day) == (dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert page.status.text().startswith("2026-03-01..2026-03-31")
