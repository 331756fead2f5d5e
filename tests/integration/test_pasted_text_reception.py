"""Text pasted into reception's customer and appointment forms (issue #17.3): a customer's
name (registered or corrected, T/CSCA 120031 4.5.1.3), an appointment's note and the reason of
a change are stored with their whitespace normalised; too long is refused beside its field,
never cut, and nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core.errors import ValidationFailed
from app.reception import appointment_changes, appointments, customer_changes
from app.reception.customers import find_customer_by_mobile, withdraw_consent
from app.reception.rules import MAX_NAME_LENGTH, MAX_REASON_LENGTH
from db.models import Role
from tests.factories import (  # noqa: F401 - isolated_data_dir is a fixture
    RECEPTION_NOW,
    isolated_data_dir,
    make_consultants,
    make_customer,
    make_staff,
    on_duty,
    reception_defaults,
)

NOW = RECEPTION_NOW
pytestmark = pytest.mark.usefixtures("isolated_data_dir")


@pytest.fixture()
def desk(uow):
    reception_defaults(uow)
    return make_staff(uow, Role.RECEPTION)


def _refused(exc) -> list[tuple[str, str, int]]:
    return [(e.field, e.code, e.params.get("max")) for e in exc.value.errors]


def _name(uow, desk, mobile: str) -> str | None:
    found = find_customer_by_mobile(uow(), actor=desk, mobile=mobile)
    return found.customer.name if found else None


def test_a_pasted_customer_name_is_registered_on_one_line(uow, desk):
    make_customer(uow, desk, name=" 周\r\n女士\t\u3000", mobile="13811112222")
    assert _name(uow, desk, "13811112222") == "周 女士"
    with pytest.raises(ValidationFailed) as exc:
        make_customer(uow, desk, name=("周女士\r\n" * 100)[:500], mobile="13811113333")
    assert _refused(exc) == [("name", "too_long", MAX_NAME_LENGTH)]
    assert _name(uow, desk, "13811113333") is None


def test_4_5_1_3_a_correction_pasted_with_line_breaks_is_stored_cleaned_and_a_long_one_refused(uow, desk):
    c = make_customer(uow, desk, name="周女士", mobile="13811112222")
    with pytest.raises(ValidationFailed) as exc:
        customer_changes.correct_customer(
            uow(), actor=desk, customer_id=c.id, expected_version=c.version, name="周" * 61, reason="姓名输错", now=NOW
        )
    assert _refused(exc) == [("name", "too_long", MAX_NAME_LENGTH)]
    assert _name(uow, desk, "13811112222") == "周女士"
    fixed = customer_changes.correct_customer(
        uow(),
        actor=desk,
        customer_id=c.id,
        expected_version=c.version,
        name="周\r\n丽",
        reason="姓名\t输错\r\n",
        now=NOW,
    )
    assert fixed.name == "周 丽"


def test_an_appointment_note_keeps_its_lines_and_a_long_change_reason_is_refused(uow, desk):
    (li,) = make_consultants(uow, 1)
    on_duty(uow, desk, [li])
    c = make_customer(uow, desk, mobile="13811112222")
    booked = appointments.book_appointment(
        uow(),
        actor=desk,
        customer_id=c.id,
        consultant_id=li.user_id,
        scheduled_at=NOW + dt.timedelta(hours=3),
        note="想试驾\r\n\r\n\r\n带\u3000家人 ",
        now=NOW,
    )
    assert booked.note == "想试驾\n\n带 家人"
    with pytest.raises(ValidationFailed) as exc:
        appointment_changes.cancel_appointment(
            uow(), actor=desk, appointment_id=booked.id, expected_version=booked.version, reason="改" * 501, now=NOW
        )
    assert _refused(exc) == [("reason", "too_long", MAX_REASON_LENGTH)]
    (still,) = appointments.list_appointments(uow(), actor=desk, now=NOW)
    assert still.status == "booked"


def test_a_withdrawal_reason_is_stored_cleaned_and_a_long_one_refused(uow, desk):
    c = make_customer(uow, desk, mobile="13811112222")
    with pytest.raises(ValidationFailed) as exc:
        withdraw_consent(uow(), actor=desk, customer_id=c.id, expected_version=c.version, reason="不" * 501, now=NOW)
    assert _refused(exc) == [("reason", "too_long", MAX_REASON_LENGTH)]
    assert _name(uow, desk, "13811112222") == "王先生"
