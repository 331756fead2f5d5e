"""Before anyone signs (issue #16): `agreement_blockers` says exactly what `sign_agreement`
would refuse for (T/CSCA 120031-2023 4.2.4.1-4.2.4.5), so the pads never open for signatures
that are then thrown away; and a repeated start with its request key starts the drive once
(issue #16.2).
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.core.errors import Conflict, ShowroomError, ValidationFailed
from app.test_drives import drive_steps as steps
from db.models import Document, StaffUser
from tests.factories import isolated_data_dir, signature_capture  # noqa: F401
from tests.integration.test_test_drives import NOW, OK, book, drive_ready_to_sign, make_world, ready_drive

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


@pytest.fixture()
def world(uow):
    return make_world(uow)


def _blockers(w, d) -> list[str]:
    found = steps.agreement_blockers(w.uow(), actor=w.consultant, drive_id=d.id, expected_version=d.version, now=NOW)
    return [e.code for e in found]


def _sign(w, d):
    return steps.sign_agreement(
        w.uow(),
        actor=w.consultant,
        drive_id=d.id,
        expected_version=d.version,
        signatures=[signature_capture("李先生", "customer", 1), signature_capture("王磊", "escort", 2)],
        now=NOW,
    )


def _documents(w) -> int:
    with w.uow() as u:
        return u.session.scalar(select(func.count()).select_from(Document))


def test_4_2_4_1_nothing_blocks_once_consent_qualification_escort_and_confirmation_are_saved(world):
    d = drive_ready_to_sign(world)
    assert _blockers(world, d) == []
    assert _sign(world, d).agreement_number


def test_4_2_4_1_every_step_still_missing_is_named_before_the_pads_open(world):
    d = book(world)
    assert _blockers(world, d) == [
        "id_consent_required",
        "qualification_missing",
        "escort_missing",
        "terms_not_confirmed",
    ]
    # The service refuses the signatures for the same reasons, and archives nothing.
    with pytest.raises(ValidationFailed) as exc:
        _sign(world, d)
    assert {e.code for e in exc.value.errors} == set(_blockers(world, d))
    assert _documents(world) == 0


def test_4_2_4_4_an_escort_no_longer_qualified_blocks_signing(world):
    # Once signed, the escort cannot be changed: an escort who may not accompany the drive
    # (under 3 years of driving, 4.2.4.4) is caught before anyone signs, not at departure.
    d = drive_ready_to_sign(world)
    with world.uow() as u:
        u.session.get(StaffUser, world.consultant.user_id).licence_first_issued = dt.date(2025, 1, 1)
        u.commit()
    assert _blockers(world, d) == ["escort_too_inexperienced"]
    with pytest.raises(ValidationFailed):
        _sign(world, d)
    assert _documents(world) == 0


def test_a_drive_changed_since_the_dialog_loaded_it_is_a_conflict_before_signing(world):
    d = drive_ready_to_sign(world)
    steps.record_check(
        world.uow(),
        actor=world.consultant,
        drive_id=d.id,
        expected_version=d.version,
        items=OK,
        odometer_out=1250,
        now=NOW,
    )  # another terminal, meanwhile
    with pytest.raises(Conflict):
        _blockers(world, d)  # the dialog's version: it reloads before anyone signs


def test_a_start_repeated_with_its_request_key_starts_the_drive_once(world):
    d = ready_drive(world)
    first = steps.start_drive(
        world.uow(), actor=world.consultant, drive_id=d.id, expected_version=d.version, now=NOW, request_key="s-1"
    )
    again = steps.start_drive(
        world.uow(),
        actor=world.consultant,
        drive_id=d.id,
        expected_version=d.version,
        now=NOW + dt.timedelta(seconds=3),
        request_key="s-1",
    )
    assert first.status == again.status == "out" and again.actual_start == first.actual_start == NOW
    assert again.version == first.version
    # Without the key the repeat is refused: the drive has already left.
    with pytest.raises(ShowroomError) as exc:
        steps.start_drive(world.uow(), actor=world.consultant, drive_id=d.id, expected_version=first.version, now=NOW)
    assert exc.value.code == "test_drive_not_booked"
