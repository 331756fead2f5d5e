"""The visitor retention period is a stored store setting (issue #17.16; PIPL art. 19, 47):
the administrator sets it (1–120 months, never beyond what the consent text promised), the
change is audited, and the retention purge uses it."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from app.core.errors import Conflict, PermissionDenied, ValidationFailed
from app.privacy import retention as privacy_retention
from app.store import retention_setting
from app.store.store import get_store
from db.audit_models import AuditEvent
from db.models import Role
from tests.factories import make_customer, make_store, make_user, reception_defaults

VISITED = dt.datetime(2026, 3, 10, 2, 0)
SEVEN_MONTHS_LATER = dt.datetime(2026, 10, 12, 2, 0)


@pytest.fixture()
def admin(uow):
    make_store(uow)
    reception_defaults(uow)  # consent text v1: "不超过 24 个月"
    return make_user(uow, Role.ADMIN, full_name="系统管理员")


def test_the_period_is_12_months_until_the_administrator_changes_it_and_the_change_is_audited(uow, admin):
    setting = retention_setting.get_retention_setting(uow(), actor=admin)
    assert (setting.visitor_months, setting.promised_months) == (12, 24)
    saved = retention_setting.set_visitor_retention(
        uow(), actor=admin, expected_version=setting.version, visitor_months=6
    )
    assert saved.visitor_months == 6 and get_store(uow()).visitor_retention_months == 6
    with uow() as u:
        actor_id, detail = u.session.execute(
            select(AuditEvent.actor_id, AuditEvent.detail)
            .where(AuditEvent.table_name == "store")
            .order_by(AuditEvent.id.desc())
        ).first()
    assert actor_id == admin.user_id
    assert json.loads(detail)["changes"]["visitor_retention_months"] == [12, 6]


@pytest.mark.parametrize(
    ("months", "code"), [(0, "out_of_range"), (121, "out_of_range"), (36, "retention_exceeds_consent")]
)
def test_a_period_outside_1_to_120_months_or_beyond_the_consent_promise_is_refused(uow, admin, months, code):
    version = get_store(uow()).version
    with pytest.raises(ValidationFailed) as e:
        retention_setting.set_visitor_retention(uow(), actor=admin, expected_version=version, visitor_months=months)
    assert e.value.for_field("visitor_months").code == code
    assert get_store(uow()).visitor_retention_months == 12


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMIN])
def test_only_the_administrator_may_change_it(uow, admin, role):
    someone = make_user(uow, role)
    with pytest.raises(PermissionDenied):
        retention_setting.set_visitor_retention(
            uow(), actor=someone, expected_version=get_store(uow()).version, visitor_months=6
        )
    assert get_store(uow()).visitor_retention_months == 12


def test_a_stale_change_is_a_conflict_naming_who_saved_first(uow, admin):
    other = make_user(uow, Role.ADMIN, full_name="赵管理员")
    version = get_store(uow()).version
    retention_setting.set_visitor_retention(uow(), actor=other, expected_version=version, visitor_months=18)
    with pytest.raises(Conflict) as e:
        retention_setting.set_visitor_retention(uow(), actor=admin, expected_version=version, visitor_months=6)
    assert e.value.params["by_name"] == "赵管理员"


def test_the_purge_uses_the_stored_period(uow, admin):
    desk = make_user(uow, Role.RECEPTION)
    manager = make_user(uow, Role.SALES_MANAGER)
    visitor = make_customer(uow, desk, now=VISITED)
    report = privacy_retention.purge(uow(), actor=manager, now=SEVEN_MONTHS_LATER)
    assert report.visitor_months == 12 and report.candidates == ()
    version = get_store(uow()).version
    retention_setting.set_visitor_retention(uow(), actor=admin, expected_version=version, visitor_months=6)
    report = privacy_retention.purge(uow(), actor=manager, now=SEVEN_MONTHS_LATER)
    assert report.visitor_months == 6
    assert [c.customer_id for c in report.candidates] == [visitor.id]


def test_a_later_consent_text_promising_less_wins_over_the_stored_period(uow, admin):
    from app.reception.rules import CONSENT_V1_EN, CONSENT_V1_ZH
    from app.reception.setup import publish_consent_text

    manager = make_user(uow, Role.SALES_MANAGER)
    version = get_store(uow()).version
    retention_setting.set_visitor_retention(uow(), actor=admin, expected_version=version, visitor_months=18)
    publish_consent_text(
        uow(),
        actor=admin,
        version_label="v2",
        text_zh=CONSENT_V1_ZH.replace("24 个月", "12 个月"),
        text_en=CONSENT_V1_EN.replace("24 months", "12 months"),
    )
    assert privacy_retention.purge(uow(), actor=manager).visitor_months == 12
