"""User-facing messages of finance (issue #18.5), keyed by ShowroomError / FieldError code."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

# Shown beside the field.
FIELD_MESSAGES: dict[str, str] = {
    "amount_not_positive": QT_TRANSLATE_NOOP("Errors", "Enter an amount above zero."),
    "amount_too_large": QT_TRANSLATE_NOOP("Errors", "That amount is not plausible: at most {max}."),
    "payment_method_unknown": QT_TRANSLATE_NOOP("Errors", "Choose how the money was paid."),
    "payment_kind_unknown": QT_TRANSLATE_NOOP("Errors", "Choose what the payment is for."),
    "contract_not_live": QT_TRANSLATE_NOOP(
        "Errors", "The contract is {status}: no money is taken against it (a refund is requested instead)."
    ),
    "over_open_balance": QT_TRANSLATE_NOOP("Errors", "More than the open balance of {open}."),
    "earnest_not_agreed": QT_TRANSLATE_NOOP(
        "Errors", "The contract agreed no earnest money (定金): record it as an advance payment (订金) or down payment."
    ),
    "earnest_beyond_contract": QT_TRANSLATE_NOOP(
        "Errors", "Beyond the earnest money (定金) the contract agreed: at most {left} more."
    ),
    "agency_fee_beyond_services": QT_TRANSLATE_NOOP(
        "Errors", "Beyond the agency services the customer opted into ({fees} in all)."
    ),
    "refund_over_paid": QT_TRANSLATE_NOOP(
        "Errors", "More than was paid (net of refunds paid or waiting): at most {left}."
    ),
    "rejection_reason_required": QT_TRANSLATE_NOOP("Errors", "Say why the refund is rejected."),
    "refund_not_pending": QT_TRANSLATE_NOOP("Errors", "This refund was already decided ({status})."),
    "refund_own_request": QT_TRANSLATE_NOOP(
        "Errors", "You asked for this refund yourself: another sales manager decides it."
    ),
    "refund_not_approved": QT_TRANSLATE_NOOP(
        "Errors", "This refund is {status}: only a refund a sales manager approved is paid."
    ),
    "invoice_no_format": QT_TRANSLATE_NOOP("Errors", "An invoice number is 8 to 20 digits."),
    "invoice_no_taken": QT_TRANSLATE_NOOP("Errors", "This invoice number is already recorded on another contract."),
    "invoice_date_future": QT_TRANSLATE_NOOP("Errors", "The invoice date cannot be in the future."),
    "invoice_date_before_contract": QT_TRANSLATE_NOOP("Errors", "The invoice date is before the contract was signed."),
    "balance_open": QT_TRANSLATE_NOOP(
        "Errors", "{open} is still open: the statement is issued once the balance is paid or covered by a loan."
    ),
    "settlement_signatures_required": QT_TRANSLATE_NOOP("Errors", "The customer and finance both sign the statement."),
    "cash_report_range": QT_TRANSLATE_NOOP(
        "Errors", "The last day must not be before the first, and the report covers at most {max} days."
    ),
}
# Shown in a dialog.
ERROR_MESSAGES: dict[str, str] = {}
