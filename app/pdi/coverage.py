"""Does a checklist cover the standard one? (T/CSCA 120031-2023 4.4.1.2 b: PDI items "no fewer
than" the CADA guide; issue #17.)

The standard is the default checklist (resources/pdi/default.json). A checklist covers a
standard item when one of its active items has the same id, or names it in `covers` (a
brand's own numbering), for every powertrain the standard item applies to. What it leaves
out must be named in the checklist's `omissions`, each with its reason:

    "omissions": [{"section": "B", "reason": "本品牌仅销售纯电动车"},
                  {"item": "N05", "reason": "本店无直流快充设备"}]

and such a checklist becomes current only when an administrator approves the named
omissions when publishing it. Pure rules, no database: templates.py enforces them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.errors import FieldError
from app.core.validation import clean_text

if TYPE_CHECKING:
    from app.pdi.rules import TemplateDefinition

MAX_REASON = 300


@dataclass(frozen=True)
class Omission:
    """A part of the standard checklist left out on purpose: a whole section or one item."""

    section: str  # a section id, "" when one item is named
    item: str  # an item id, "" when a whole section is named
    reason: str

    @property
    def omitted(self) -> str:
        return self.item or self.section


@dataclass(frozen=True)
class Gap:
    """A standard section or item the checklist does not cover."""

    section: str
    item: str  # "" = the whole section
    zh: str
    en: str
    powertrains: tuple[str, ...] = ()  # only these are uncovered; () = all of them

    @property
    def omitted(self) -> str:
        return self.item or self.section


def parse_omissions(errors: list[FieldError], value) -> tuple[Omission, ...]:
    """The `omissions` list of a checklist's JSON form; problems named by their place."""
    if value is None:
        return ()
    if not isinstance(value, list):
        errors.append(FieldError("omissions", "pdi_template_not_list"))
        return ()
    out: list[Omission] = []
    for n, o in enumerate(value):
        where = f"omissions[{n}]"
        if not isinstance(o, dict) or not isinstance(o.get("section", o.get("item")), str):
            errors.append(FieldError(where, "pdi_omission_bad"))
            continue
        reason = o.get("reason")
        reason = clean_text(reason) if isinstance(reason, str) else ""  # as pasted (issue #17.3)
        if not reason:
            errors.append(
                FieldError(
                    f"{where}.reason", "pdi_omission_needs_reason", {"omitted": o.get("item") or o.get("section")}
                )
            )
        elif len(reason) > MAX_REASON:
            errors.append(FieldError(f"{where}.reason", "too_long", {"max": MAX_REASON}))
        item = str(o["item"]) if isinstance(o.get("item"), str) else ""
        section = "" if item else str(o.get("section"))
        out.append(Omission(section.strip(), item.strip(), reason))
    return tuple(out)


def omissions_to_json(omissions: tuple[Omission, ...]) -> list[dict]:
    return [
        {"item": o.item, "reason": o.reason} if o.item else {"section": o.section, "reason": o.reason}
        for o in omissions
    ]


def _covered(d: TemplateDefinition) -> dict[str, set[str]]:
    """Standard item id -> the powertrains some active item of `d` checks it for."""
    covered: dict[str, set[str]] = {}
    for i in d.items():
        if not i.retired:
            for standard_id in (i.id, *i.covers):
                covered.setdefault(standard_id, set()).update(i.applies_to)
    return covered


def gaps(d: TemplateDefinition, standard: TemplateDefinition) -> list[Gap]:
    """What `d` leaves out of `standard`: a whole section when none of its items is covered,
    else the items one by one (with the powertrains left out when only some are)."""
    covered = _covered(d)
    out: list[Gap] = []
    for sec in standard.sections:
        active = [si for si in sec.items if not si.retired]
        missing: list[Gap] = []
        for si in active:
            left = tuple(p for p in si.applies_to if p not in covered.get(si.id, ()))
            if left:
                partial = left if len(left) < len(si.applies_to) else ()
                missing.append(Gap(sec.id, si.id, si.zh, si.en, partial))
        if active and len(missing) == len(active) and not any(g.powertrains for g in missing):
            out.append(Gap(sec.id, "", sec.zh, sec.en))
        else:
            out.extend(missing)
    return out


def _names(o: Omission, g: Gap) -> bool:
    return (o.item != "" and o.item == g.item) or (o.item == "" and o.section == g.section)


def coverage_problems(d: TemplateDefinition, standard: TemplateDefinition, *, approved: bool) -> list[FieldError]:
    """4.4.1.2 b: every gap named with its reason, no omission naming something covered, and
    the named omissions approved. Empty when the checklist may become current."""
    found = gaps(d, standard)
    errors: list[FieldError] = []
    for g in found:
        if not any(_names(o, g) for o in d.omissions):
            params = {
                "omitted": g.omitted,
                "kind": "item" if g.item else "section",
                "zh": g.zh,
                "en": g.en,
                "powertrains": ", ".join(g.powertrains),
            }
            errors.append(FieldError("omissions", "pdi_omission_unnamed", params))
    for n, o in enumerate(d.omissions):
        if not any(_names(o, g) for g in found):
            errors.append(FieldError(f"omissions[{n}]", "pdi_omission_not_omitted", {"omitted": o.omitted}))
    if approved:
        return errors
    # Every named omission awaits the approval, listed with the parts not yet named, so that
    # the approval step shows the whole list at once.
    return errors + [
        FieldError(
            f"omissions[{n}]",
            "pdi_omission_unapproved",
            {"omitted": o.omitted, "reason": o.reason, **_text(o, standard)},
        )
        for n, o in enumerate(d.omissions)
    ]


def _text(o: Omission, standard: TemplateDefinition) -> dict[str, str]:
    """What the omitted part is called in the standard checklist (for the approval step)."""
    part = standard.item(o.item) if o.item else standard.section(o.section)
    kind = "item" if o.item else "section"
    return {"kind": kind, "zh": part.zh, "en": part.en} if part else {"kind": kind, "zh": "", "en": ""}
