"""User-facing messages of the sale's handover part (issue #18.6; T/CSCA 120031 4.4.2, 《汽车销售管理办法》
art. 16, 三包规定 art. 9), keyed by ShowroomError / FieldError code."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP  # (context "Errors", like ui/shell/errors.py)

# Shown beside the field (and in the handover dialog's list of what still blocks it).
FIELD_MESSAGES: dict[str, str] = {
    "handover_already_done": QT_TRANSLATE_NOOP("Errors", "This car has already been handed over."),
    "handover_contract_not_live": QT_TRANSLATE_NOOP(
        "Errors", "The contract is cancelled or terminated: there is nothing to deliver."
    ),
    "handover_pdi_required": QT_TRANSLATE_NOOP(
        "Errors", "The car needs a passed PDI on the current checklist before delivery (4.4.1)."
    ),
    "handover_pdi_report_required": QT_TRANSLATE_NOOP(
        "Errors", "The signed PDI report is missing: issue it before delivery (4.4.1.4)."
    ),
    "handover_pdi_checklist_not_approved": QT_TRANSLATE_NOOP(
        "Errors", "The PDI checklist for this brand is not approved: no car passes it."
    ),
    "handover_car_not_contracted": QT_TRANSLATE_NOOP("Errors", "The car in stock is not the contract's car."),
    "handover_car_not_sold": QT_TRANSLATE_NOOP(
        "Errors", "The car is not sold under this contract (its status is {status}): it cannot be delivered."
    ),
    "handover_configuration_mismatch": QT_TRANSLATE_NOOP(
        "Errors", "The car's configuration differs from the contract's."
    ),
    "handover_balance_open": QT_TRANSLATE_NOOP("Errors", "The balance is not settled: ¥{open} still to pay."),
    "handover_invoice_not_recorded": QT_TRANSLATE_NOOP(
        "Errors", "Finance has not recorded the vehicle sales invoice yet."
    ),
    "handover_id_required": QT_TRANSLATE_NOOP("Errors", "Enter the number of the ID document shown."),
    "handover_id_mismatch": QT_TRANSLATE_NOOP(
        "Errors", "This ID is neither the buyer's on the contract nor the agent's."
    ),
    "handover_vin_mismatch": QT_TRANSLATE_NOOP("Errors", "The VIN read off the car is not the contract's."),
    "handover_document_missing": QT_TRANSLATE_NOOP("Errors", "Tick this document as handed over."),
    "handover_document_number_required": QT_TRANSLATE_NOOP("Errors", "Enter this document's number."),
    "handover_document_number_mismatch": QT_TRANSLATE_NOOP(
        "Errors", "The number differs from the records ({expected})."
    ),
    "handover_gifts_unticked": QT_TRANSLATE_NOOP("Errors", "Tick every gift and promise of the contract."),
    "handover_onboard_incomplete": QT_TRANSLATE_NOOP("Errors", "Tick every on-board item."),
    "handover_explanations_incomplete": QT_TRANSLATE_NOOP("Errors", "Explain and tick every point."),
    "handover_odometer_required": QT_TRANSLATE_NOOP("Errors", "Enter the odometer reading."),
    "handover_odometer_invalid": QT_TRANSLATE_NOOP("Errors", "The odometer reading cannot be negative."),
    "handover_odometer_over": QT_TRANSLATE_NOOP("Errors", "The contract allows at most {max} km on delivery."),
    "handover_signatures_required": QT_TRANSLATE_NOOP(
        "Errors", "The customer and the consultant both sign the handover record."
    ),
    "delivery_in_past": QT_TRANSLATE_NOOP("Errors", "Choose a time in the future."),
}
# Shown in a dialog.
ERROR_MESSAGES: dict[str, str] = {}
