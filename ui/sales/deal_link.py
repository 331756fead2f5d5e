"""From a lead to its deal (issue #18.7: every step reachable from the lead): "Deal…" on the
leads page or on the visitor being served opens the lead's deal, creating it first through the
quote part's `app.sales.api.open_deal` when there is none (T/CSCA 120031 4.3.1: the sale starts
from the customer's intention)."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.sales.deal_steps import not_available
from ui.shell.ops import Op
from ui.shell.workers import run_op

# One request key per lead until its deal is opened: a second click, or a retry after a lost
# answer, opens the same deal instead of a second one (migration 0014's request keys). Dropped
# once the deal is open, so a later deal of the lead (the first one cancelled) is a new one.
_REQUEST_KEYS: dict[int, str] = {}


def _no_lead(parent: QWidget) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("DealLink", "Deal"),
        QCoreApplication.translate(
            "DealLink", "This visitor has no open lead of yours yet: record the model they are interested in first."
        ),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("no_lead")
    box.finished.connect(box.deleteLater)
    box.open()
    return box


def open_deal_for_lead(ctx, parent: QWidget, *, lead_id: int | None = None, visit_id: int | None = None) -> None:
    """Open the deal of the lead (or of the visit's lead); make it first if there is none."""

    def work():
        from app.sales.board import find_lead_deal

        return find_lead_deal(ctx.uow(), actor=ctx.actor, lead_id=lead_id, visit_id=visit_id)

    run_op(parent, work, lambda found: _found(ctx, parent, found))


def _found(ctx, parent: QWidget, found) -> None:
    from ui.sales.deal_page import open_deal_page

    if found.lead_id is None:
        parent.deal_message = _no_lead(parent)
    elif found.deal_id is not None:
        parent.deal_dialog = open_deal_page(ctx, parent, found.deal_id)
    else:
        _open_new_deal(ctx, parent, found.lead_id)


def _open_new_deal(ctx, parent: QWidget, lead_id: int) -> None:
    from ui.sales.deal_page import open_deal_page

    try:
        from app.sales.api import open_deal  # the quote part's service (issue #18.2)
    except ImportError:
        parent.deal_message = not_available(parent, QCoreApplication.translate("DealLink", "New deal"))
        return
    key = _REQUEST_KEYS.setdefault(lead_id, uuid.uuid4().hex)

    def work():
        return open_deal(ctx.uow(), actor=ctx.actor, lead_id=lead_id, request_key=key)

    def opened(deal) -> None:
        _REQUEST_KEYS.pop(lead_id, None)
        parent.deal_dialog = open_deal_page(ctx, parent, deal.id)

    Op(ctx, parent, work).on_success(opened).run()
