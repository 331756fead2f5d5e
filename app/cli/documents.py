"""`showroom admin documents ... | verify-document`: the document archive and the check of a PDF
brought back (issue #3); app/cli/__init__.py registers them with `add_commands` (the signing
certificate and the key files: app/cli/certificates.py).

Like app/cli/__init__.py, importing this module loads the standard library only; the database and
pyHanko load inside the commands. Never prompts without a terminal.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import unicodedata
from pathlib import Path

from app import cli as base
from app.cli.messages import say
from app.cli import EXIT_FAIL, EXIT_OK, EXIT_USAGE, CliError

DOC_TYPES = (
    "store_notice",
    "test_drive_agreement",
    "pdi_report",
    "vehicle_card",
    # Issue #18: the sale's documents (app/documents/numbers.py gives their number prefixes).
    "price_list_notice",
    "quote",
    "disclosure",
    "sales_contract",
    "special_terms",
    "entrustment",
    "payment_receipt",
    "settlement",
    "handover",
    "warranty_certificate",
)
# The words the sale uses for its documents (issue #18.9), accepted by --type beside the codes.
TYPE_ALIASES = {
    "contract": "sales_contract",
    "receipt": "payment_receipt",
    "三包凭证": "warranty_certificate",
    "sanbao": "warranty_certificate",
}
SHANGHAI = dt.timezone(dt.timedelta(hours=8))  # documents and operators use Shanghai time


def add_commands(command, group) -> None:
    """`command(name, func, help)` adds a top-level command, `group(name, help)` a command
    group returning its own `leaf(name, func, help)`; both add --database-url."""
    p = command(
        "verify-document",
        cmd_verify_document,
        "Check that a PDF is unchanged, signed by this store and current (exit 0 only "
        "then; 1 modified, 3 changed invisibly, 4 superseded or voided, 5 unsigned, "
        "6 not signed by this store).",
    )
    p.add_argument("file", type=Path)

    docs = group("documents", "The document archive.")
    p = docs("list", cmd_documents_list, "List archived documents, newest first.")
    p.add_argument(
        "--type",
        choices=DOC_TYPES,
        type=lambda v: TYPE_ALIASES.get(v, v),
        dest="doc_type",
        help="one type; also contract, receipt and 三包凭证 (sanbao) for the sale's papers",
    )
    p.add_argument("--search", default="", help="part of a number or subject reference (VIN)")
    p.add_argument("--all", action="store_true", help="include voided versions")
    p.add_argument("--limit", type=int, default=500)
    p = docs("export", cmd_documents_export, "Write an archived document to a file, byte for byte as issued.")
    p.add_argument("number")
    p.add_argument("file", nargs="?", type=Path, metavar="FILE", help="where to write it (or --out FILE)")
    p.add_argument("--version", type=int, help="default: the latest version")
    p.add_argument("--out", type=Path, metavar="FILE.pdf")
    p = command(
        "reprint-document",
        cmd_reprint_document,
        "Reprint a valid archived document (a lost copy): its exact signed bytes to a file for "
        "printing, logged as a reprint; no new version. A voided or superseded one is refused.",
    )
    p.add_argument("number")
    p.add_argument("--version", type=int, help="default: the latest version")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")


def cmd_documents_list(args) -> int:
    from app.documents.documents import DocumentQuery, list_documents

    db = base._open_database(args)
    try:
        docs = list_documents(
            db.uow(),
            actor=base._system_admin(db),
            query=DocumentQuery(
                text=args.search, doc_type=args.doc_type, include_voided=args.all, limit=max(1, args.limit)
            ),
        )
    finally:
        db.dispose()
    if not docs:
        print("No documents.")
        return EXIT_OK
    rows = [("NUMBER", "VER", "TYPE", "LANG", "ISSUED (+08:00)", "ISSUER", "STATUS")]
    for d in docs:
        status = (
            "valid"
            if not d.is_voided
            else (
                f"voided ({d.void_reason})"
                + (f", replaced by v{d.replaced_by_version}" if d.replaced_by_version else "")
            )
        )
        rows.append((d.number, str(d.version), d.doc_type, d.language, _local(d.issued_at), d.issued_by_name, status))
    widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for r in rows:
        print("  ".join(_pad(c, w) for c, w in zip(r, widths, strict=False)) + "  " + r[-1])
    return EXIT_OK


def _export_target(args) -> Path:
    """`export NUMBER FILE` or `export NUMBER --out FILE` (issue #18.9): one file, named once."""
    if args.file is not None and args.out is not None and args.file != args.out:
        raise CliError(say("give the file once: FILE or --out FILE", "文件只需给一次：FILE 或 --out FILE"), EXIT_USAGE)
    target = args.file or args.out
    if target is None:
        raise CliError(
            say("the file to write is required: FILE or --out FILE", "缺少要写入的文件：FILE 或 --out FILE"), EXIT_USAGE
        )
    return target


def cmd_documents_export(args) -> int:
    from app.documents.documents import get_document, get_document_bytes, record_print
    from db.private_files import write_private_bytes

    args.out = _export_target(args)
    db = base._open_database(args)
    try:
        actor = base._system_admin(db)
        doc = get_document(db.uow(), actor=actor, number=args.number, version=args.version)
        data = get_document_bytes(db.uow(), actor=actor, document_id=doc.id)
        try:
            write_private_bytes(args.out, data)  # owner-only (issue #15.4)
        except OSError as e:
            raise CliError(
                say("cannot write {path}: {reason}", "无法写入 {path}：{reason}", path=args.out, reason=e.strerror or e)
            ) from None
        record_print(
            db.uow(),
            actor=actor,
            document_id=doc.id,
            printer=f"file:{args.out.resolve()}"[:200],
            copies=1,
            kind="export",
        )
    finally:
        db.dispose()
    state = "" if not doc.is_voided else f" (VOIDED: {doc.void_reason})"
    print(
        f"Exported {doc.number} version {doc.version}{state} to {args.out} ({len(data)} bytes, SHA-256 {doc.sha256})."
    )
    return EXIT_OK


def cmd_reprint_document(args) -> int:
    from app.documents.documents import get_document
    from app.documents.reprint import reprint_copy

    db = base._open_database(args)
    try:
        actor = base._system_admin(db)
        doc = get_document(db.uow(), actor=actor, number=args.number, version=args.version)
        with reprint_refusal():
            reprint = reprint_copy(db.uow(), actor=actor, document_id=doc.id)
        write_reprint(db, actor, reprint, args.out)
    finally:
        db.dispose()
    return EXIT_OK


# Issue #17.17: why a reprint is refused, in words (the codes are the UI's error keys).
_REFUSED = {
    "reprint_voided": "{number} v{version} is voided ({reason}); a voided document is not reprinted",
    "reprint_superseded": "{number} v{version} was replaced by version {current}; reprint that one",
    "card_reprint_no_card": "the car {vin} has no current card; issue one with print-cards",
    "card_reprint_stale": "the card {number} of {vin} is stale ({changed}); issue a new version with "
    "print-cards --vin {vin}",
}


@contextlib.contextmanager
def reprint_refusal():
    """A refused reprint as a one-line CLI error, not a code (issue #17.6)."""
    from app.core.errors import ShowroomError

    try:
        yield
    except ShowroomError as e:
        if e.code not in _REFUSED:
            raise
        params = {k: ", ".join(v) if isinstance(v, list) else v for k, v in e.params.items()}
        raise CliError("not reprinted: " + _REFUSED[e.code].format(**params)) from None


def write_reprint(db, actor, reprint, out: Path) -> None:
    """The archived bytes to `out` (owner-only, issue #15.4) and a "reprint" ledger line."""
    from app.documents.documents import record_print
    from db.private_files import write_private_bytes

    try:
        write_private_bytes(out, reprint.pdf)
    except OSError as e:
        raise CliError(f"cannot write {out}: {e.strerror or e}") from None
    doc = reprint.document
    record_print(
        db.uow(), actor=actor, document_id=doc.id, printer=f"file:{out.resolve()}"[:200], copies=1, kind="reprint"
    )
    print(
        f"Reprint of {doc.number} version {doc.version} written to {out} ({len(reprint.pdf)} bytes, SHA-256 {doc.sha256})."
    )


_VERDICT = {
    "intact": "intact: unchanged since it was signed, and signed by this store",
    "modified": "modified: the file was changed after it was signed in a way a reader sees, or is damaged",
    "changed_unseen": "changed: the file was changed after it was signed; nothing shown "
    "changed, but it is not the file that was signed",
    "superseded": "superseded: unchanged and signed by this store, but replaced by a newer version",
    "voided": "voided: unchanged and signed by this store, but voided since",
    "unsigned": "unsigned: the file carries no digital signature",
    "untrusted": "untrusted: signed and unchanged, but not with this store's certificate",
}
# One exit code per verdict (README, "showroom admin"); 2 stays bad usage.
VERIFY_EXIT = {
    "intact": EXIT_OK,
    "modified": EXIT_FAIL,
    "changed_unseen": 3,
    "superseded": 4,
    "voided": 4,
    "unsigned": 5,
    "untrusted": 6,
}
_CHANGE = {
    "signature_broken": "the signed bytes no longer match the signature (edited or rewritten)",
    "page_content_changed": "page {page}: content changed",
    "page_layout_changed": "page {page}: page size, crop box or rotation changed",
    "annotation_added": "page {page}: {hidden}annotation added ({detail})",
    "annotation_changed": "page {page}: {hidden}annotation changed ({detail})",
    "annotation_removed": "page {page}: {hidden}annotation removed ({detail})",
    "page_added": "page {page} added",
    "page_removed": "page {page} removed",
    "title_changed": "document title changed",
    "metadata_changed": "document metadata changed {detail}",
    "catalog_changed": "document catalog entry {detail} changed",
    "form_changed": "form fields changed",
    "bytes_appended": "bytes appended after the end of the signed file",
    "revision_added": "a revision was added after signing",
    "revision_unreadable": "a revision was added after signing that cannot be read",
}


def describe_change(change) -> str:
    """One app.documents.revisions.Change in English, e.g. "page 1: annotation added"."""
    detail = change.detail.lstrip("/")
    if change.kind == "metadata_changed":
        detail = f"({detail})" if detail else "(XMP)"
    text = _CHANGE.get(change.kind, change.kind).format(
        page=change.page, detail=detail or "?", hidden="" if change.visible else "hidden "
    )
    return text.replace(" ()", "")


def _print_archive(result) -> None:
    if result.archived_number:
        state = ""
        if result.replaced_by_version:
            state = f" (VOIDED since, replaced by version {result.replaced_by_version})"
        elif result.archived_voided:
            state = " (VOIDED since)"
        # For a changed file it is the signed original that is in the archive.
        label = "archived as:" if result.intact else "signed original archived as:"
        print(f"  {label} {result.archived_number} version {result.archived_version}{state}")
    elif result.status == "intact":
        print("  archived as: not found in this archive")


def cmd_verify_document(args) -> int:
    from app.documents.documents import verify_document_bytes

    try:
        data = args.file.read_bytes()
    except OSError as e:
        raise CliError(
            say("cannot read {path}: {reason}", "无法读取 {path}：{reason}", path=args.file, reason=e.strerror or e),
            EXIT_USAGE,
        ) from None
    db = base._open_database(args)
    try:
        with _library_log():
            result = verify_document_bytes(db.uow(), actor=base._system_admin(db), pdf_bytes=data)
    finally:
        db.dispose()
    if not result.signed and result.status != "intact" and b"%PDF" not in data[:1024]:
        raise CliError(say("{path} is not a PDF file", "{path} 不是 PDF 文件", path=args.file), EXIT_USAGE)
    print(f"{args.file.name}: {_VERDICT[result.status]}")
    for change in result.changes:
        print(f"  changed:     {describe_change(change)}")
    if result.signer_subject:
        print(f"  signed by:   {result.signer_subject}")
    if result.signed_at:
        print(f"  signed at:   {_local(result.signed_at, seconds=True)} (+08:00)")
    if result.certificate_fingerprint:
        print(f"  certificate: SHA-256 {result.certificate_fingerprint}")
    _print_archive(result)
    return VERIFY_EXIT.get(result.status, EXIT_FAIL)


LIBRARY_LOGGERS = ("pyhanko", "pyhanko_certvalidator")


@contextlib.contextmanager
def _library_log():
    """pyHanko logs its doubts about a tampered file (with tracebacks) as warnings. The verdict
    already says what changed, so while verifying those records go to the admin log file only:
    never to the terminal, whether logging is set up (a script's basicConfig, a handler on
    stderr) or not (logging's last resort prints on stderr). Issue #17.6."""
    import logging

    try:
        from db.session import data_dir

        path = data_dir() / "logs" / "admin-cli.log"
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    except Exception:  # noqa: BLE001 - silence is better than a traceback on the terminal
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    libs = [logging.getLogger(name) for name in LIBRARY_LOGGERS]
    propagate = [lib.propagate for lib in libs]
    for lib in libs:
        lib.addHandler(handler)
        lib.propagate = False
    try:
        yield
    finally:
        for lib, was in zip(libs, propagate):
            lib.removeHandler(handler)
            lib.propagate = was
        handler.close()


# --- helpers -------------------------------------------------------------------------------


def _local(moment: dt.datetime, seconds: bool = False) -> str:
    """Naive UTC (the app's convention) shown in Shanghai time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M" + (":%S" if seconds else ""))


def _width(text: str) -> int:
    """Terminal columns: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
