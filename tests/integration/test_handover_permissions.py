"""Who may hand a car over (issue #18.6, T/CSCA 120031 4.4.2): the DELIVER_VEHICLE case of
perm_cases_handover.py run as every role against the matrix (consultant and sales manager), until
test_permissions.py runs it itself."""

from __future__ import annotations

import pytest

from app.core.errors import PermissionDenied, ValidationFailed
from app.core.permissions import MATRIX, Action
from db.models import Role
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401  (fixture)
from tests.integration.perm_cases_handover import CASES

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_only_consultants_and_managers_hand_over_4_4_2(uow, tmp_path, role):
    make_store(uow)
    manager, actor = make_user(uow, Role.SALES_MANAGER), make_user(uow, role)
    assert (role in MATRIX[Action.DELIVER_VEHICLE]) == (role in {Role.CONSULTANT, Role.SALES_MANAGER})
    if role in MATRIX[Action.DELIVER_VEHICLE]:
        with pytest.raises(ValidationFailed) as e:  # allowed: refused by the steps (no PDI, not paid)
            CASES[Action.DELIVER_VEHICLE](uow, actor, manager, tmp_path)
        assert {"pdi", "balance"} <= {f.field for f in e.value.errors}
    else:
        with pytest.raises(PermissionDenied):
            CASES[Action.DELIVER_VEHICLE](uow, actor, manager, tmp_path)
