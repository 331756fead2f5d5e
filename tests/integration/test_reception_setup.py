"""Reception reference data: seeded channels and consent text, channel list, consent versions."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import create_engine, text

from app.reception.rules import CONSENT_V1_EN, CONSENT_V1_ZH, DEFAULT_CHANNELS
from app.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from app.reception import setup
from db.migrate import upgrade
from db.models import Role
from db.session import sqlite_url
from tests.factories import (
    RECEPTION_NOW,
    add_models,
    make_consultants,
    make_staff,
    on_duty,
    reception_defaults,
    walk_in,
)

NOW = RECEPTION_NOW


def test_migration_0003_seeds_the_same_defaults_as_the_code(tmp_path):
    url = sqlite_url(tmp_path / "fresh.sqlite")
    upgrade(url)
    engine = create_engine(url)
    with engine.connect() as conn:
        channels = conn.execute(
            text("SELECT code, name, name_en, active, sort_order, version FROM source_channel ORDER BY sort_order")
        ).all()
        texts = conn.execute(text("SELECT purpose, version_label, text_zh, text_en FROM consent_text")).all()
    engine.dispose()
    assert [tuple(c[:3]) for c in channels] == list(DEFAULT_CHANNELS)
    assert all(c[3] and c[5] == 1 for c in channels)
    assert texts == [("contact", "v1", CONSENT_V1_ZH, CONSENT_V1_EN)]


def test_defaults_are_added_once(uow):
    assert setup.ensure_reception_defaults(uow()) in (True, False)  # SQLite template has them
    assert setup.ensure_reception_defaults(uow()) is False
    actor = make_staff(uow, Role.RECEPTION)
    assert [c.code for c in setup.list_channels(uow(), actor=actor)] == [c[0] for c in DEFAULT_CHANNELS]
    assert setup.current_consent_text(uow(), now=NOW).version_label == "v1"


def test_channels_are_kept_by_managers(uow):
    reception_defaults(uow)
    manager, desk = make_staff(uow, Role.SALES_MANAGER), make_staff(uow, Role.RECEPTION)
    with pytest.raises(PermissionDenied):
        setup.add_channel(uow(), actor=desk, code="wechat", name="微信")
    with pytest.raises(ValidationFailed) as e:
        setup.add_channel(uow(), actor=manager, code="We Chat!", name="")
    assert {(f.field, f.code) for f in e.value.errors} == {("code", "channel_code_format"), ("name", "required")}
    with pytest.raises(ValidationFailed) as e:
        setup.add_channel(uow(), actor=manager, code="douyin", name="抖音2")
    assert e.value.for_field("code").code == "channel_code_taken"
    wechat = setup.add_channel(uow(), actor=manager, code="wechat", name="微信", name_en="WeChat")
    assert setup.list_channels(uow(), actor=desk)[-1] == wechat
    first = setup.update_channel(
        uow(),
        actor=manager,
        channel_id=wechat.id,
        expected_version=wechat.version,
        name="微信公众号",
        name_en="WeChat",
        sort_order=1,
    )
    assert setup.list_channels(uow(), actor=desk)[0].code == "wechat"
    with pytest.raises(Conflict):
        setup.update_channel(
            uow(), actor=manager, channel_id=wechat.id, expected_version=wechat.version, name="x", active=False
        )
    setup.update_channel(
        uow(),
        actor=manager,
        channel_id=wechat.id,
        expected_version=first.version,
        name=first.name,
        active=False,
        sort_order=1,
    )
    assert "wechat" not in [c.code for c in setup.list_channels(uow(), actor=desk)]
    assert "wechat" in [c.code for c in setup.list_channels(uow(), actor=desk, include_inactive=True)]


def test_pipl_a_new_consent_version_applies_from_its_date_and_check_ins_record_it(uow):
    reception_defaults(uow)
    admin, manager = make_staff(uow, Role.ADMIN), make_staff(uow, Role.SALES_MANAGER)
    desk = make_staff(uow, Role.RECEPTION)
    with pytest.raises(PermissionDenied):
        setup.publish_consent_text(uow(), actor=manager, version_label="v2", text_zh="新", text_en="new")
    with pytest.raises(ValidationFailed) as e:
        setup.publish_consent_text(uow(), actor=admin, version_label="v1", text_zh="新", text_en=" ", now=NOW)
    assert {f.field for f in e.value.errors} == {"text_en"}
    with pytest.raises(ValidationFailed) as e:
        setup.publish_consent_text(uow(), actor=admin, version_label="v1", text_zh="新", text_en="new", now=NOW)
    assert e.value.for_field("version_label").code == "version_label_taken"
    v2 = setup.publish_consent_text(
        uow(),
        actor=admin,
        version_label="v2",
        text_zh="新版告知",
        text_en="New notice",
        effective_from=NOW + dt.timedelta(days=1),
        now=NOW,
    )
    assert setup.current_consent_text(uow(), now=NOW).version_label == "v1"
    assert setup.current_consent_text(uow(), now=NOW + dt.timedelta(days=2)).id == v2.id
    assert [t.version_label for t in setup.list_consent_texts(uow(), actor=admin)] == ["v1", "v2"]
    later = NOW + dt.timedelta(days=2)
    team = make_consultants(uow, 1)
    on_duty(uow, desk, team, now=later)
    with pytest.raises(ValidationFailed):  # v2 was not in effect yet at NOW
        walk_in(uow, desk, NOW, name="吴先生", mobile="13512345678", consent_text_id=v2.id)
    r = walk_in(uow, desk, later, name="吴先生", mobile="13512345678", consent_text_id=v2.id)
    assert r.visit.consent_text_id == v2.id and r.customer.has_consent
    with pytest.raises(NotFound):
        setup.current_consent_text(uow(), purpose="marketing")


def test_model_choices_come_from_the_inventory(uow):
    manager = make_staff(uow, Role.SALES_MANAGER)
    add_models(uow, manager, ("比亚迪", "海豹"), ("比亚迪", "海豹"), ("别克", "GL8 陆尊"))
    choices = setup.list_model_choices(uow(), actor=manager)
    assert {(c.brand, c.model, c.available) for c in choices} == {("别克", "GL8 陆尊", 1), ("比亚迪", "海豹", 2)}
