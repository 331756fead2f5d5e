"""The deal page's next-step buttons (issue #18.7): Quote…, Disclosure…, Contract…, Payment…,
Schedule / Handover…, Amend contract… and Cancel contract…, each opening the dialog of the
sales part that owns the step (imported when clicked). A button shows only what the user's role may do and what
the deal's stage allows; the services still decide (T/CSCA 120031 4.3-4.4.2: the rules live
there, a hidden button is only a convenience)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QWidget

from app.core.permissions import Action, can
from ui.widgets.buttons import action_button

CTX = "DealSteps"
BEFORE_CONTRACT = ("quote",)
LIVE_CONTRACT = ("contract", "awaiting_payment", "ready")


def _t(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def not_available(parent: QWidget, step: str) -> QMessageBox:
    """Said while a step's dialog is not part of this build yet."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        step,
        QCoreApplication.translate("DealSteps", "“{step}” is not available in this version yet.").format(step=step),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("step_not_available")
    box.finished.connect(box.deleteLater)
    box.open()
    return box


def _quote(ctx, parent, deal):
    from ui.sales.quote_dialog import open_quote_dialog

    return open_quote_dialog(ctx, parent, deal.id)


def _disclosure(ctx, parent, deal):
    from ui.sales.disclosure_dialog import open_disclosure_dialog

    return open_disclosure_dialog(ctx, parent, deal.id)


def _contract(ctx, parent, deal):
    from ui.sales.contract_dialog import open_contract_dialog

    return open_contract_dialog(ctx, parent, deal.id)


def _payment(ctx, parent, deal):
    from ui.finance.api import open_payment_dialog

    return open_payment_dialog(ctx, parent, deal.contract_id)


def _handover(ctx, parent, deal):
    from ui.sales.handover_dialog import open_handover_dialog

    return open_handover_dialog(ctx, parent, deal.id)


def _amend_contract(ctx, parent, deal):
    from ui.sales.amend_contract_dialog import open_amend_contract_dialog

    return open_amend_contract_dialog(ctx, parent, deal.id)


def _end_contract(ctx, parent, deal):
    from ui.sales.end_contract_dialog import open_end_contract_dialog

    return open_end_contract_dialog(ctx, parent, deal.id)


@dataclass(frozen=True)
class Step:
    name: str  # the button's object name
    text: str  # English source, translated in the "DealSteps" context
    opener: Callable
    who: tuple[Action, ...]  # shown to users allowed any of these
    stages: tuple[str, ...]  # deal stages it applies to
    needs_car: bool = False  # only once a car (VIN) is assigned to the deal
    also: tuple[Action, ...] = ()  # and allowed all of these too


STEPS = (
    Step("step_quote", QT_TRANSLATE_NOOP("DealSteps", "Quote…"), _quote, (Action.SELL,), BEFORE_CONTRACT),
    # 4.2.3.4, 三包 art. 32: what is disclosed is about one car, so only once the VIN is chosen.
    Step(
        "step_disclosure",
        QT_TRANSLATE_NOOP("DealSteps", "Disclosure…"),
        _disclosure,
        (Action.SELL,),
        BEFORE_CONTRACT,
        needs_car=True,
    ),
    Step("step_contract", QT_TRANSLATE_NOOP("DealSteps", "Contract…"), _contract, (Action.SELL,), BEFORE_CONTRACT),
    Step(
        "step_payment", QT_TRANSLATE_NOOP("DealSteps", "Payment…"), _payment, (Action.RECORD_PAYMENTS,), LIVE_CONTRACT
    ),
    Step(
        "step_handover",
        QT_TRANSLATE_NOOP("DealSteps", "Schedule / Handover…"),
        _handover,
        (Action.SELL, Action.DELIVER_VEHICLE),
        LIVE_CONTRACT,
    ),
    # An amendment sells again and voids the old version: a sales manager's pair of rights.
    Step(
        "step_amend_contract",
        QT_TRANSLATE_NOOP("DealSteps", "Amend contract…"),
        _amend_contract,
        (Action.VOID_DOCUMENTS,),
        LIVE_CONTRACT,
        also=(Action.SELL,),
    ),
    Step(
        "step_end_contract",
        QT_TRANSLATE_NOOP("DealSteps", "Cancel contract…"),
        _end_contract,
        (Action.END_CONTRACTS,),
        LIVE_CONTRACT,
    ),
)


class DealSteps(QHBoxLayout):
    """The row of step buttons under the deal's history."""

    def __init__(self, ctx, page: QWidget) -> None:
        super().__init__()
        self.ctx, self.page = ctx, page
        self.deal = None
        self.opened = None  # the dialog last opened (tests and the page keep it alive)
        self.buttons = {}
        for step in STEPS:
            button = action_button(_t(step.text), step.name, lambda s=step: self.open_step(s.opener, s.text))
            self.buttons[step.name] = button
            self.addWidget(button)
        self.addStretch(1)

    def show_for(self, deal) -> None:
        """Show the steps this user may take at this deal's stage."""
        self.deal = deal
        roles = self.ctx.actor.roles
        for step in STEPS:
            allowed = (
                deal is not None
                and any(can(roles, a) for a in step.who)
                and all(can(roles, a) for a in step.also)
                and deal.stage in step.stages
                and (deal.vehicle_id is not None or not step.needs_car)
            )
            self.buttons[step.name].setVisible(allowed)

    def open_step(self, opener: Callable, text: str):
        if self.deal is None:
            return None
        try:
            self.opened = opener(self.ctx, self.page, self.deal)
        except ImportError:
            self.opened = not_available(self.page, _t(text).rstrip("…"))
        return self.opened
