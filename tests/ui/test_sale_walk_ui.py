"""One deal walked through the screens (issue #18.10; T/CSCA 120031 4.3.1-4.4.2): each person logs
in on the login window and works in their own main window, touching only what a user touches:
rows and buttons clicked, text typed key by key, names drawn on the pad with the mouse.

The consultant opens the deal from the visitor served on the reception queue (4.3.1), quotes
listed prices with a discount above the store threshold (4.3.2.1; 办法 art. 10), the sales
manager approves it, the customer signs the quote (4.3.1.3) and the disclosure of a car over two
years old (4.2.3.4; 三包 art. 32), then the contract (4.3.3; 办法 art. 15) with a 定金 (民法典
586); finance takes the 定金 and the 尾款, records the invoice and issues the settlement signed
on the pad (4.3.4-4.3.5; 办法 art. 16); the consultant books the delivery and hands the car over
(4.4.2; 三包 arts. 9, 13, 18). Only what the walk is not about is made by factories: the store,
the staff, the car in stock with its passed PDI, the published price list and the served visit.

Set SHOWROOM_WALK_SHOTS to a folder to keep a PNG of each screen (looked at under Xvfb), and
SHOWROOM_WALK_LANG=zh_CN to walk in Chinese."""

from __future__ import annotations

import datetime as dt
import math
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from app.core.clock import utcnow
from app.reception.duty import set_roster
from app.reception.visits import end_visit, start_visit
from db.models import Role, Vehicle
from db.sales_models import Contract, Deal
from tests.factories import (
    PASSWORD,
    add_models,
    isolated_data_dir,  # noqa: F401  (fixture)
    make_staff,
    make_store,
    reception_defaults,
    walk_in,
)
from tests.handover_factories import pass_pdi
from tests.integration.test_pdi_permissions import technician
from tests.sales_factories import BUYER_ID, make_lead, make_price_list, make_vehicle
from ui.sales.board_labels import DEAL_STAGE
from ui.sales.deal_table_model import STAGE_COLUMN
from ui.shell.i18n import install_translators
from ui.shell.labels import label
from ui.shell.context import AppContext
from ui.shell.login_window import LoginWindow
from ui.shell.main_window import MainWindow
from ui.shell.startup import load_backend

pytestmark = pytest.mark.usefixtures("isolated_data_dir", "sync_ops")
LEFT = Qt.MouseButton.LeftButton
SHOTS = os.environ.get("SHOWROOM_WALK_SHOTS")
LANGUAGE = os.environ.get("SHOWROOM_WALK_LANG", "en")  # zh_CN: the walk as the showroom reads it
INVOICE_NO = "03100260011100012345"  # 发票代码 (12 digits) and 发票号码 (8)
PRICE = 19_990_000 + 800_000 - 800_000  # car + sunroof - discount: ¥199,900.00
REGISTRATION = 50_000
EARNEST = 3_000_000  # 定金 ¥30,000: under 20 % of the price (民法典 586)


# --- what the hands do ---------------------------------------------------------------------------


def shot(widget, name: str) -> None:
    """Keep a picture of the screen when asked to (SHOWROOM_WALK_SHOTS)."""
    if SHOTS:
        QApplication.processEvents()
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, LEFT)


def tick(qtbot, box) -> None:
    """Click the box itself (a row-wide check box ignores clicks past its text)."""
    assert box.isVisible() and box.isEnabled(), box.objectName()
    was = box.isChecked()
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))
    assert box.isChecked() != was, box.objectName()


def type_in(widget, text: str) -> None:
    """Typed key by key over what the field held, Chinese too (as an input method delivers it)."""
    window = widget.window()
    if not window.isActiveWindow():  # keys and focus go to the window in front
        window.activateWindow()
        if not QTest.qWaitForWindowActive(window, 500):  # Xvfb has no window manager to do it
            QApplication.setActiveWindow(window)
    widget.setFocus()
    QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def click_row(qtbot, view, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), LEFT, pos=rect.center())


def row_with(view, text: str) -> int:
    model = view.model()
    for r in range(model.rowCount()):
        if any(text in str(model.index(r, c).data() or "") for c in range(model.columnCount())):
            return r
    raise AssertionError(f"no row with {text!r} in {view.objectName()}")


def choose(qtbot, combo, data) -> None:
    """Pick an entry with the keyboard: open at the top, arrow down to it."""
    index = combo.findData(data)
    assert index >= 0, data
    combo.setFocus()
    while combo.currentIndex() != index:
        key = Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


def draw_name(qtbot, pad_dialog) -> None:
    """The signer draws on the pad with the mouse, then confirms."""
    pad = pad_dialog.pad
    area = pad.area()

    def at(fx, fy):
        return QPoint(int(area.left() + fx * area.width()), int(area.top() + fy * area.height()))

    for stroke in range(3):
        qtbot.mousePress(pad, LEFT, pos=at(0.1 + 0.25 * stroke, 0.5))
        for i in range(1, 30):
            qtbot.mouseMove(pad, at(0.1 + 0.25 * stroke + 0.2 * i / 30, 0.5 + 0.25 * math.sin(i / 3)))
        qtbot.mouseRelease(pad, LEFT, pos=at(0.1 + 0.25 * stroke + 0.2, 0.5))
    click(qtbot, pad_dialog.ok_button)


def sign_on_pad(qtbot, owner) -> None:
    dialog = owner.signature_dialog
    assert dialog is not None and dialog.isVisible()
    shot(dialog, f"pad_{dialog.objectName() or 'signature'}")
    draw_name(qtbot, dialog)


def sign_modal_pads(qtbot, count: int) -> None:
    """For pads opened with exec() (the settlement): draw on each as it appears."""

    def next_pad(left: int) -> None:
        pad = QApplication.activeModalWidget()
        if pad is None or not hasattr(pad, "pad"):
            QTimer.singleShot(20, lambda: next_pad(left))
            return
        draw_name(qtbot, pad)
        if left > 1:
            QTimer.singleShot(0, lambda: next_pad(left - 1))

    QTimer.singleShot(0, lambda: next_pad(count))


def words(context: str, text: str) -> str:
    """What the user reads for an English source text, in the language the walk runs in."""
    return QCoreApplication.translate(context, text)


def opened(kind: type, name: str | None = None):
    """The dialog of that kind the last click opened (top-level, visible)."""
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    if name is not None:
        found = [w for w in found if w.objectName() == name]
    assert found, name or kind.__name__
    return found[-1]


# --- the store before the customer walks in --------------------------------------------------------


@pytest.fixture(autouse=True)
def language():
    assert install_translators(LANGUAGE)
    yield LANGUAGE
    install_translators("en")


@pytest.fixture()
def backend(db_url, uow):
    make_store(uow)
    b = load_backend(db_url, demo=False)
    yield b
    b.database.dispose()


@pytest.fixture()
def store(uow, backend):
    """Staff, the price list, an old car in stock with a passed PDI, a visitor served."""
    reception_defaults(uow)
    manager = make_staff(uow, Role.SALES_MANAGER, username="zhou", full_name="周经理")
    consultant = make_staff(uow, Role.CONSULTANT, username="li", full_name="李顾问")
    make_staff(uow, Role.FINANCE, username="zhao", full_name="赵会计")
    desk = make_staff(uow, Role.RECEPTION, username="desk", full_name="前台")
    make_price_list(uow, manager, effective_from=dt.date(2026, 1, 1))
    add_models(uow, manager, ("大众", "帕萨特"))
    # Produced over two years before today: disclosed before the contract (三包 art. 32).
    vehicle_id = make_vehicle(uow, manager, production_date=utcnow().date().replace(year=utcnow().year - 3))
    pass_pdi(uow, technician(uow), vehicle_id)  # 4.4.1: inspected before it is sold
    now = utcnow()
    set_roster(uow(), actor=desk, consultant_ids=[consultant.user_id], now=now)
    visit = walk_in(
        uow, desk, now=now, name="王建国", mobile="13912345678", interested_models=[("大众", "帕萨特")]
    ).visit
    visit = start_visit(uow(), actor=consultant, visit_id=visit.id, expected_version=visit.version, now=now)
    end_visit(
        uow(), actor=consultant, visit_id=visit.id, expected_version=visit.version, outcome="quote", intent_level="A",
        now=now,
    )  # fmt: skip
    return vehicle_id, visit.id


class Desk:
    """Who is logged in now: one main window at a time, as on the showroom's terminal."""

    def __init__(self, qtbot, backend) -> None:
        self.qtbot, self.backend, self.window = qtbot, backend, None

    def log_in(self, username: str) -> MainWindow:
        if self.window is not None:
            self.window.close()
        login = LoginWindow()
        self.qtbot.addWidget(login)
        login.on_backend_ready(self.backend)
        self.qtbot.keyClicks(login.username, username)
        self.qtbot.keyClicks(login.password, PASSWORD)
        with self.qtbot.waitSignal(login.logged_in) as signal:
            self.qtbot.keyClick(login.password, Qt.Key.Key_Return)
        actor, backend = signal.args
        login.close()
        window = MainWindow(AppContext(backend.database, actor, backend.store))
        self.qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        self.window = window
        return window

    def go_to(self, key: str):
        nav = self.window.nav
        item = nav.item_of(key)
        self.qtbot.mouseClick(nav.viewport(), LEFT, pos=nav.visualItemRect(item).center())
        assert self.window.current_module() == key
        page = self.window.page(key)
        shot(self.window, f"{key}_{self.window.ctx.actor.username}")
        return page

    def open_deal(self, customer: str = "王**"):  # lists show the name masked (PIPL)
        """Sales page: the deal's row, then "Open deal…"."""
        page = self.go_to("sales")
        click_row(self.qtbot, page.table, row_with(page.table, customer))
        click(self.qtbot, page.open_button)
        assert page.deal_dialog.isVisible()
        return page.deal_dialog

    def step(self, deal_page, name: str):
        click(self.qtbot, deal_page.steps.buttons[name])


def _stage(uow) -> str:
    with uow() as u:
        return u.session.query(Deal.stage).one()[0]


# --- the walk ----------------------------------------------------------------------------------------


def test_one_deal_from_the_visitor_on_the_queue_to_the_handover(qtbot, uow, backend, store):
    vehicle_id, visit_id = store
    desk = Desk(qtbot, backend)
    _consultant_quotes(qtbot, desk, visit_id, vehicle_id)
    _manager_approves(qtbot, desk)
    _customer_signs_quote_disclosure_and_contract(qtbot, desk, uow)
    _finance_takes_the_money(qtbot, desk, uow)
    _consultant_hands_over(qtbot, desk, uow, vehicle_id)
    # 3.11: the board shows the deal delivered.
    board = desk.go_to("sales")
    shown = board.model.index(row_with(board.table, "王**"), STAGE_COLUMN).data()
    assert shown == label(DEAL_STAGE, "delivered")


def _consultant_quotes(qtbot, desk: Desk, visit_id: int, vehicle_id: int):
    """4.3.1: from the visitor served on the queue to the deal, then the quote (4.3.1.2)."""
    from ui.sales.quote_dialog import QuoteDialog

    desk.log_in("li")
    queue = desk.go_to("queue")
    queue.select_visit(visit_id)  # the row of the visitor the consultant just served
    view = next(v for v in queue.views.values() if v.selectionModel().hasSelection())
    row = view.selectionModel().selectedRows()[0].row()
    view.clearSelection()
    click_row(qtbot, view, row)
    click(qtbot, queue.deal_button)
    deal_page = queue.deal_dialog
    assert deal_page.isVisible() and "王**" in deal_page.summary.text()  # masked (PIPL)
    shot(deal_page, "deal_page_new")
    desk.step(deal_page, "step_quote")
    quote = opened(QuoteDialog)
    # 4.3.1.2: the VIN in stock the customer chose (the deal started as a model to order).
    choose(qtbot, quote.car, vehicle_id)
    click(qtbot, quote.assign_button)
    assert quote.deal.vehicle_id == vehicle_id and quote.deal.vin in quote.heading.text()
    form = quote.quote_form
    type_in(form.quantities[_item_id(form, "OPT-SUNROOF")], "1")
    type_in(form.discount, "8000")
    qtbot.keyClick(form.discount, Qt.Key.Key_Tab)
    type_in(form.discount_reason, "老客户推荐")
    type_in(form.gifts, "全车贴膜")
    # 办法 art. 14: the agency service the customer chose, with the provider they chose.
    check, provider, _timing = form.services["registration"]
    type_in(provider, "本店")
    tick(qtbot, check)
    # 4.3.2.1: above the store's ¥5,000, said beside the total before anything is saved.
    assert words("QuoteDialog", "(the discount needs a sales manager's approval)") in quote.total.text()
    shot(quote, "quote_dialog")
    click(qtbot, quote.save_button)
    assert quote.quote.revision == 1 and quote.quote.needs_approval
    assert not quote.sign_button.isEnabled()  # the customer cannot sign it yet
    assert words("QuoteDialog", "The discount waits for a sales manager's approval.") in quote.status.text()
    quote.close()
    deal_page.close()


def _item_id(form, code: str) -> int:
    spin = next(s for s in form.quantities.values() if s.objectName() == f"item_{code}")
    return next(i for i, s in form.quantities.items() if s is spin)


def _manager_approves(qtbot, desk: Desk) -> None:
    from ui.sales.quote_dialog import QuoteDialog

    desk.log_in("zhou")
    deal_page = desk.open_deal()
    desk.step(deal_page, "step_quote")
    quote = opened(QuoteDialog)
    type_in(quote.approval_reason, "老客户推荐，同意")
    click(qtbot, quote.approve_button)
    assert not quote.quote.needs_approval and quote.sign_button.isEnabled()
    quote.close()
    deal_page.close()


def _customer_signs_quote_disclosure_and_contract(qtbot, desk: Desk, uow) -> None:
    from ui.sales.contract_dialog import ContractDialog
    from ui.sales.disclosure_dialog import DisclosureDialog
    from ui.sales.quote_dialog import QuoteDialog

    desk.log_in("li")
    deal_page = desk.open_deal()
    desk.step(deal_page, "step_quote")
    quote = opened(QuoteDialog)
    click(qtbot, quote.sign_button)
    sign_on_pad(qtbot, quote)
    assert quote.quote.document_number.startswith("QT-")  # 4.3.1.3: confirmed by the signature
    assert quote.quote.document_number in quote.status.text()
    quote.close()
    # 4.2.3.4: the car is over two years old: the disclosure comes before the contract.
    desk.step(deal_page, "step_disclosure")
    disclosure = opened(DisclosureDialog)
    assert words("DisclosureDialog", "Produced more than 2 years ago") in disclosure.items.text()
    shot(disclosure, "disclosure_dialog")
    click(qtbot, disclosure.save_button)
    sign_on_pad(qtbot, disclosure)  # the customer
    sign_on_pad(qtbot, disclosure)  # then the consultant; saved at once
    assert not disclosure.isVisible()
    desk.step(deal_page, "step_contract")
    contract = opened(ContractDialog)
    _fill_contract(qtbot, contract)
    shot(contract, "contract_dialog")
    for paper in ("contract", "entrustment"):
        for role in ("customer", "consultant"):
            click(qtbot, contract.sign_buttons[(paper, role)])
            sign_on_pad(qtbot, contract)
    click(qtbot, contract.sign_button)
    number = contract.result_dto.number
    assert number.startswith("HT-") and _stage(uow) == "contract"
    qtbot.waitUntil(lambda: number in deal_page.summary.text())
    shot(deal_page, "deal_page_contract")
    deal_page.close()


def _fill_contract(qtbot, dialog) -> None:
    f = dialog.fields
    type_in(f.buyer_id, BUYER_ID)
    type_in(f.engine_no, "EA888-123456")
    type_in(f.certificate_no, "WDA123456789012")
    type_in(f.buyer_phone, "13912345678")
    choose(qtbot, f.deposit_kind, "earnest")
    type_in(f.deposit, f"{EARNEST // 100}")
    type_in(f.delivery_place, "本店交付区")


def _finance_takes_the_money(qtbot, desk: Desk, uow) -> None:
    """4.3.4: only finance records money; each payment prints its receipt voucher."""
    from ui.finance.invoice_dialog import InvoiceDialog
    from ui.finance.payment_dialog import PaymentDialog

    desk.log_in("zhao")
    page = desk.go_to("finance")
    click_row(qtbot, page.balance_table, row_with(page.balance_table, "王**"))
    for kind, amount in (("earnest", EARNEST), ("final", PRICE + REGISTRATION - EARNEST)):
        click(qtbot, page.pay_button)
        pay = opened(PaymentDialog)
        choose(qtbot, pay.kind, kind)
        type_in(pay.amount, f"{amount / 100:.2f}")
        shot(pay, f"payment_dialog_{kind}")
        click(qtbot, pay.save_button)
        assert not pay.isVisible()
    assert [r.receipt_no[:3] for r in page.day_model.rows()] == ["SK-", "SK-"]  # the day's receipts
    assert _stage(uow) == "ready"  # balance 0 (4.4.2)
    if page.selected_contract() is None:  # paid up, it left the list of open balances
        tick(qtbot, page.show_settled)
        click_row(qtbot, page.balance_table, row_with(page.balance_table, "王**"))
    click(qtbot, page.invoice_button)
    invoice = opened(InvoiceDialog)
    type_in(invoice.invoice_no, INVOICE_NO)
    shot(invoice, "invoice_dialog")
    click(qtbot, invoice.save_button)
    assert not invoice.isVisible()
    sign_modal_pads(qtbot, 2)  # 4.3.5: the customer, then finance
    click(qtbot, page.settlement_button)
    assert "JS-" in page.message.text()
    shot(desk.window, "finance_page_done")


def _consultant_hands_over(qtbot, desk: Desk, uow, vehicle_id: int) -> None:
    """4.4.2: the appointment, every step ticked, both sign; the car is delivered."""
    from ui.sales.handover_dialog import HandoverDialog

    desk.log_in("li")
    deal_page = desk.open_deal()
    desk.step(deal_page, "step_handover")
    dialog = opened(HandoverDialog)
    click(qtbot, dialog.schedule_button)
    assert dialog.checklist.delivery_appointment_at is not None
    form = dialog.checklist_form
    with uow() as u:
        contract = u.session.query(Contract).one()
        vin, certificate = contract.vin, contract.certificate_no
    type_in(form.id_number, BUYER_ID)
    type_in(form.vin, vin)
    type_in(form.odometer, "12")
    for box in form.document_ticks.values():
        if box.isEnabled() and not box.isChecked():
            form.scroll.ensureWidgetVisible(box)
            tick(qtbot, box)
    numbers = {"certificate": certificate, "conformity": "CCC-2026-0001", "invoice": INVOICE_NO}
    for code, edit in form.document_numbers.items():
        if not edit.text():
            form.scroll.ensureWidgetVisible(edit)
            type_in(edit, numbers[code])
    for box in [*form.gift_ticks.values(), *form.onboard_ticks.values(), *form.explained_ticks.values()]:
        form.scroll.ensureWidgetVisible(box)
        tick(qtbot, box)
    shot(dialog, "handover_dialog")
    for button in (dialog.customer_button, dialog.consultant_button):
        click(qtbot, button)
        sign_on_pad(qtbot, dialog)
    click(qtbot, dialog.complete_button)
    assert not dialog.isVisible()
    with uow() as u:
        assert u.session.get(Vehicle, vehicle_id).status == "delivered"
        assert u.session.query(Contract).one().status == "fulfilled"
    assert _stage(uow) == "delivered"
    qtbot.waitUntil(lambda: "JC-" in _documents(deal_page) and "SB-" in _documents(deal_page))
    shot(deal_page, "deal_page_delivered")


def _documents(deal_page) -> str:
    model = deal_page.documents
    return " ".join(
        str(model.index(r, c).data() or "") for r in range(model.rowCount()) for c in range(model.columnCount())
    )


def test_a_provider_typed_after_ticking_the_service_prices_the_quote_again_banfa_art_14(qtbot, make_ctx, uow):
    """Ticking an agency service first asks for the provider the customer chose (办法 art. 14);
    typing it and moving on prices the quote again and clears that message."""
    from app.sales.api import open_deal
    from ui.sales.quote_dialog import QuoteDialog, open_quote_dialog

    make_store(uow)
    consultant = make_ctx(Role.CONSULTANT, full_name="李顾问")
    make_price_list(uow, make_ctx(Role.SALES_MANAGER).actor)
    deal = open_deal(uow(), actor=consultant.actor, lead_id=make_lead(uow, consultant.actor)[1])
    parent = QWidget()  # the deal page's stand-in
    qtbot.addWidget(parent)
    open_quote_dialog(consultant, parent, deal.id)
    quote = parent.findChild(QuoteDialog)
    check, provider, _timing = quote.quote_form.services["registration"]
    tick(qtbot, check)
    assert quote.total.text().endswith("—") and quote.errors.label("services").text()
    type_in(provider, "本店")
    qtbot.keyClick(provider, Qt.Key.Key_Tab)
    assert "¥" in quote.total.text() and not quote.errors.label("services").text()
