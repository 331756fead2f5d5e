"""Every service action run as every role: allowed or refused exactly as app.core.permissions.MATRIX says.

An action "allowed" may still fail for a business reason (e.g. delivery needs a PDI); what is
checked here is only that PermissionDenied is raised exactly when the matrix forbids it.
"""

from __future__ import annotations

import pytest

from app.core.errors import OverrideRequired, PermissionDenied, ShowroomError
from app.core.permissions import MATRIX, Action
from app.staff import auth
from app.documents import certificates, documents
from app.store import store
from app.inventory import vehicles
from db.models import Role
from tests.factories import (
    isolated_data_dir,
    make_document,
    make_store,  # noqa: F401
    make_user,
    make_vin,
    vehicle_input,
)
from tests.integration.test_cards_permissions import CARD_CASES
from tests.integration.test_pdi_permissions import PDI_CASES, PDI_RULE_REFUSALS
from tests.integration.test_privacy_permissions import PRIVACY_CASES, PRIVACY_RULE_REFUSALS
from tests.integration.perm_cases_complaints import CASES as COMPLAINT_CASES  # issue #19.3
from tests.integration.test_reception_permissions import RECEPTION_CASES, reception_allowed
from tests.integration.test_test_drive_permissions import TEST_DRIVE_CASES, TEST_DRIVE_RULE_REFUSALS
from tests.integration import (
    perm_cases_board,
    perm_cases_care,
    perm_cases_contract,
    perm_cases_finance,
    perm_cases_handover,
    perm_cases_kpis,
    perm_cases_price,
    perm_cases_quote,
)

# Issue #18: the sale's cases, one file per part (each part's tests keep its own).
SALES_PARTS = (
    perm_cases_board,
    perm_cases_price,
    perm_cases_quote,
    perm_cases_contract,
    perm_cases_finance,
    perm_cases_handover,
    perm_cases_care,  # issue #19: customer care's tasks, surveys and recovery
    perm_cases_kpis,  # issue #20: the figures, their targets and the audit pack
)
SALES_CASES = {a: f for part in SALES_PARTS for a, f in part.CASES.items()}
SALES_RULE_REFUSALS = {r for part in SALES_PARTS for r in part.RULE_REFUSALS}

# Issuing documents makes the store's certificate, whose key file lives in the data dir.
pytestmark = pytest.mark.usefixtures("isolated_data_dir")


def _bad_check_digit_vin() -> str:
    good = make_vin()
    return good[:8] + ("0" if good[8] != "0" else "1") + good[9:]


def _run(action: Action, uow, actor, manager, tmp_path):
    if action is Action.VIEW_VEHICLES:
        vehicles.list_vehicles(uow(), actor=actor)
    elif action is Action.EDIT_VEHICLES:
        vehicles.add_vehicle(uow(), actor=actor, data=vehicle_input())
    elif action is Action.CHANGE_VEHICLE_STATUS:
        v = vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input())
        vehicles.change_status(uow(), actor=actor, vehicle_id=v.id, expected_version=v.version, new_status="on_display")
    elif action is Action.IMPORT_VEHICLES:
        from app.inventory.vehicle_io import export_vehicles, import_vehicles

        path = tmp_path / "cars.csv"
        vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input())
        export_vehicles(uow(), actor=manager, path=path)
        import_vehicles(uow(), actor=actor, path=path)
    elif action is Action.EXPORT_VEHICLES:
        from app.inventory.vehicle_io import export_vehicles

        export_vehicles(uow(), actor=actor, path=tmp_path / "out.xlsx")
    elif action is Action.OVERRIDE_VIN_CHECK:
        # Overriding needs the edit right as well; an actor without it is refused before.
        vehicles.add_vehicle(
            uow(), actor=actor, data=vehicle_input(vin=_bad_check_digit_vin()), vin_override_reason="nameplate checked"
        )
    elif action is Action.VIEW_STAFF:
        auth.list_staff(uow(), actor=actor)
    elif action is Action.MANAGE_USERS:
        auth.create_user(
            uow(), actor=actor, username="new.user", full_name="N", password="long-enough", roles=["reception"]
        )
    elif action is Action.EDIT_STORE:
        s = store.get_store(uow())
        store.update_store(
            uow(),
            actor=actor,
            expected_version=s.version,
            legal_name=s.legal_name,
            address=s.address,
            sales_hotline="021-64000009",
            complaint_phone=s.complaint_phone,
        )
    elif action is Action.VIEW_DOCUMENTS:
        documents.list_documents(uow(), actor=actor)
    elif action is Action.ISSUE_DOCUMENTS:
        make_document(uow, actor)
    elif action is Action.ISSUE_STORE_NOTICE:
        documents.issue_store_notice(uow(), actor=actor, language="zh")
    elif action is Action.VOID_DOCUMENTS:
        doc = make_document(uow, manager)
        documents.void_document(uow(), actor=actor, document_id=doc.id, reason="issued by mistake")
    elif action is Action.PRINT_DOCUMENTS:
        doc = make_document(uow, manager)
        documents.record_print(uow(), actor=actor, document_id=doc.id, printer="Front desk")
    elif action is Action.MANAGE_CERTIFICATE:
        certificates.create_certificate(uow(), actor=actor)
    elif action is Action.MANAGE_BACKUPS:  # issue #15.9: its own right, no longer EDIT_STORE
        from app.store.backup import list_backups

        list_backups(tmp_path, actor=actor)
    elif action in RECEPTION_CASES:  # issue #4: cases in test_reception_permissions.py
        RECEPTION_CASES[action](uow, actor, manager, tmp_path)
    elif action in CARD_CASES:  # issue #5: cases in test_cards_permissions.py
        CARD_CASES[action](uow, actor, manager, tmp_path)
    elif action in MODULE_CASES:  # issues #6, #7, #9: cases beside each module's tests
        MODULE_CASES[action](uow, actor, manager, tmp_path)
    else:  # a new action without a case here fails loudly
        raise AssertionError(f"no permission test for {action}")


MODULE_CASES = {**TEST_DRIVE_CASES, **PDI_CASES, **PRIVACY_CASES, **SALES_CASES, **COMPLAINT_CASES}
RULE_REFUSALS = {
    (Action.DELIVER_VEHICLE, "pdi_required"),
    (Action.OVERRIDE_VIN_CHECK, "override_required"),
    *TEST_DRIVE_RULE_REFUSALS,
    *PDI_RULE_REFUSALS,
    *PRIVACY_RULE_REFUSALS,
    *SALES_RULE_REFUSALS,
}


def _allowed(action: Action, role: Role) -> bool:
    if action in RECEPTION_CASES:
        return reception_allowed(action, role, MATRIX)
    if action is Action.OVERRIDE_VIN_CHECK:
        return role in MATRIX[action] and role in MATRIX[Action.EDIT_VEHICLES]
    if action is Action.DELIVER_VEHICLE:
        return role in MATRIX[action] and role in MATRIX[Action.CHANGE_VEHICLE_STATUS]
    if action is Action.ISSUE_STORE_NOTICE:
        return role in MATRIX[action] and role in MATRIX[Action.ISSUE_DOCUMENTS]
    return role in MATRIX[action]


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
@pytest.mark.parametrize("action", list(Action), ids=lambda a: a.value)
def test_every_action_as_every_role(uow, tmp_path, action, role):
    make_store(uow)
    manager = make_user(uow, Role.SALES_MANAGER)
    actor = make_user(uow, role)
    if _allowed(action, role):
        try:
            _run(action, uow, actor, manager, tmp_path)
        except PermissionDenied:
            pytest.fail(f"{role} was refused {action} although the matrix allows it")
        except ShowroomError as e:
            # Allowed by the matrix, refused by a business rule: fine here, but only these.
            assert (action, e.code) in RULE_REFUSALS, e
            if action is Action.OVERRIDE_VIN_CHECK:
                pytest.fail(f"{role} may override but the override was refused")
    else:
        # An editor without the override right gets "needs a sales manager" rather than a bare refusal.
        refusal = (PermissionDenied, OverrideRequired) if action is Action.OVERRIDE_VIN_CHECK else PermissionDenied
        with pytest.raises(refusal):
            _run(action, uow, actor, manager, tmp_path)


def test_matrix_covers_every_action():
    assert set(MATRIX) == set(Action)


def test_replacing_a_document_needs_the_void_right_too(uow):
    make_store(uow)
    consultant = make_user(uow, Role.CONSULTANT)
    doc = make_document(uow, consultant, doc_type="test_drive_agreement", subject_type="test_drive")
    with pytest.raises(PermissionDenied):
        make_document(
            uow,
            consultant,
            doc_type="test_drive_agreement",
            subject_type="test_drive",
            replaces=doc.number,
            reason="typo",
        )


def test_a_vehicle_card_is_routinely_replaced_by_whoever_may_issue_it_4_2_1_2(uow):
    # 一车一卡: a changed price must be answered by a new card, without a manager.
    make_store(uow)
    consultant = make_user(uow, Role.CONSULTANT)
    doc = make_document(uow, consultant)
    again = make_document(uow, consultant, replaces=doc.number, reason="price changed")
    assert (again.number, again.version) == (doc.number, 2)
