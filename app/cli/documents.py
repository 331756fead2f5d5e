"""`showroom admin` commands for the document archive, the store's signing certificate and
the key file that protects it (issue #3); app/cli/__init__.py registers them with `add_commands`.

Like app/cli/__init__.py, importing this module loads the standard library only; the database and
pyHanko load inside the commands. Never prompts without a terminal.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import os
import unicodedata
from pathlib import Path

from app import cli as base
from app.cli import EXIT_FAIL, EXIT_OK, EXIT_USAGE, CliError

DOC_TYPES = ("store_notice", "test_drive_agreement", "pdi_report", "vehicle_card")
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
    p.add_argument("--type", choices=DOC_TYPES, dest="doc_type")
    p.add_argument("--search", default="", help="part of a number or subject reference (VIN)")
    p.add_argument("--all", action="store_true", help="include voided versions")
    p.add_argument("--limit", type=int, default=500)
    p = docs("export", cmd_documents_export, "Write an archived document to a file, byte for byte as issued.")
    p.add_argument("number")
    p.add_argument("--version", type=int, help="default: the latest version")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")

    certs = group("certificate", "The store's signing certificate.")
    certs("list", cmd_certificate_list, "List the store's certificates, the active one first.")
    certs("create", cmd_certificate_create, "Create a new self-signed certificate; it signs from now on.")
    p = certs("import", cmd_certificate_import, "Import a PKCS#12 (.p12/.pfx) certificate; it signs from now on.")
    p.add_argument("file", type=Path)
    p.add_argument(
        "--password-env",
        metavar="VAR",
        help="environment variable holding the file's password (else asked in a terminal; no password without one)",
    )
    p = certs(
        "export", cmd_certificate_export, "Save the active certificate and its private key as a PKCS#12 file (backup)."
    )
    p.add_argument("--out", type=Path, required=True, metavar="FILE.p12")
    p.add_argument(
        "--password-env", metavar="VAR", help="environment variable holding the password to protect the file with"
    )

    keys = group(
        "keys",
        "The key files: the one that encrypts the signing key in the database "
        "(signing), the one for ID and licence numbers (personal) and the one "
        "that keys the audit log (audit).",
    )
    p = keys("export", cmd_keys_export, "Copy this computer's key file (for another terminal).")
    p.add_argument("--out", type=Path, required=True, metavar="FILE")
    p.add_argument(
        "--key",
        choices=KEY_CHOICES,
        default="signing",
        help="which key file (default: signing); every terminal needs all three",
    )
    p = keys("import", cmd_keys_import, "Install a key file copied from another terminal.")
    p.add_argument("file", type=Path)
    p.add_argument(
        "--key",
        choices=KEY_CHOICES,
        default="signing",
        help="which key file (default: signing); every terminal needs all three",
    )


# --key value -> app/core/keys.py file name
KEY_CHOICES = ("signing", "personal", "audit")


def _key_name(choice: str) -> str:
    from app.core import keys
    from app.core.audit_chain import AUDIT
    from app.core.personal_data import PERSONAL

    return {"signing": keys.SIGNING, "personal": PERSONAL, "audit": AUDIT}[choice]


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


def cmd_documents_export(args) -> int:
    from app.documents.documents import get_document, get_document_bytes, record_print
    from db.private_files import write_private_bytes

    db = base._open_database(args)
    try:
        actor = base._system_admin(db)
        doc = get_document(db.uow(), actor=actor, number=args.number, version=args.version)
        data = get_document_bytes(db.uow(), actor=actor, document_id=doc.id)
        try:
            write_private_bytes(args.out, data)  # owner-only (issue #15.4)
        except OSError as e:
            raise CliError(f"cannot write {args.out}: {e.strerror or e}") from None
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
        raise CliError(f"cannot read {args.file}: {e.strerror or e}", EXIT_USAGE) from None
    db = base._open_database(args)
    try:
        with _library_log():
            result = verify_document_bytes(db.uow(), actor=base._system_admin(db), pdf_bytes=data)
    finally:
        db.dispose()
    if not result.signed and result.status != "intact" and b"%PDF" not in data[:1024]:
        raise CliError(f"{args.file} is not a PDF file", EXIT_USAGE)
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


@contextlib.contextmanager
def _library_log():
    """pyHanko logs its doubts about a tampered file (with tracebacks) as warnings: with no
    log configured, logging's last resort would print them on stderr. Send them to the
    admin log file instead while verifying."""
    import logging

    lib = logging.getLogger("pyhanko")
    if logging.getLogger().handlers or lib.handlers:
        yield
        return
    try:
        from db.session import data_dir

        path = data_dir() / "logs" / "admin-cli.log"
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    except Exception:  # noqa: BLE001 - silence is better than a traceback on the terminal
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    lib.addHandler(handler)
    propagate, lib.propagate = lib.propagate, False
    try:
        yield
    finally:
        lib.removeHandler(handler)
        lib.propagate = propagate
        handler.close()


def cmd_certificate_list(args) -> int:
    from app.documents.certificates import list_certificates

    db = base._open_database(args)
    try:
        certs = list_certificates(db.uow(), actor=base._system_admin(db))
    finally:
        db.dispose()
    if not certs:
        print("No signing certificate yet: it is created at set-up or with the first document.")
        return EXIT_OK
    for c in certs:
        state = "ACTIVE" if c.active else "retired (still verifies its documents)"
        print(f"{c.fingerprint}  {state}")
        print(f"  subject:     {c.subject}")
        print(
            f"  source:      {c.source}, created {_local(c.created_at)}"
            + (f" by {c.created_by_name}" if c.created_by_name else "")
        )
        print(f"  valid until: {_local(c.not_valid_after)}")
    return EXIT_OK


def cmd_certificate_create(args) -> int:
    from app.documents.certificates import create_certificate

    db = base._open_database(args)
    try:
        cert = create_certificate(db.uow(), actor=base._system_admin(db))
    finally:
        db.dispose()
    print(f"Created and activated {cert.subject} (SHA-256 {cert.fingerprint}).")
    return EXIT_OK


def cmd_certificate_import(args) -> int:
    from app.documents.certificates import import_certificate

    try:
        data = args.file.read_bytes()
    except OSError as e:
        raise CliError(f"cannot read {args.file}: {e.strerror or e}", EXIT_USAGE) from None
    if args.password_env:
        password = _env_password(args.password_env)
    elif base._is_tty():
        password = getpass.getpass("Certificate file password (empty if none): ") or None
    else:
        password = None
    db = base._open_database(args)
    try:
        cert = import_certificate(db.uow(), actor=base._system_admin(db), pkcs12=data, password=password)
    finally:
        db.dispose()
    print(f"Imported and activated {cert.subject} (SHA-256 {cert.fingerprint}).")
    return EXIT_OK


def cmd_certificate_export(args) -> int:
    from app.documents.certificates import export_certificate

    if args.password_env:
        password = _env_password(args.password_env)
    elif base._is_tty():
        password = base._new_password()
    else:
        raise CliError("no password given: use --password-env VAR, or run in a terminal to be asked", EXIT_USAGE)
    db = base._open_database(args)
    try:
        data = export_certificate(db.uow(), actor=base._system_admin(db), password=password)
    finally:
        db.dispose()
    _write_private(args.out, data)
    print(f"Saved the active certificate and its private key to {args.out}. Keep it safe.")
    return EXIT_OK


def cmd_keys_export(args) -> int:
    from app.core import keys

    name = _key_name(args.key)
    keys.export_key(args.out, name)
    print(
        f"Copied the key file {keys.key_path(name)} to {args.out}. Install it on the other "
        f"terminal with 'showroom admin keys import FILE --key {args.key}', then delete the "
        "copy."
    )
    return EXIT_OK


def cmd_keys_import(args) -> int:
    from app.core import keys

    what = {"personal": "personal-data key", "signing": "key file of the store's signing key"}
    store_id = _store_key_id(args, _key_name(args.key))
    if store_id:
        file_id = keys.key_file_id(args.file).hex()
        if file_id != store_id:  # issue #15.2: never install a key the store does not use
            raise CliError(
                f"{args.file} (key id {file_id}) is not the store's "
                f"{what[args.key]} (key id {store_id}); nothing was installed. "
                f"Export it from a terminal that works ('showroom admin keys export "
                f"--key {args.key} --out FILE')",
                EXIT_FAIL,
            )
    path = keys.import_key(args.file, _key_name(args.key))
    print(f"Installed the key file as {path}." + (f" It is the store's {what[args.key]}." if store_id else ""))
    return EXIT_OK


def _store_key_id(args, name: str) -> str | None:
    """The key id the store's database records for `name`, or None when there is none yet or
    the database cannot be reached (the file is then installed unchecked)."""
    try:
        db = base._open_database(args)
    except CliError:
        return None
    try:
        from app.core.store_keys import recorded_key_id

        with db.uow() as uow:
            return recorded_key_id(uow.session, name)
    except Exception:  # noqa: BLE001 - a server that is down must not stop an import
        return None
    finally:
        db.dispose()


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


def _env_password(var: str) -> str:
    value = os.environ.get(var)
    if value is None:
        raise CliError(f"the environment variable {var} is not set", EXIT_USAGE)
    return value


def _write_private(path: Path, data: bytes) -> None:
    from db.private_files import write_private_bytes

    try:
        # Also narrows a file that was there already (os.open's mode applies to new files only).
        write_private_bytes(path, data)
    except OSError as e:
        raise CliError(f"cannot write {path}: {e.strerror or e}") from None
