"""Who changed it (issue #17.15): every editable table records who changed a row last
(`updated_by_id`), set in one place (db/changed_by.py) from who acts, so the conflict dialog
always says who saved first, also on the eight tables that lacked the column."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select

from app.core.common import commit
from app.core.errors import Conflict
from app.documents import certificates
from app.pdi import inspections as pdi
from app.pdi import templates as pdi_templates
from app.reception.customers import withdraw_consent
from app.showroom import cards, cards_floor
from app.staff import accounts
from app.store import store as store_service
from db.card_models import ChargingPileOffer, VehicleCard
from db.migrate import alembic_config, current_revision, head_revision
from db.models import Base, Role, SigningCertificate, StaffUser, Store
from db.pdi_models import PdiRectification, PdiTemplate
from db.reception_models import Consent
from db.session import make_engine
from tests.factories import (
    isolated_data_dir,  # noqa: F401  (fixture)
    make_customer,
    make_store,
    make_user,
    reception_defaults,
    vehicle_input,
)
from tests.integration.test_pdi_permissions import sold_car, technician

NEWLY_COVERED = (
    "store",
    "staff_user",
    "signing_certificate",
    "vehicle_card",
    "charging_pile_offer",
    "pdi_template",
    "pdi_rectification",
    "consent",
)


def _by(uow, model, **where):
    with uow() as u:
        return u.session.scalars(select(model.updated_by_id).filter_by(**where)).all()


@pytest.fixture()
def admin(uow):
    make_store(uow)
    return make_user(uow, Role.ADMIN, full_name="系统管理员")


def test_every_versioned_table_records_who_changed_it_last():
    lacking = [
        m.persist_selectable.name
        for m in Base.registry.mappers
        if m.version_id_col is not None and "updated_by_id" not in m.persist_selectable.c
    ]
    assert lacking == []


def test_store_and_staff_writes_record_the_administrator(uow, admin):
    s = store_service.get_store(uow())
    store_service.update_store(
        uow(),
        actor=admin,
        expected_version=s.version,
        legal_name=s.legal_name,
        address=s.address,
        sales_hotline="021-64000009",
        complaint_phone=s.complaint_phone,
    )
    assert _by(uow, Store) == [admin.user_id]
    clerk = make_user(uow, Role.RECEPTION)
    accounts.set_roles(uow(), actor=admin, user_id=clerk.user_id, roles=[Role.RECEPTION, Role.FINANCE])
    assert _by(uow, StaffUser, id=clerk.user_id) == [admin.user_id]


def test_a_login_does_not_make_the_user_the_last_editor_of_their_account(uow, admin):
    from app.staff.auth import login
    from tests.factories import PASSWORD

    clerk = make_user(uow, Role.RECEPTION)
    accounts.set_roles(uow(), actor=admin, user_id=clerk.user_id, roles=[Role.RECEPTION, Role.FINANCE])
    login(uow(), username=clerk.username, password=PASSWORD)
    assert _by(uow, StaffUser, id=clerk.user_id) == [admin.user_id]


@pytest.mark.usefixtures("isolated_data_dir")
def test_certificate_card_and_charging_offer_writes_record_the_actor(uow, admin):
    certificates.ensure_store_certificate(uow(), actor=admin)
    second = make_user(uow, Role.ADMIN, full_name="第二管理员")
    certificates.create_certificate(uow(), actor=second)
    assert sorted(_by(uow, SigningCertificate)) == [second.user_id, second.user_id]  # replaced + new

    manager = make_user(uow, Role.SALES_MANAGER)
    consultant = make_user(uow, Role.CONSULTANT)
    from app.inventory import vehicles

    cards_floor.ensure_default_floor(uow())
    car = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="on_display"))
    cards.issue_card(uow(), actor=manager, vehicle_id=car.id)
    cards.issue_card(uow(), actor=consultant, vehicle_id=car.id)  # voids the manager's card
    assert _by(uow, VehicleCard) == [consultant.user_id, consultant.user_id]

    cards_floor.set_charging_pile_offer(uow(), actor=manager, service="免费安装7kW家用充电桩")
    assert _by(uow, ChargingPileOffer) == [manager.user_id]


@pytest.mark.usefixtures("isolated_data_dir")
def test_pdi_template_and_rectification_writes_record_the_actor(uow, admin):
    manager = make_user(uow, Role.SALES_MANAGER)
    tech = technician(uow)
    car = sold_car(uow, manager)
    ins = pdi.start_inspection(uow(), actor=tech, vehicle_id=car.id)
    item = ins.item("I06")
    ins = pdi.record_item(
        uow(), actor=tech, item_result_id=item.id, expected_version=item.version, result="not_ok", note="不制冷"
    )
    ins = pdi.record_rectification(
        uow(),
        actor=tech,
        item_result_id=item.id,
        action_taken="更换压缩机总成",
        repaired_by="张师傅",
        assembly_repair=True,
        assembly_name="空调压缩机",
    )
    other = technician(uow, username="tech2", full_name="钱师傅", pdi_certificate_no="SH-PDI-2026-0002")
    repair = ins.rectifications[0]
    pdi.acknowledge_disclosure(
        uow(), actor=other, rectification_id=repair.id, expected_version=repair.version, customer_name="李女士"
    )
    assert _by(uow, PdiRectification) == [other.user_id]

    current = pdi_templates.list_templates(uow(), actor=admin, include_old=False)[0]
    data = pdi_templates.export_template(uow(), actor=admin)
    pdi_templates.publish_template(uow(), actor=admin, definition=data, based_on_id=current.id)
    assert set(_by(uow, PdiTemplate)) == {admin.user_id}  # the replaced one and the new one
    # A second administrator publishing an edit of the same version is told who came first.
    second = make_user(uow, Role.ADMIN, full_name="第二管理员")
    with pytest.raises(Conflict) as e:
        pdi_templates.publish_template(uow(), actor=second, definition=data, based_on_id=current.id)
    assert (e.value.params["by_name"], e.value.params["by_user_id"]) == ("系统管理员", admin.user_id)


def test_a_withdrawn_consent_records_who_took_the_withdrawal(uow, admin):
    reception_defaults(uow)
    desk = make_user(uow, Role.RECEPTION)
    other = make_user(uow, Role.CONSULTANT)
    c = make_customer(uow, desk)
    withdraw_consent(uow(), actor=other, customer_id=c.id, expected_version=c.version)
    assert _by(uow, Consent) == [other.user_id]


def test_a_stale_save_on_a_newly_covered_table_names_who_saved_first(uow, admin):
    """Two terminals edit the store's details; the second is told who saved first."""
    other = make_user(uow, Role.ADMIN, full_name="赵管理员")
    s = store_service.get_store(uow())
    fields = dict(legal_name=s.legal_name, address=s.address, complaint_phone=s.complaint_phone)
    store_service.update_store(uow(), actor=other, expected_version=s.version, sales_hotline="021-64000011", **fields)
    with pytest.raises(Conflict) as e:
        store_service.update_store(
            uow(), actor=admin, expected_version=s.version, sales_hotline="021-64000022", **fields
        )
    assert (e.value.params["by_name"], e.value.params["by_user_id"]) == ("赵管理员", other.user_id)


def test_a_write_race_lost_at_the_flush_names_who_won(uow, admin):
    """Both sessions read version 1; one commits; the other's UPDATE matches no row."""
    other = make_user(uow, Role.SALES_MANAGER, full_name="周经理")
    manager = make_user(uow, Role.SALES_MANAGER, full_name="吴经理")
    cards_floor.set_charging_pile_offer(uow(), actor=manager, service="免费安装")
    with pytest.raises(Conflict) as e:
        with uow().act_as(manager) as a, uow().act_as(other) as b:
            mine = a.session.scalar(select(ChargingPileOffer))
            theirs = b.session.scalar(select(ChargingPileOffer))
            theirs.fee_fen = 100
            b.commit()
            mine.fee_fen = 200
            commit(a)
    assert e.value.params["table"] == "charging_pile_offer"
    assert (e.value.params["by_name"], e.value.params["by_user_id"]) == ("周经理", other.user_id)


def test_migration_0017_goes_down_and_up(db_url):
    def columns(table):
        engine = make_engine(db_url)
        try:
            return {c["name"] for c in sa_inspect(engine).get_columns(table)}
        finally:
            engine.dispose()

    command.downgrade(alembic_config(db_url), "0016")
    assert all("updated_by_id" not in columns(t) for t in NEWLY_COVERED)
    assert "visitor_retention_months" not in columns("store")
    command.upgrade(alembic_config(db_url), "head")
    assert current_revision(db_url) == head_revision()
    assert all("updated_by_id" in columns(t) for t in NEWLY_COVERED)
