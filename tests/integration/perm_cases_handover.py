"""Permission cases of the sale's handover services (issue #18.6), run by test_permissions.py: each
action maps to a function (uow, actor, manager, tmp_path) that performs it once as `actor`.

DELIVER_VEHICLE (4.4.2: the consultant who sold the car, or a manager) is the handover itself. The
case hands over a contract of the actor's own deal that is not ready (no PDI, nothing paid): a role
the matrix allows reaches the steps and is refused by them (validation_failed), any other is
refused before."""

from __future__ import annotations

from app.core.permissions import Action
from app.sales import api as sales
from tests.factories import make_user
from tests.handover_factories import handover_signatures
from tests.sales_factories import BUYER_ID, make_contract, make_price_list


def _deliver(uow, actor, manager, tmp_path):
    from db.models import Role

    make_price_list(uow, manager)
    seller = actor if actor.has(Role.CONSULTANT) else make_user(uow, Role.CONSULTANT)
    _, contract_id = make_contract(uow, seller, manager)
    sales.complete_handover(
        uow(),
        actor=actor,
        contract_id=contract_id,
        data=sales.HandoverInput(id_number=BUYER_ID, odometer_km=5),
        signatures=handover_signatures(),
    )


CASES: dict = {Action.DELIVER_VEHICLE: _deliver}
RULE_REFUSALS: set = {(Action.DELIVER_VEHICLE, "validation_failed")}
