"""The showroom actions' cases for test_permissions.py (every action as every role), kept here
so the shared file only dispatches to them. Each case runs one service call as `actor` after
setting up what it needs as the sales manager."""

from __future__ import annotations

from app.core.permissions import Action
from app.showroom import cards, cards_floor
from app.inventory import vehicles
from tests.factories import vehicle_input


def _displayed(uow, manager):
    cards_floor.ensure_default_floor(uow())
    return vehicles.add_vehicle(uow(), actor=manager, data=vehicle_input(status="on_display"))


def _view(uow, actor, manager, tmp_path):
    _displayed(uow, manager)
    cards.board(uow(), actor=actor)


def _issue(uow, actor, manager, tmp_path):
    v = _displayed(uow, manager)
    cards.issue_card(uow(), actor=actor, vehicle_id=v.id)


def _floor(uow, actor, manager, tmp_path):
    v = _displayed(uow, manager)
    position = cards_floor.list_positions(uow(), actor=manager)[0]
    cards_floor.move_vehicle(uow(), actor=actor, vehicle_id=v.id, position_id=position.id)


def _promotion(uow, actor, manager, tmp_path):
    v = _displayed(uow, manager)
    cards_floor.set_promotion(uow(), actor=actor, vehicle_id=v.id, title="金融贴息", rules="首付三成，24 期免息")


CARD_CASES = {
    Action.VIEW_SHOWROOM: _view,
    Action.ISSUE_CARDS: _issue,
    Action.MANAGE_FLOOR: _floor,
    Action.MANAGE_PROMOTIONS: _promotion,
}


def test_every_showroom_action_has_a_case():
    assert {
        a for a in Action if a.value in {"view_showroom", "issue_cards", "manage_floor", "manage_promotions"}
    } == set(CARD_CASES)
