"""PDI checklist rules without a database (新车售前检查, T/CSCA 120031-2023 4.4.1.1–4.4.1.4).

- the template format (resources/pdi/default.json): parsing and validation of a template
  definition, with every problem named by its place ("sections[2].items[4].id") so that an
  import reports all of them at once;
- which items apply to a car (by powertrain; retired items never apply);
- the technician's certificate rule (4.4.1.3);
- when an inspection may pass (4.4.1.2, 4.4.1.4).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from app.core.errors import FieldError, ShowroomError, ValidationFailed
from app.core.validation import clean_line
from app.pdi.coverage import Omission, omissions_to_json, parse_omissions
from db.models import Powertrain

TEMPLATE_FORMAT = "showroom-pdi-template"
ALL_BRANDS = "*"
ALL_POWERTRAINS = tuple(p.value for p in Powertrain)
VALUE_KINDS = ("number", "text")
ID_RE = re.compile(r"^[A-Z][A-Z0-9]{0,3}$")
ITEM_ID_RE = re.compile(r"^[A-Z][A-Z0-9]{0,3}\d{2}$", re.ASCII)
MAX_TEXT = 300
MAX_PHOTOS = 20


class ItemResult(StrEnum):
    OK = "ok"
    NOT_OK = "not_ok"
    NOT_APPLICABLE = "n_a"


class InspectionStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    PAUSED = "paused"
    FAILED = "failed"  # completed with defects still open: repair, re-check, complete again
    PASSED = "passed"
    # Left open on a checklist version that has since been replaced: a new inspection on
    # the current version took its place (the record stays, 4.4.1.4 traceability).
    REPLACED = "replaced"


class QueueState(StrEnum):
    """Where a sold or reserved car stands on the way to delivery (the PDI page's queue)."""

    AWAITING = "awaiting"  # no inspection yet (or only one of an outdated template)
    IN_PROGRESS = "in_progress"  # started or paused
    FAILED = "failed"
    PASSED = "passed"  # passed; the signed report may still be missing
    REPORTED = "reported"  # passed and the report signed by technician and customer


@dataclass(frozen=True)
class TemplateItem:
    id: str
    section: str
    zh: str
    en: str
    applies_to: tuple[str, ...] = ALL_POWERTRAINS
    value_kind: str | None = None
    value_unit: str = ""
    retired: bool = False
    photos: int = 0  # how many photos a pass needs (e.g. F01: 4 corners + odometer)
    covers: tuple[str, ...] = ()  # standard item ids it checks under another number (coverage.py)

    def applies(self, powertrain: str) -> bool:
        return not self.retired and powertrain in self.applies_to


@dataclass(frozen=True)
class TemplateSection:
    id: str
    zh: str
    en: str
    items: tuple[TemplateItem, ...]


@dataclass(frozen=True)
class TemplateDefinition:
    key: str
    brand: str
    title_zh: str
    title_en: str
    sections: tuple[TemplateSection, ...]
    # Parts of the standard checklist left out on purpose, each with its reason (4.4.1.2 b).
    omissions: tuple[Omission, ...] = ()

    def items(self) -> list[TemplateItem]:
        return [i for s in self.sections for i in s.items]

    def applicable(self, powertrain: str) -> list[TemplateItem]:
        """The items a car of this powertrain is inspected on, in checklist order."""
        return [i for i in self.items() if i.applies(powertrain)]

    def item(self, item_id: str) -> TemplateItem | None:
        return next((i for i in self.items() if i.id == item_id), None)

    def section(self, section_id: str) -> TemplateSection | None:
        return next((s for s in self.sections if s.id == section_id), None)


def _text(errors: list[FieldError], where: str, value, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors.append(FieldError(where, "pdi_template_not_text"))
        return ""
    value = clean_line(value)  # a label pasted into the checklist editor, on one line (issue #17.3)
    if required and not value:
        errors.append(FieldError(where, "required"))
    elif len(value) > limit:
        errors.append(FieldError(where, "too_long", {"max": limit}))
    return value


def _powertrains(errors: list[FieldError], where: str, value, default: tuple[str, ...]):
    if value is None:
        return default
    if not isinstance(value, list) or not value:
        errors.append(FieldError(where, "pdi_template_powertrains", {"allowed": ", ".join(ALL_POWERTRAINS)}))
        return default
    bad = [v for v in value if v not in ALL_POWERTRAINS]
    if bad:
        errors.append(
            FieldError(
                where,
                "pdi_template_powertrains",
                {"allowed": ", ".join(ALL_POWERTRAINS), "value": ", ".join(map(str, bad))},
            )
        )
        return default
    return tuple(p for p in ALL_POWERTRAINS if p in value)  # canonical order


def _value_kind(errors: list[FieldError], where: str, value) -> tuple[str | None, str]:
    """An item's value field: its kind (number or text) and unit, or none."""
    if value is None:
        return None, ""
    if not isinstance(value, dict) or value.get("kind") not in VALUE_KINDS:
        errors.append(FieldError(f"{where}.value", "pdi_template_value_kind", {"allowed": ", ".join(VALUE_KINDS)}))
        return None, ""
    return value["kind"], _text(errors, f"{where}.value.unit", value.get("unit"), required=False, limit=10)


def _unique_id(errors: list[FieldError], where: str, value, pattern: re.Pattern, seen: set[str], limit: int) -> str:
    found = _text(errors, where, value, limit=limit)
    if found and not pattern.match(found):
        errors.append(FieldError(where, "pdi_template_bad_id", {"value": found}))
    elif found in seen:
        errors.append(FieldError(where, "pdi_template_duplicate_id", {"value": found}))
    seen.add(found)
    return found


def _photos(errors: list[FieldError], where: str, value) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_PHOTOS:
        errors.append(FieldError(where, "pdi_template_photos", {"max": MAX_PHOTOS}))
        return 0
    return value


def _covers(errors: list[FieldError], where: str, value) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and ITEM_ID_RE.match(v) for v in value):
        errors.append(FieldError(where, "pdi_template_bad_id", {"value": str(value)[:60]}))
        return ()
    return tuple(value)


def _parse_item(
    errors: list[FieldError], where: str, item, section_id: str, sec_applies: tuple[str, ...], seen: set[str]
) -> TemplateItem | None:
    if not isinstance(item, dict):
        errors.append(FieldError(where, "pdi_template_not_object"))
        return None
    iid = _unique_id(errors, f"{where}.id", item.get("id"), ITEM_ID_RE, seen, 6)
    kind, unit = _value_kind(errors, where, item.get("value"))
    retired = item.get("retired", False)
    if not isinstance(retired, bool):
        errors.append(FieldError(f"{where}.retired", "pdi_template_not_boolean"))
        retired = False
    return TemplateItem(
        id=iid,
        section=section_id,
        zh=_text(errors, f"{where}.zh", item.get("zh")),
        en=_text(errors, f"{where}.en", item.get("en")),
        applies_to=_powertrains(errors, f"{where}.applies_to", item.get("applies_to"), sec_applies),
        value_kind=kind,
        value_unit=unit,
        retired=retired,
        photos=_photos(errors, f"{where}.photos", item.get("photos")),
        covers=_covers(errors, f"{where}.covers", item.get("covers")),
    )


def _parse_section(
    errors: list[FieldError], where: str, sec, seen_sections: set[str], seen_items: set[str]
) -> TemplateSection | None:
    if not isinstance(sec, dict):
        errors.append(FieldError(where, "pdi_template_not_object"))
        return None
    sid = _unique_id(errors, f"{where}.id", sec.get("id"), ID_RE, seen_sections, 4)
    szh = _text(errors, f"{where}.zh", sec.get("zh"))
    sen = _text(errors, f"{where}.en", sec.get("en"))
    sec_applies = _powertrains(errors, f"{where}.applies_to", sec.get("applies_to"), ALL_POWERTRAINS)
    items_in = sec.get("items")
    if not isinstance(items_in, list) or not items_in:
        errors.append(FieldError(f"{where}.items", "pdi_template_no_items"))
        items_in = []
    parsed = (
        _parse_item(errors, f"{where}.items[{ii}]", item, sid, sec_applies, seen_items)
        for ii, item in enumerate(items_in)
    )
    return TemplateSection(sid, szh, sen, tuple(i for i in parsed if i is not None))


def parse_definition(data) -> TemplateDefinition:
    """A template definition from its JSON form; ValidationFailed lists every problem with
    its place (field = JSON path), nothing is half-read."""
    errors: list[FieldError] = []
    if not isinstance(data, dict):
        raise ValidationFailed([FieldError("template", "pdi_template_not_object")])
    if data.get("format", TEMPLATE_FORMAT) != TEMPLATE_FORMAT:
        errors.append(FieldError("format", "pdi_template_format", {"expected": TEMPLATE_FORMAT}))
    key = _text(errors, "key", data.get("key"), limit=40)
    brand = _text(errors, "brand", data.get("brand", ALL_BRANDS), limit=60) or ALL_BRANDS
    title = data.get("title")
    title = title if isinstance(title, dict) else {}
    title_zh = _text(errors, "title.zh", title.get("zh"))
    title_en = _text(errors, "title.en", title.get("en"))
    sections_in = data.get("sections")
    if not isinstance(sections_in, list) or not sections_in:
        errors.append(FieldError("sections", "pdi_template_no_sections"))
        sections_in = []
    seen_sections: set[str] = set()
    seen_items: set[str] = set()
    parsed = (
        _parse_section(errors, f"sections[{si}]", sec, seen_sections, seen_items) for si, sec in enumerate(sections_in)
    )
    sections = [sec for sec in parsed if sec is not None]
    omissions = parse_omissions(errors, data.get("omissions"))
    if not errors and not any(not i.retired for s in sections for i in s.items):
        errors.append(FieldError("sections", "pdi_template_no_items"))
    if errors:
        raise ValidationFailed(errors)
    return TemplateDefinition(key, brand, title_zh, title_en, tuple(sections), omissions)


def definition_to_json(d: TemplateDefinition, version: int | None = None) -> dict:
    """The JSON form (the same shape as resources/pdi/default.json), for export and storage."""
    out: dict = {"format": TEMPLATE_FORMAT, "key": d.key, "brand": d.brand}
    if version is not None:
        out["version"] = version
    out["title"] = {"zh": d.title_zh, "en": d.title_en}
    out["sections"] = []
    for s in d.sections:
        items = []
        for i in s.items:
            item: dict = {"id": i.id, "zh": i.zh, "en": i.en}
            if i.applies_to != ALL_POWERTRAINS:
                item["applies_to"] = list(i.applies_to)
            if i.value_kind:
                item["value"] = {"kind": i.value_kind, "unit": i.value_unit}
            if i.photos:
                item["photos"] = i.photos
            if i.covers:
                item["covers"] = list(i.covers)
            if i.retired:
                item["retired"] = True
            items.append(item)
        out["sections"].append({"id": s.id, "zh": s.zh, "en": s.en, "items": items})
    if d.omissions:
        out["omissions"] = omissions_to_json(d.omissions)
    return out


def certificate_problem(certificate_no: str | None, expiry: dt.date | None, today: dt.date) -> str | None:
    """4.4.1.3: PDI is done by certified technicians. The error code when the technician's
    certificate is missing or no longer valid on `today` (store calendar day), else None."""
    if not (certificate_no or "").strip() or expiry is None:
        return "pdi_certificate_missing"
    if expiry < today:
        return "pdi_certificate_expired"
    return None


def check_certificate(certificate_no: str | None, expiry: dt.date | None, today: dt.date) -> None:
    code = certificate_problem(certificate_no, expiry, today)
    if code:
        raise ShowroomError(code, expiry=expiry.isoformat() if expiry else "")


@dataclass(frozen=True)
class ItemState:
    """What the pass rule needs of one recorded item."""

    item_id: str
    result: str | None
    note: str = ""


@dataclass(frozen=True)
class RepairState:
    item_id: str
    assembly: bool
    acknowledged: bool


def pass_blockers(items: list[ItemState], repairs: list[RepairState]) -> dict[str, list[str]]:
    """Why an inspection cannot pass yet, by reason (item ids); empty when it passes.

    4.4.1.2: every applicable item is checked and OK (not applicable only with a reason);
    4.4.1.4: every assembly (总成) repair has been disclosed to and acknowledged by the customer.
    """
    blockers: dict[str, list[str]] = {}
    for i in items:
        if i.result is None:
            blockers.setdefault("open", []).append(i.item_id)
        elif i.result == ItemResult.NOT_OK:
            blockers.setdefault("not_ok", []).append(i.item_id)
    for r in repairs:
        if r.assembly and not r.acknowledged:
            blockers.setdefault("unacknowledged", []).append(r.item_id)
    return blockers
