"""Text pasted into the test-drive forms (试乘试驾, issue #17.3): the customer's name, a
cancellation reason, the weather override reason (4.2.4.7) and a route's name are stored with
their whitespace normalised; too long is refused beside its field and nothing is written,
where the services used to cut the text silently."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.errors import ValidationFailed
from app.test_drives import booking, drive_steps as steps, fleet_setup as setup
from app.test_drives.records import get_drive
from db.drive_models import TestDrive as DriveRow
from tests.factories import isolated_data_dir  # noqa: F401
from tests.integration.test_test_drives import NOW, book, make_world, ready_drive, route_input

pytestmark = pytest.mark.usefixtures("isolated_data_dir")

PASTED_NAME = "  李\r\n先生\t\u3000"


@pytest.fixture()
def world(uow):
    return make_world(uow)


def _refused(exc) -> list[tuple[str, str, int]]:
    return [(e.field, e.code, e.params.get("max")) for e in exc.value.errors]


def test_a_pasted_customer_name_is_booked_on_one_line(world):
    assert book(world, customer_name=PASTED_NAME).customer_name == "李 先生"


def test_a_500_character_customer_name_is_refused_not_cut(world):
    with pytest.raises(ValidationFailed) as exc:
        book(world, customer_name=("李先生\r\n" * 100)[:500])
    assert _refused(exc) == [("customer_name", "too_long", booking.MAX_NAME)]
    with world.uow() as u:
        assert u.session.scalar(select(func.count()).select_from(DriveRow)) == 0


def test_a_long_cancellation_reason_is_refused_and_the_drive_stays_booked(world):
    d = book(world)
    with pytest.raises(ValidationFailed) as exc:
        booking.cancel_test_drive(
            world.uow(), actor=world.desk, drive_id=d.id, expected_version=d.version, reason="改期" * 300
        )
    assert _refused(exc) == [("reason", "too_long", booking.MAX_REASON)]
    cancelled = booking.cancel_test_drive(
        world.uow(), actor=world.desk, drive_id=d.id, expected_version=d.version, reason=" 客户\r\n改期\t"
    )
    assert (cancelled.status, cancelled.cancel_reason) == ("cancelled", "客户\n改期")


def test_a_1001_character_weather_override_is_refused_not_cut_4_2_4_7(world):
    d = ready_drive(world, weather="heavy_rain")
    with pytest.raises(ValidationFailed) as exc:
        steps.override_weather(
            world.uow(), actor=world.manager, drive_id=d.id, expected_version=d.version, reason="雨" * 1001
        )
    assert _refused(exc) == [("override_reason", "too_long", steps.MAX_TEXT)]
    with world.uow() as u:
        assert get_drive(u.session, d.id).weather_override_reason is None
    d = steps.override_weather(
        world.uow(), actor=world.manager, drive_id=d.id, expected_version=d.version, reason="雨已转小\r\n封闭\u3000园区"
    )
    assert d.weather_override_reason == "雨已转小\n封闭 园区"


def test_a_pasted_route_name_and_filing_reference_are_stored_on_one_line_4_2_4_3(world):
    r = setup.save_route(
        world.uow(),
        actor=world.manager,
        data=route_input("滨江\r\n环线\t", filing_ref=" 沪公交\n备-1 ", description="沿江\r\n返回"),
        now=NOW,
    )
    assert (r.name, r.filing_ref, r.description) == ("滨江 环线", "沪公交 备-1", "沿江 返回")
    with pytest.raises(ValidationFailed) as exc:
        setup.save_route(world.uow(), actor=world.manager, data=route_input("线" * 81), now=NOW)
    assert _refused(exc) == [("name", "too_long", setup.MAX_ROUTE_TEXT)]


def test_a_signer_name_pasted_with_a_line_break_is_archived_on_one_line_4_2_4_5(world):
    from db.models import DocumentSignature
    from tests.factories import signature_capture
    from tests.integration.test_test_drives import drive_ready_to_sign

    d = drive_ready_to_sign(world)
    steps.sign_agreement(
        world.uow(),
        actor=world.consultant,
        drive_id=d.id,
        expected_version=d.version,
        signatures=[signature_capture("李\r\n先生", "customer", 1), signature_capture(" 王磊\t", "escort", 2)],
        now=NOW,
    )
    with world.uow() as u:
        assert sorted(u.session.scalars(select(DocumentSignature.signer_name))) == ["李 先生", "王磊"]
