"""What changed in a signed PDF after the store's signature, and whether a reader would see it.

pyHanko's difference analysis is not enough on its own: it accepts a changed document title
or metadata as a harmless "LTA update", and reports nothing for bytes appended after %%EOF
(issue #15.5). So the verifier compares, object by object, the revision the store signed with
the file's last revision: page content and resources, every annotation (a new signature
field whose appearance paints a new price is an annotation), page geometry, the catalog, the
form and the document information, and names each difference. ISO 32000-1 §7.5.6
(incremental updates) is why a signed file can grow at all; §12.8.2.2 (DocMDP) is why the
store's documents allow no change: any later revision is reported, visible or not.

Only pyHanko's reader objects come in; pyHanko is imported by the caller (signing.py).
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass

# Keys that point back up the tree (page -> parent, annotation -> page): following them
# would compare the whole document again for every object.
_BACK_REFS = frozenset({"/Parent", "/P", "/Popup", "/IRT"})
_INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")  # ISO 32000-1 §7.7.3.4
_PAGE_CONTENT = frozenset({"/Contents", "/Resources"})
# Catalog entries whose change shows nothing on screen or on paper. Everything else in the
# catalog (open actions, JavaScript names, layers, bookmarks, viewer settings...) counts as
# visible: an unknown change is reported as the more serious kind.
_CATALOG_UNSEEN = frozenset({"/Metadata", "/DSS", "/Extensions", "/Version", "/Perms", "/Type"})
_CATALOG_OWN = frozenset({"/Pages", "/AcroForm"})  # compared on their own, below
_HIDDEN_FLAGS = 2 | 32  # annotation flags Hidden and NoView, ISO 32000-1 §12.5.3
_XMP_TITLE = re.compile(rb"<dc:title\b.*?</dc:title>", re.DOTALL)
_MAX_DEPTH = 60


@dataclass(frozen=True)
class Change:
    """One difference after signing. `kind` is a stable code the CLI and the GUI put in
    words; `page` is 1-based; `detail` is a PDF name (annotation subtype, catalog key)."""

    kind: str
    visible: bool
    page: int | None = None
    detail: str = ""


def _canon(obj, seen: frozenset = frozenset(), depth: int = 0):
    """A plain, comparable value for a PDF object and everything it references (indirect
    objects resolved in the revision the object was read from). Streams compare by the
    SHA-256 of their decoded data, so re-compressing the same content is not a change."""
    from pyhanko.pdf_utils import generic

    if depth > _MAX_DEPTH:
        return ("deep",)
    if isinstance(obj, generic.IndirectObject):
        key = obj.idnum
        if key in seen:
            return ("cycle",)
        return _canon(obj.get_object(), seen | {key}, depth + 1)
    if isinstance(obj, generic.StreamObject):
        try:
            data = obj.data
        except Exception:  # noqa: BLE001 - an undecodable stream: compare what is stored
            data = obj.encoded_data
        head = {k: v for k, v in obj.items() if k not in ("/Length", "/Filter", "/DecodeParms")}
        return (
            "stream",
            _canon(generic.DictionaryObject(head), seen, depth + 1),
            hashlib.sha256(data or b"").hexdigest(),
        )
    if isinstance(obj, generic.DictionaryObject):
        return (
            "dict",
            tuple(sorted((str(k), _canon(v, seen, depth + 1)) for k, v in obj.items() if k not in _BACK_REFS)),
        )
    if isinstance(obj, generic.ArrayObject | list | tuple):
        return ("array", tuple(_canon(v, seen, depth + 1) for v in obj))
    return (type(obj).__name__, str(obj))


def _pages(root) -> list[dict]:
    """The leaves of the page tree in order, each as {key: raw value} with the inheritable
    attributes filled in from the ancestors."""
    out: list[dict] = []

    def walk(node_ref, inherited: dict, seen: set) -> None:
        node = node_ref.get_object() if hasattr(node_ref, "get_object") else node_ref
        ident = getattr(node_ref, "idnum", id(node))
        if ident in seen or len(seen) > 100_000:
            return
        seen.add(ident)
        here = dict(inherited)
        for key in _INHERITED:
            if key in node:
                here[key] = node.raw_get(key)
        if _get(node, "/Type") == "/Pages" or "/Kids" in node:
            for kid in _raw_items(_get(node, "/Kids", ())):
                walk(kid, here, seen)
        else:
            page = {k: node.raw_get(k) for k in node if k != "/Parent"}
            page.update({k: v for k, v in here.items() if k not in page})
            out.append(page)

    walk(root.raw_get("/Pages"), {}, set())
    return out


def _raw_items(array) -> list:
    """An array's items with indirect references kept (iterating pyHanko's resolves them),
    so annotations are matched by object number, not by position."""
    raw_get = getattr(array, "raw_get", None)
    return [raw_get(i) for i in range(len(array))] if raw_get else list(array)


def _annotations(page: dict) -> dict:
    """Annotations of a page keyed by object number (direct ones by position)."""
    annots = _resolved(page.get("/Annots")) or []
    keyed = {}
    for pos, raw in enumerate(_raw_items(annots)):
        key = raw.idnum if hasattr(raw, "idnum") else f"direct{pos}"
        keyed[key] = raw
    return keyed


def _shown(annot_raw) -> bool:
    """Does a viewer draw this annotation? Not when flagged hidden, nor with a zero-size
    rectangle (how invisible signature fields are made)."""
    annot = annot_raw.get_object()
    try:
        if int(_get(annot, "/F", 0)) & _HIDDEN_FLAGS:
            return False
        x1, y1, x2, y2 = (float(v) for v in _get(annot, "/Rect"))
        return abs(x2 - x1) > 0 and abs(y2 - y1) > 0
    except Exception:  # noqa: BLE001 - no or odd /Rect: assume it shows
        return True


def _page_changes(number: int, before: dict, after: dict) -> list[Change]:
    changes = []
    if _canon([before.get(k) for k in sorted(_PAGE_CONTENT)]) != _canon([after.get(k) for k in sorted(_PAGE_CONTENT)]):
        changes.append(Change("page_content_changed", True, number))
    other = (set(before) | set(after)) - _PAGE_CONTENT - {"/Annots"}
    if any(_canon(before.get(k)) != _canon(after.get(k)) for k in sorted(other)):
        changes.append(Change("page_layout_changed", True, number))
    old, new = _annotations(before), _annotations(after)
    for key, raw in new.items():
        subtype = str(_get(raw.get_object(), "/Subtype", ""))
        if key not in old:
            changes.append(Change("annotation_added", _shown(raw), number, subtype))
        elif _canon(raw) != _canon(old[key]):
            changes.append(Change("annotation_changed", _shown(raw) or _shown(old[key]), number, subtype))
    for key, raw in old.items():
        if key not in new:
            changes.append(
                Change("annotation_removed", _shown(raw), number, str(_get(raw.get_object(), "/Subtype", "")))
            )
    return changes


def _resolved(obj):
    return obj.get_object() if obj is not None else None


def _get(obj, key: str, default=None):
    """`obj[key]` with indirect references resolved (pyHanko's `.get` returns them raw)."""
    return _resolved(obj.get(key)) if obj is not None and key in obj else default


def _titles(resolver) -> frozenset:
    """The titles a viewer may show: the information dictionary's and the XMP dc:title
    (viewers differ in which they prefer). Writing the same title into new XMP is no change."""
    titles = set()
    info = _resolved(resolver.trailer_view.get("/Info"))
    if info is not None and "/Title" in info:
        titles.add(str(_get(info, "/Title")).strip())
    try:
        meta = _get(resolver.root, "/Metadata")
        found = _XMP_TITLE.search(meta.data) if meta is not None else None
    except Exception:  # noqa: BLE001 - unreadable XMP: the information dictionary counts
        found = None
    if found:
        text = html.unescape(re.sub(r"<[^>]+>", "", found[0].decode("utf-8", "replace")))
        titles.add(text.strip())
    return frozenset(t for t in titles if t)


def _info_changes(before, after) -> list[Change]:
    """The document information dictionary and XMP metadata: the title is what a viewer
    shows in its title bar, so a new title is a visible change; the rest is not."""
    old_info, new_info = (_resolved(r.trailer_view.get("/Info")) or {} for r in (before, after))
    changes = []
    old_root, new_root = before.root, after.root
    if _titles(before) != _titles(after):
        changes.append(Change("title_changed", True))
    keys = sorted((set(old_info) | set(new_info)) - {"/Title"})
    changed = [k for k in keys if _canon(old_info.get(k)) != _canon(new_info.get(k))]
    if changed or _canon(old_root.get("/Metadata")) != _canon(new_root.get("/Metadata")):
        changes.append(Change("metadata_changed", False, None, ", ".join(k.lstrip("/") for k in changed)))
    return changes


def _catalog_changes(old_root, new_root) -> list[Change]:
    changes = []
    for key in sorted((set(old_root) | set(new_root)) - _CATALOG_OWN - {"/Metadata"}):
        if _canon(old_root.get(key)) != _canon(new_root.get(key)):
            changes.append(Change("catalog_changed", key not in _CATALOG_UNSEEN, None, key))
    old_form, new_form = _get(old_root, "/AcroForm"), _get(new_root, "/AcroForm")
    if _canon(old_form) != _canon(new_form):
        # Fields show through their widget annotations (compared per page); only a form
        # that asks viewers to redraw every field (/NeedAppearances) shows a bare value.
        redraw = bool(new_form is not None and _get(new_form, "/NeedAppearances", False))
        changes.append(Change("form_changed", redraw))
    return changes


def revision_changes(reader, signed_revision: int) -> list[Change]:
    """Every difference between revision `signed_revision` (0-based, as pyHanko counts)
    and the file's last revision. An added revision that differs in nothing reachable
    still counts: the file is not the one that was signed."""
    last = reader.xrefs.total_revisions - 1
    if last <= signed_revision:
        return []
    before = reader.get_historical_resolver(signed_revision)
    after = reader.get_historical_resolver(last)
    old_pages, new_pages = _pages(before.root), _pages(after.root)
    changes: list[Change] = []
    for number, (old, new) in enumerate(zip(old_pages, new_pages, strict=False), start=1):
        changes += _page_changes(number, old, new)
    for number in range(len(old_pages) + 1, len(new_pages) + 1):
        changes.append(Change("page_added", True, number))
    for number in range(len(new_pages) + 1, len(old_pages) + 1):
        changes.append(Change("page_removed", True, number))
    changes += _info_changes(before, after)
    changes += _catalog_changes(before.root, after.root)
    return changes or [Change("revision_added", False)]
