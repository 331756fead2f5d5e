"""User-facing messages of the sale's contract part (issue #18.4), keyed by ShowroomError /
FieldError code (T/CSCA 120031-2023 4.3.3; 办法 art. 15; 民法典 586)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

# Shown beside the field.
FIELD_MESSAGES: dict[str, str] = {
    # buyer's ID by type (app/sales/identity.py)
    "ric_length": QT_TRANSLATE_NOOP("Errors", "A resident ID number has 18 characters."),
    "ric_checksum": QT_TRANSLATE_NOOP(
        "Errors", "This resident ID number's check character is wrong: please re-type it."
    ),
    "ric_birth_date_or_region": QT_TRANSLATE_NOOP(
        "Errors", "This resident ID number has no valid birth date or region code."
    ),
    "uscc_length": QT_TRANSLATE_NOOP("Errors", "A unified social credit code has 18 characters."),
    "uscc_checksum": QT_TRANSLATE_NOOP("Errors", "This unified social credit code's check character is wrong."),
    "uscc_format": QT_TRANSLATE_NOOP(
        "Errors", "Enter the 18-character unified social credit code of the business licence."
    ),
    "passport_format": QT_TRANSLATE_NOOP("Errors", "A passport number has 5 to 20 letters and digits."),
    "residence_permit_format": QT_TRANSLATE_NOOP(
        "Errors", "A residence permit number has 18 digits and starts with 810000, 820000 or 830000."
    ),
    "residence_permit_checksum": QT_TRANSLATE_NOOP(
        "Errors", "This residence permit number's check character is wrong."
    ),
    "residence_permit_birth_date": QT_TRANSLATE_NOOP("Errors", "This residence permit number has no valid birth date."),
    "permanent_residence_format": QT_TRANSLATE_NOOP(
        "Errors", "Enter the 18-digit number starting with 9, or the older 3 letters and 12 digits."
    ),
    "permanent_residence_checksum": QT_TRANSLATE_NOOP(
        "Errors", "This permanent residence ID number's check character is wrong."
    ),
    # the contract's terms (app/sales/contract_terms.py)
    "loan_amount_range": QT_TRANSLATE_NOOP("Errors", "Enter a loan amount above 0 and at most the price."),
    "deposit_kind_required": QT_TRANSLATE_NOOP("Errors", "Say whether the deposit is 定金 or 订金."),
    "deposit_amount_required": QT_TRANSLATE_NOOP("Errors", "Enter the deposit amount."),
    "earnest_over_20_percent": QT_TRANSLATE_NOOP(
        "Errors", "A 定金 may not exceed 20 % of the contract price (Civil Code art. 586)."
    ),
    "deposit_over_price": QT_TRANSLATE_NOOP("Errors", "The deposit may not exceed the price."),
    "delivery_date_past": QT_TRANSLATE_NOOP("Errors", "The delivery date cannot be in the past."),
    "odometer_range": QT_TRANSLATE_NOOP("Errors", "Enter at most {max} km."),
    "amend_buyer_changed": QT_TRANSLATE_NOOP(
        "Errors", "An amendment keeps the buyer: end this contract and sign a new one instead."
    ),
    # what the deal needs first (app/sales/contract_draft.py)
    "deal_cancelled": QT_TRANSLATE_NOOP("Errors", "This deal is cancelled."),
    "contract_exists": QT_TRANSLATE_NOOP("Errors", "This deal already has a live contract."),
    "quote_not_signed": QT_TRANSLATE_NOOP("Errors", "The customer has not signed a quote yet."),
    "quote_other_vehicle": QT_TRANSLATE_NOOP("Errors", "The signed quote is for another car: sign a new quote."),
    "vehicle_missing": QT_TRANSLATE_NOOP("Errors", "No car is assigned to this deal yet."),
    "vehicle_not_available": QT_TRANSLATE_NOOP("Errors", "The car is not in stock or on display."),
    "vehicle_in_live_contract": QT_TRANSLATE_NOOP("Errors", "This car is already in another live contract."),
    "disclosure_required": QT_TRANSLATE_NOOP(
        "Errors", "The car's age or repairs must be disclosed and signed before the contract."
    ),
    "contract_signatures_required": QT_TRANSLATE_NOOP("Errors", "The customer and the consultant sign the contract."),
    "special_terms_signatures_required": QT_TRANSLATE_NOOP(
        "Errors", "The customer and the consultant sign the special terms separately."
    ),
    "entrustment_signatures_required": QT_TRANSLATE_NOOP(
        "Errors", "The customer and the consultant sign the agency service agreement separately."
    ),
    "contract_not_live": QT_TRANSLATE_NOOP("Errors", "This contract has already ended or been fulfilled."),
    # "Change status" and the sale (app/inventory/sale_moves.py)
    "status_sold_by_contract": QT_TRANSLATE_NOOP("Errors", "A car becomes sold only by signing its sales contract."),
    "status_delivered_by_handover": QT_TRANSLATE_NOOP("Errors", "A car is delivered only through its handover."),
    "status_held_by_contract": QT_TRANSLATE_NOOP(
        "Errors", "A live contract holds this car: a sales manager ends the contract first."
    ),
}
# Shown in a dialog.
ERROR_MESSAGES: dict[str, str] = {}
