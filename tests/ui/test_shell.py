"""Login, first-run wizard, main window navigation by role, staff accounts, fast start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWizard

from app.staff import auth
from app.store import store
from db.models import Role
from tests.factories import PASSWORD, make_store, make_user
from ui.shell import workers
from ui.shell.context import AppContext
from ui.shell.login_window import LoginWindow
from ui.shell.main_window import MainWindow
from ui.shell.setup_wizard import SetupWizard
from ui.shell.startup import load_backend

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def sync_workers():
    workers.use_synchronous_executor(True)
    yield
    workers.use_synchronous_executor(False)


@pytest.fixture()
def ready_backend(db_url, uow):
    make_store(uow)
    make_user(uow, Role.ADMIN, username="admin", full_name="管理员")
    make_user(uow, Role.CONSULTANT, username="li", full_name="李娜")
    b = load_backend(db_url, demo=False)
    yield b
    b.database.dispose()


def _login(qtbot, backend, username, password):
    w = LoginWindow()
    qtbot.addWidget(w)
    w.on_backend_ready(backend)
    qtbot.keyClicks(w.username, username)
    qtbot.keyClicks(w.password, password)
    return w


def test_login_with_keyboard_emits_actor(qtbot, ready_backend):
    w = _login(qtbot, ready_backend, "li", PASSWORD)
    with qtbot.waitSignal(w.logged_in) as sig:
        qtbot.keyClick(w.password, Qt.Key.Key_Return)
    actor, backend = sig.args
    assert actor.username == "li" and actor.roles == {Role.CONSULTANT}
    assert w.findChild(QLabel, "store_label").text() == "上海测试汽车销售服务有限公司"


def test_wrong_password_shows_message_beside_the_form(qtbot, ready_backend):
    w = _login(qtbot, ready_backend, "li", "wrong")
    w.submit()
    assert "password" in w.findChild(QLabel, "error_login").text().lower()


def test_fifth_failure_says_locked(qtbot, ready_backend):
    w = _login(qtbot, ready_backend, "li", "wrong")
    for _ in range(5):
        w.submit()
    assert "locked" in w.error.text()


def test_login_typed_before_backend_is_ready_goes_through_when_it_is(qtbot, ready_backend):
    w = LoginWindow()
    qtbot.addWidget(w)
    qtbot.keyClicks(w.username, "admin")
    qtbot.keyClicks(w.password, PASSWORD)
    w.submit()
    assert not w.login_button.isEnabled()
    with qtbot.waitSignal(w.logged_in):
        w.on_backend_ready(ready_backend)


def test_fresh_database_asks_for_setup_and_wizard_creates_store_and_admin(qtbot, db_url):
    backend = load_backend(db_url, demo=False)
    assert backend.needs_setup
    login = LoginWindow()
    qtbot.addWidget(login)
    with qtbot.waitSignal(login.setup_needed):
        login.on_backend_ready(backend)

    wiz = SetupWizard(backend.database)
    qtbot.addWidget(wiz)
    wiz.show()
    f = wiz.fields
    f["legal_name"].setText("上海浦江汽车销售服务有限公司")  # Chinese via setText: keyClicks aborts on non-ASCII
    f["address"].setText("上海市闵行区莘庄工业区申富路 88 号")
    qtbot.keyClicks(f["sales_hotline"], "abc")
    qtbot.keyClicks(f["complaint_phone"], "021-64000001")
    wiz.next()
    # Bad hotline: message beside the field, still on the store page.
    assert wiz.currentPage() is wiz.store_page
    assert wiz.findChild(QLabel, "error_sales_hotline").isVisible()
    f["sales_hotline"].setText("021-64000000")
    wiz.next()
    assert wiz.currentPage() is wiz.admin_page
    qtbot.keyClicks(f["admin_username"], "boss")
    f["admin_full_name"].setText("王经理")
    qtbot.keyClicks(f["admin_password"], "Sh0wroom-2026")
    qtbot.keyClicks(f["admin_password2"], "Sh0wroom-2026")
    with qtbot.waitSignal(wiz.setup_done) as sig:
        wiz.button(QWizard.WizardButton.FinishButton).click()
    assert Role.ADMIN in sig.args[0].roles
    assert not store.needs_setup(backend.database.uow())
    assert auth.login(backend.database.uow(), username="boss", password="Sh0wroom-2026")
    from app.documents.certificates import list_certificates

    certs = list_certificates(backend.database.uow(), actor=sig.args[0])
    assert len(certs) == 1 and certs[0].active and "上海浦江汽车销售服务有限公司" in certs[0].subject
    backend.database.dispose()


def test_wizard_password_mismatch_writes_nothing(qtbot, db_url):
    backend = load_backend(db_url, demo=False)
    wiz = SetupWizard(backend.database)
    qtbot.addWidget(wiz)
    wiz.show()
    for k, v in dict(legal_name="S", address="A", sales_hotline="021-64000000", complaint_phone="021-64000001").items():
        wiz.fields[k].setText(v)
    wiz.next()
    for k, v in dict(
        admin_username="boss", admin_full_name="B", admin_password="Sh0wroom-2026", admin_password2="different-1"
    ).items():
        wiz.fields[k].setText(v)
    wiz.button(QWizard.WizardButton.FinishButton).click()
    assert wiz.findChild(QLabel, "error_admin_password2").isVisible()
    assert store.needs_setup(backend.database.uow())
    backend.database.dispose()


def _main(qtbot, backend, username):
    actor = auth.login(backend.database.uow(), username=username, password=PASSWORD)
    ctx = AppContext(backend.database, actor, backend.store)
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    return w


def test_consultant_sees_only_the_modules_the_role_allows(qtbot, ready_backend):
    w = _main(qtbot, ready_backend, "li")
    assert w.module_keys() == (
        ["inventory", "documents", "queue", "leads", "history", "test_drives", "pdi", "sales", "finance", "price_list"]
        + ["customer_care", "showroom", "complaints"]  # issue #19: their calls; the complaints they handle
    )
    assert "李娜" in w.findChild(QLabel, "status_user").text()
    assert w.findChild(QLabel, "status_store").text() == "上海测试汽车销售服务有限公司"
    assert ready_backend.database.display_url in w.findChild(QLabel, "status_database").text()


def test_admin_adds_a_staff_account_from_the_staff_page(qtbot, ready_backend):
    w = _main(qtbot, ready_backend, "admin")
    assert w.module_keys() == (
        ["inventory", "documents", "test_drives", "pdi", "price_list", "staff", "showroom", "notices", "audit"]
        + ["admin"]  # issue #19.5: the public notices
    )
    w.nav.setCurrentRow(w.module_keys().index("staff"))
    page = w.page("staff")
    assert page.model.rowCount() == 2
    from ui.staff.user_dialog import UserDialog

    d = UserDialog(page.ctx, page)
    qtbot.addWidget(d)
    d.show()
    d.full_name.setText("张伟")
    qtbot.keyClicks(d.username, "zhang.wei")
    qtbot.keyClicks(d.password, "short")
    d.save()
    assert d.findChild(QLabel, "error_password").isVisible()
    assert d.findChild(QLabel, "error_roles").isVisible()
    d.password.setText("long-enough-1")
    d.role_boxes[Role.CONSULTANT].setChecked(True)
    d.save()
    assert page.model.rowCount() == 3
    assert auth.login(ready_backend.database.uow(), username="zhang.wei", password="long-enough-1")


def test_login_window_appears_before_sqlalchemy_is_imported():
    code = (
        "import sys, os\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "import main\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from ui.shell.shell import Shell\n"
        "from ui.shell.login_window import LoginWindow\n"
        "w = LoginWindow(); w.show(); app.processEvents()\n"
        "heavy = [m for m in ('sqlalchemy', 'reportlab', 'alembic', 'app.staff.auth') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_chinese_is_shown_with_the_zh_cn_translation_and_switching_keeps_the_module(qtbot, ready_backend):
    from PySide6.QtCore import QLocale

    from ui.shell.i18n import choose_language, install_translators
    from ui.shell.shell import Shell

    assert choose_language(None, "", QLocale(QLocale.Language.Chinese, QLocale.Country.China)) == "zh_CN"
    assert choose_language(None, "", QLocale(QLocale.Language.German)) == "en"
    assert choose_language("en", "zh_CN") == "en"
    try:
        assert install_translators("zh_CN")
        shell = Shell(demo=False, url_resolver=lambda: ready_backend.url)
        actor = auth.login(ready_backend.database.uow(), username="admin", password=PASSWORD)
        shell._logged_in(actor, ready_backend)
        w = shell.main_window
        qtbot.addWidget(w)
        assert [w.nav.item(i).text() for i in range(w.nav.count())] == [
            "库存车辆",
            "文件档案",
            "试乘试驾",
            "售前检查",
            "价格公示",  # issue #18.1: the public list is readable by the administrator too
            "员工",
            "展厅",
            "服务公示",  # issue #19.5: warranty, fees, complaint process, charging piles
            "审计日志",
            "系统管理",
        ]
        w.nav.setCurrentRow(5)
        shell._change_language("en")
        w2 = shell.main_window
        qtbot.addWidget(w2)
        assert w2 is not w and w2.current_module() == "staff"
        assert w2.nav.item(0).text() == "Inventory"
    finally:
        install_translators("en")


def test_missing_cjk_font_is_a_clear_start_up_message_not_boxes(qtbot, db_url, monkeypatch, tmp_path):
    monkeypatch.setenv("SHOWROOM_CJK_FONT", str(tmp_path / "no-such-font.ttc"))
    backend = load_backend(db_url, demo=False)
    assert backend.font_error is not None and backend.font_error.code == "cjk_font_missing"
    w = LoginWindow()
    qtbot.addWidget(w)
    w.on_backend_ready(backend)
    label = w.findChild(QLabel, "font_warning")
    assert not label.isHidden()
    assert "fonts-wqy-microhei" in label.text() and "no-such-font.ttc" in label.text()
    backend.database.dispose()
