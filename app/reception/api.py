"""The public module of reception: other features import what they need from here,
never from its other modules (README, Development; tests/unit/test_layers.py checks it)."""

from app.reception.dto import ChannelDTO, ConsentTextDTO
from app.reception.intentions import (
    IntentionCounts,
    Query,
    count_by,
    counted,
    intention_counts,
    new_intentions,
    retained_intentions,
)
from app.reception.lead_changes import follow_again_after_order, move_lead, note_test_drive
from app.reception.setup import current_consent_text, list_channels, list_consent_texts

__all__ = [
    "ChannelDTO",
    "ConsentTextDTO",
    "IntentionCounts",
    "Query",
    "count_by",
    "counted",
    "current_consent_text",
    "follow_again_after_order",
    "intention_counts",
    "list_channels",
    "list_consent_texts",
    "move_lead",
    "new_intentions",
    "note_test_drive",
    "retained_intentions",
]
