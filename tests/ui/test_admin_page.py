"""Administration page: store details, source channels, consent texts, signing certificate."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox

from app.reception import setup as reception_setup
from app.store.store import get_store, update_store
from db.models import Role
from tests.factories import make_store, reception_defaults
from ui.shell.main_window import visible_modules
from ui.store.admin_page import AdminPage


@pytest.fixture()
def admin_page(qtbot, make_ctx, uow, sync_ops):
    make_store(uow)
    reception_defaults(uow)
    ctx = make_ctx(Role.ADMIN, full_name="管理员")
    page = AdminPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    return page


def _conflict_box(widget):
    return next((b for b in widget.findChildren(QMessageBox, "conflict_box") if b.isVisible()), None)


# --- store ----------------------------------------------------------------------------------


def test_admin_edits_the_store_errors_beside_fields_then_saves(qtbot, admin_page, uow):
    tab = admin_page.tabs["store"]
    before = get_store(uow())
    assert tab.edits["legal_name"].text() == before.legal_name
    seen = []
    admin_page.ctx.data_did_change.connect(lambda changes, _src: seen.append(changes))

    tab.edits["sales_hotline"].setText("热线")
    tab.save()
    assert "sales_hotline" in tab.errors.shown()
    assert get_store(uow()) == before  # nothing written

    tab.edits["sales_hotline"].setText("400-820-8820")
    tab.edits["legal_name"].setText("上海新店汽车销售服务有限公司")
    tab.save()
    after = get_store(uow())
    assert after.sales_hotline == "400-820-8820" and after.legal_name == "上海新店汽车销售服务有限公司"
    assert after.version == before.version + 1
    assert tab.errors.shown() == {}
    assert admin_page.ctx.store == after
    assert seen and seen[-1].store


def test_stale_store_version_opens_the_conflict_box_and_reload_takes_theirs(qtbot, admin_page, uow, make_ctx):
    tab = admin_page.tabs["store"]
    other = make_ctx(Role.ADMIN)
    s = get_store(uow())
    update_store(
        uow(),
        actor=other.actor,
        expected_version=s.version,
        legal_name="别的终端改的名字",
        address=s.address,
        sales_hotline=s.sales_hotline,
        complaint_phone=s.complaint_phone,
        website=s.website,
    )
    tab.edits["address"].setText("上海市浦东新区新地址2号")
    tab.save()
    box = _conflict_box(tab)
    assert box is not None
    assert get_store(uow()).address == s.address  # not overwritten
    reload_button = next(b for b in box.buttons() if b.objectName() == "reload_button")
    reload_button.click()
    assert tab.edits["legal_name"].text() == "别的终端改的名字"
    assert tab.edits["address"].text() == s.address


# --- channels -------------------------------------------------------------------------------


def test_admin_adds_a_channel_bad_code_shown_beside_the_field(qtbot, admin_page, uow):
    tab = admin_page.tabs["channels"]
    n = tab.model.rowCount()
    dialog = tab.add()
    qtbot.addWidget(dialog)
    dialog.code.setText("Auto Show!")
    dialog.name.setText("车展")
    dialog.name_en.setText("Auto show")
    dialog.save()
    assert "code" in dialog.errors.shown() and dialog.isVisible()
    assert tab.model.rowCount() == n

    dialog.code.setText("auto_show")
    dialog.save()
    assert not dialog.isVisible()
    assert tab.model.rowCount() == n + 1
    codes = [c.code for c in reception_setup.list_channels(uow(), actor=tab.ctx.actor)]
    assert codes[-1] == "auto_show"
    assert tab.selected().code == "auto_show"


def test_admin_deactivates_a_channel_and_check_in_no_longer_offers_it(qtbot, admin_page, uow):
    tab = admin_page.tabs["channels"]
    tab.select_code("phone")
    dialog = tab.edit_selected()
    qtbot.addWidget(dialog)
    assert dialog.code.isReadOnly() and dialog.code.text() == "phone"
    dialog.active.setChecked(False)
    dialog.save()
    assert not dialog.isVisible()
    actor = tab.ctx.actor
    assert "phone" not in [c.code for c in reception_setup.list_channels(uow(), actor=actor)]
    all_rows = {c.code: c for c in reception_setup.list_channels(uow(), actor=actor, include_inactive=True)}
    assert all_rows["phone"].active is False
    assert tab.model.rowCount() == len(all_rows)  # the tab lists inactive ones too


def test_stale_channel_edit_opens_the_conflict_box(qtbot, admin_page, uow, make_ctx):
    tab = admin_page.tabs["channels"]
    tab.select_code("website")
    dialog = tab.edit_selected()
    qtbot.addWidget(dialog)
    c = dialog.channel
    reception_setup.update_channel(
        uow(),
        actor=make_ctx(Role.ADMIN).actor,
        channel_id=c.id,
        expected_version=c.version,
        name="官网2",
        name_en=c.name_en,
        active=True,
        sort_order=c.sort_order,
    )
    dialog.name.setText("官方网站")
    dialog.save()
    assert _conflict_box(dialog) is not None and dialog.isVisible()


# --- who sees what --------------------------------------------------------------------------


def test_consultant_has_no_administration_and_sales_manager_sees_only_channels(qtbot, make_ctx, uow, sync_ops):
    make_store(uow)
    reception_defaults(uow)
    consultant = make_ctx(Role.CONSULTANT)
    assert "admin" not in [m.key for m in visible_modules(consultant.actor.roles)]
    manager = make_ctx(Role.SALES_MANAGER)
    assert "admin" in [m.key for m in visible_modules(manager.actor.roles)]
    page = AdminPage(manager)
    qtbot.addWidget(page)
    assert page.tab_keys() == ["channels"] and page.count() == 1


# --- consent texts (PIPL) -------------------------------------------------------------------


def test_admin_publishes_consent_v2_which_becomes_current_once_effective(qtbot, admin_page, uow):
    import datetime as dt

    from PySide6.QtCore import QDateTime

    from app.core.clock import to_store_time, utcnow

    tab = admin_page.tabs["consent"]
    v1 = reception_setup.current_consent_text(uow())
    assert tab.model.rowCount() == 1 and tab.selected().id == v1.id
    assert tab.text_zh.toPlainText() == v1.text_zh
    dialog = tab.publish()
    qtbot.addWidget(dialog)
    assert dialog.text_zh.toPlainText() == v1.text_zh  # starts from the current wording
    assert "never" in dialog.findChild(QLabel, "never_edited_notice").text()
    dialog.version_label.setText("v 2!")
    dialog.save()
    assert "version_label" in dialog.errors.shown() and dialog.isVisible()

    effective = (utcnow() + dt.timedelta(hours=2)).replace(second=0, microsecond=0)
    dialog.version_label.setText("v2")
    dialog.text_zh.setPlainText("新版告知文本：我们仅为联系您意向车型使用姓名和手机号。")
    dialog.immediately.setChecked(False)
    dialog.effective_from.setDateTime(QDateTime(to_store_time(effective)))
    dialog.save()
    assert not dialog.isVisible()
    assert tab.model.rowCount() == 2 and tab.selected().version_label == "v2"
    assert reception_setup.current_consent_text(uow()).id == v1.id  # not yet in effect
    v2 = reception_setup.current_consent_text(uow(), now=effective + dt.timedelta(seconds=1))
    assert v2.version_label == "v2" and v2.text_zh.startswith("新版告知文本")
    assert v2.effective_from == effective


# --- signing certificate (issue #3) ---------------------------------------------------------


def test_admin_exports_creates_a_new_certificate_and_imports_the_old_one_back(qtbot, admin_page, uow, tmp_path):
    from app.documents.certificates import ensure_store_certificate, list_certificates

    ctx = admin_page.ctx
    first = ensure_store_certificate(uow(), actor=ctx.actor)
    tab = admin_page.tabs["certificate"]
    tab.refresh()
    assert tab.model.rowCount() == 1 and tab.active().id == first.id

    # Export the current one: the passwords must match; the file is written.
    target = tmp_path / "seal.p12"
    export = tab.export_file()
    qtbot.addWidget(export)
    export.path.setText(str(target))
    export.password.setText("门店密码-2026")
    export.password2.setText("typo")
    export.save()
    assert "password2" in export.errors.shown() and not target.exists()
    export.password2.setText("门店密码-2026")
    export.save()
    assert target.read_bytes()[:1] == b"0" and not export.isVisible()  # DER SEQUENCE

    # A new self-signed certificate becomes active; the old one stays listed.
    box = tab.create_new()
    box.button(QMessageBox.StandardButton.Yes).click()
    certs = list_certificates(uow(), actor=ctx.actor)
    assert len(certs) == 2 and tab.model.rowCount() == 2
    assert certs[0].active and certs[0].id != first.id and tab.active().id == certs[0].id

    # Import the exported file back: the wrong password is refused beside the password field.
    dialog = tab.import_file()
    qtbot.addWidget(dialog)
    dialog.path.setText(str(target))
    dialog.password.setText("wrong")
    dialog.save()
    assert "password" in dialog.errors.shown() and dialog.isVisible()
    assert "wrong password" in dialog.errors.shown()["password"]
    assert list_certificates(uow(), actor=ctx.actor)[0].id == certs[0].id  # unchanged
    dialog.password.setText("门店密码-2026")
    dialog.save()
    assert not dialog.isVisible()
    assert tab.active().fingerprint == first.fingerprint and tab.model.rowCount() == 2


def test_admin_models_pass_the_model_tester(qtmodeltester, admin_page):
    for key in ("channels", "consent"):
        qtmodeltester.check(admin_page.tabs[key].model)


def test_admin_sets_the_card_qr_link_template_and_a_bad_one_is_refused_beside_it(admin_page, uow):
    # Issue #5.2: "when the store configures a URL template ... that URL".
    tab = admin_page.tabs["store"]
    tab.edits["card_url_template"].setText("ftp://example.cn/{plate}")
    tab.save()
    assert "card_url_template" in tab.errors.shown()
    assert get_store(uow()).card_url_template == ""
    tab.edits["card_url_template"].setText("https://www.pujiang-auto.example.cn/cars/{vin}")
    tab.save()
    assert get_store(uow()).card_url_template == "https://www.pujiang-auto.example.cn/cars/{vin}"
    assert tab.errors.shown() == {}
