"""`showroom admin certificate ... | keys ...`: the store's signing certificate and the key
files of this terminal (issue #3, #15.2); app/cli/__init__.py registers them with `add_commands`.

Like app/cli/__init__.py, importing this module loads the standard library only; the database and
the cryptography load inside the commands. Never prompts without a terminal.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from app import cli as base
from app.cli.messages import say
from app.cli import EXIT_FAIL, EXIT_OK, EXIT_USAGE, CliError
from app.cli.documents import _local


def add_commands(command, group) -> None:
    """`group(name, help)` returns the group's `leaf(name, func, help)` (app/cli/__init__.py)."""
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
        raise CliError(
            say("cannot read {path}: {reason}", "无法读取 {path}：{reason}", path=args.file, reason=e.strerror or e),
            EXIT_USAGE,
        ) from None
    password: str | None
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
        raise CliError(
            say(
                "no password given: use --password-env VAR, or run in a terminal to be asked",
                "没有给出密码：请用 --password-env VAR，或在终端中运行以便询问",
            ),
            EXIT_USAGE,
        )
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


def _env_password(var: str) -> str:
    value = os.environ.get(var)
    if value is None:
        raise CliError(say("the environment variable {var} is not set", "环境变量 {var} 未设置", var=var), EXIT_USAGE)
    return value


def _write_private(path: Path, data: bytes) -> None:
    from db.private_files import write_private_bytes

    try:
        # Also narrows a file that was there already (os.open's mode applies to new files only).
        write_private_bytes(path, data)
    except OSError as e:
        raise CliError(
            say("cannot write {path}: {reason}", "无法写入 {path}：{reason}", path=path, reason=e.strerror or e)
        ) from None
