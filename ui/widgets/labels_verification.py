"""Translated words for what signature verification found (issue #15.5): the verdicts added
for changes nobody sees and for replaced or voided versions, and each change the verifier
names (app.documents.revisions.Change). Used by the documents page and the PDF preview."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

CTX = "Verification"

VERDICT = {
    "changed_unseen": QT_TRANSLATE_NOOP(
        "Verification",
        "Warning: this file was changed after it was signed. Nothing shown on "
        "its pages changed, but it is not the file this store signed.",
    ),
    "superseded": QT_TRANSLATE_NOOP(
        "Verification",
        "This version is unchanged since this store signed it, but it was "
        "replaced by version {version}. Do not rely on it; use the current version.",
    ),
    "voided": QT_TRANSLATE_NOOP(
        "Verification", "This document is unchanged since this store signed it, but it was voided. Do not rely on it."
    ),
}

CHANGE = {
    "signature_broken": QT_TRANSLATE_NOOP(
        "Verification", "The signed content no longer matches the signature (edited or rewritten)."
    ),
    "page_content_changed": QT_TRANSLATE_NOOP("Verification", "Page {page}: content changed."),
    "page_layout_changed": QT_TRANSLATE_NOOP("Verification", "Page {page}: page size, crop box or rotation changed."),
    "annotation_added": QT_TRANSLATE_NOOP("Verification", "Page {page}: {what} added."),
    "annotation_changed": QT_TRANSLATE_NOOP("Verification", "Page {page}: {what} changed."),
    "annotation_removed": QT_TRANSLATE_NOOP("Verification", "Page {page}: {what} removed."),
    "annotation_added_hidden": QT_TRANSLATE_NOOP("Verification", "Page {page}: hidden {what} added."),
    "annotation_changed_hidden": QT_TRANSLATE_NOOP("Verification", "Page {page}: hidden {what} changed."),
    "annotation_removed_hidden": QT_TRANSLATE_NOOP("Verification", "Page {page}: hidden {what} removed."),
    "page_added": QT_TRANSLATE_NOOP("Verification", "Page {page} added."),
    "page_removed": QT_TRANSLATE_NOOP("Verification", "Page {page} removed."),
    "title_changed": QT_TRANSLATE_NOOP("Verification", "Document title changed."),
    "metadata_changed": QT_TRANSLATE_NOOP("Verification", "Document metadata changed."),
    "catalog_changed": QT_TRANSLATE_NOOP("Verification", "Document settings changed ({what})."),
    "form_changed": QT_TRANSLATE_NOOP("Verification", "Form fields changed."),
    "bytes_appended": QT_TRANSLATE_NOOP("Verification", "Data was appended after the end of the signed file."),
    "revision_added": QT_TRANSLATE_NOOP("Verification", "A revision was added after signing."),
    "revision_unreadable": QT_TRANSLATE_NOOP("Verification", "A revision that cannot be read was added after signing."),
}

ANNOTATION = {  # PDF annotation subtypes (ISO 32000-1 §12.5.6) a forger would use
    "/Widget": QT_TRANSLATE_NOOP("Verification", "form or signature field"),
    "/FreeText": QT_TRANSLATE_NOOP("Verification", "text box"),
    "/Stamp": QT_TRANSLATE_NOOP("Verification", "stamp"),
    "/Text": QT_TRANSLATE_NOOP("Verification", "note"),
    "/Ink": QT_TRANSLATE_NOOP("Verification", "drawing"),
    "/Link": QT_TRANSLATE_NOOP("Verification", "link"),
}
OTHER_ANNOTATION = QT_TRANSLATE_NOOP("Verification", "annotation")
HEADING = QT_TRANSLATE_NOOP("Verification", "What changed after signing:")


def _tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def verdict_text(result) -> str | None:
    """The sentence for the verdicts this module owns; None for the others."""
    text = VERDICT.get(result.status)
    if text is None:
        return None
    return _tr(text).format(version=getattr(result, "replaced_by_version", None) or "?")


def change_text(change) -> str:
    """One named change in the user's language, e.g. "Page 1: text box added."."""
    key = change.kind
    if key.startswith("annotation_") and not change.visible:
        key += "_hidden"
    text = CHANGE.get(key)
    if text is None:
        return change.kind
    what = (
        _tr(ANNOTATION.get(change.detail, OTHER_ANNOTATION))
        if key.startswith("annotation_")
        else change.detail.lstrip("/")
    )
    return _tr(text).format(page=change.page, what=what)


def change_lines(result) -> list[str]:
    """Lines listing what changed after signing, headed, or nothing."""
    changes = getattr(result, "changes", ()) or ()
    if not changes:
        return []
    return [_tr(HEADING)] + ["• " + change_text(c) for c in changes]
