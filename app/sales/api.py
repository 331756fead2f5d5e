"""The public module of sales: other features import what they need from here, never from its
other modules (README, Development; tests/unit/test_layers.py checks it)."""

from app.sales.handover import complete_handover, handover_checklist, schedule_delivery
from app.sales.handover_dto import HandoverChecklistDTO, HandoverDTO, HandoverInput
from app.sales.stages import Balance, balance_of, latest_contract, refresh_stage, stage_of

__all__ = [
    "Balance",
    "balance_of",
    "latest_contract",
    "refresh_stage",
    "stage_of",
    # The delivery handover (issue #18.6)
    "HandoverChecklistDTO",
    "HandoverDTO",
    "HandoverInput",
    "complete_handover",
    "handover_checklist",
    "schedule_delivery",
]
