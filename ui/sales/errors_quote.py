"""User-facing messages of the sale's quote part (issue #18), keyed by ShowroomError / FieldError code.
(price_not_listed is the price part's, ui/sales/errors_price.py.)"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

# Shown beside the field.
FIELD_MESSAGES: dict[str, str] = {
    "vehicle_not_available": QT_TRANSLATE_NOOP(
        "Errors", "This car cannot be sold now (status {status}): choose a car in stock or on display."
    ),
    "vehicle_not_the_model": QT_TRANSLATE_NOOP("Errors", "This is not the deal's model: {model}."),
    "deal_past_quote": QT_TRANSLATE_NOOP(
        "Errors", "The deal already has a contract: change it by amending the contract."
    ),
    "price_item_wrong_kind": QT_TRANSLATE_NOOP("Errors", "This price list line cannot be used here."),
    "quantity_out_of_range": QT_TRANSLATE_NOOP("Errors", "A quantity is from 1 to {max}."),
    "promotion_not_valid": QT_TRANSLATE_NOOP("Errors", "The promotion {name} is not valid today."),
    "service_not_listed": QT_TRANSLATE_NOOP(
        "Errors", "The service {code} is not on the price list in force, or was chosen twice."
    ),
    "service_provider_required": QT_TRANSLATE_NOOP(
        "Errors", "Enter the provider the customer chose for the service {code}: the customer is free to choose."
    ),
    "discount_negative": QT_TRANSLATE_NOOP("Errors", "A discount cannot be negative: no surcharge beyond the list."),
    "discount_too_large": QT_TRANSLATE_NOOP("Errors", "The discount is larger than the priced lines."),
    "quote_valid_until_past": QT_TRANSLATE_NOOP("Errors", "The validity date has already passed."),
    "no_price_list_in_force": QT_TRANSLATE_NOOP("Errors", "No price list is in force today: publish one first."),
    "quote_superseded": QT_TRANSLATE_NOOP("Errors", "A newer revision of this quote exists."),
    "quote_already_signed": QT_TRANSLATE_NOOP("Errors", "This quote is already signed."),
    "discount_not_approved": QT_TRANSLATE_NOOP(
        "Errors", "The discount is above the store threshold: a sales manager must approve it first."
    ),
    "quote_expired": QT_TRANSLATE_NOOP("Errors", "The quote is no longer valid: save a new revision."),
    "quote_signature_required": QT_TRANSLATE_NOOP("Errors", "The customer must sign the quote."),
    "nothing_to_disclose": QT_TRANSLATE_NOOP("Errors", "There is nothing to disclose about this car."),
    "follow_up_staff_required": QT_TRANSLATE_NOOP("Errors", "Choose who follows the disclosure up."),
    "disclosure_signatures_required": QT_TRANSLATE_NOOP(
        "Errors", "The customer and the sales consultant must both sign the disclosure."
    ),
    "deal_lead_lost": QT_TRANSLATE_NOOP(
        "Errors", "This lead is marked lost: follow it up again on the leads page before opening a deal."
    ),
    "deal_lead_closed": QT_TRANSLATE_NOOP(
        "Errors", "This lead has already been sold: open a new lead for a new purchase."
    ),
    "disclosure_changed": QT_TRANSLATE_NOOP(
        "Errors", "The car's record changed while the disclosure was being signed: sign it again."
    ),
}
# Shown in a dialog.
ERROR_MESSAGES: dict[str, str] = {
    "not_your_customer": QT_TRANSLATE_NOOP("Errors", "This is another consultant's customer: ask a sales manager.")
}
