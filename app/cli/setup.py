"""`showroom admin init | migrate | demo`: create or upgrade the database, set up the store
and build the demo store, from a shell; app/cli/__init__.py registers them with `add_commands`.

`init` is open on an empty database (there is no account yet); afterwards it needs an
administrator. Like app/cli/__init__.py, importing this module loads the standard library only.
"""

from __future__ import annotations

import os

from app import cli as base
from app.cli import ENV_ADMIN_PASSWORD, EXIT_OK


def add_commands(command, group) -> None:
    p = command("init", cmd_init, "Create or upgrade the database and set up the store.")
    for opt in (
        "--store-name",
        "--address",
        "--sales-hotline",
        "--complaint-phone",
        "--website",
        "--admin-username",
        "--admin-full-name",
    ):
        p.add_argument(opt)
    p.add_argument("--admin-password", help=f"the first administrator's password (or set ${ENV_ADMIN_PASSWORD})")
    command("migrate", cmd_migrate, "Upgrade the database schema to the latest version.")


def add_demo_command(command, group) -> None:
    command(
        "demo", cmd_demo, "Build the demo store, as showroom --demo does (in the demo database unless --database-url)."
    )


def cmd_init(args) -> int:
    from app.store import store
    from app.store.backup import before_migration
    from db.migrate import upgrade
    from db.session import describe_url
    from db.uow import Database

    url = base._url(args)
    backup = upgrade(url, before_migration)
    print(f"Database ready: {describe_url(url)}")
    if backup:
        print(f"Backup taken before upgrading: {backup}")
    db = Database(url)
    try:
        if not store.needs_setup(db.uow()):
            print("The store is already set up.")
            from app.cli.auth import sign_in
            from app.core.permissions import Action

            # Issue #15.9: only an empty database is open; after set-up, an administrator.
            _ensure_certificate(db, sign_in(db, args, Action.MANAGE_CERTIFICATE, "init"))
            return EXIT_OK
        values = {
            "legal_name": args.store_name,
            "address": args.address,
            "sales_hotline": args.sales_hotline,
            "complaint_phone": args.complaint_phone,
            "admin_username": args.admin_username,
            "admin_full_name": args.admin_full_name,
            "admin_password": args.admin_password or os.environ.get(ENV_ADMIN_PASSWORD),
        }
        missing = [k for k, v in values.items() if not (v or "").strip()]
        if missing and not base._is_tty():
            print(
                "The store is not set up yet: the first-run wizard will complete set-up when "
                "Showroom starts (or pass every --store-name/--address/--sales-hotline/"
                "--complaint-phone/--admin-* option)."
            )
            return EXIT_OK
        for key in missing:
            values[key] = base._new_password() if key == "admin_password" else base._ask(_LABELS[key])
        website = args.website
        if website is None and missing:
            website = base._ask("Website (optional)", required=False)
        admin = store.set_up_store(db.uow(), website=website or "", **values)
        print(f"Store set up: {values['legal_name'].strip()}; administrator '{admin.username}' can now log in.")
        _ensure_certificate(db, admin)
        return EXIT_OK
    finally:
        db.dispose()


def _ensure_certificate(db, actor) -> None:
    from app.documents.certificates import ensure_store_certificate

    cert = ensure_store_certificate(db.uow(), actor=actor)
    print(f"Signing certificate: {cert.subject} (SHA-256 {cert.fingerprint}).")


_LABELS = {
    "legal_name": "Store legal name",
    "address": "Address",
    "sales_hotline": "Sales hotline",
    "complaint_phone": "Complaint phone",
    "admin_username": "Administrator username",
    "admin_full_name": "Administrator full name",
}


def cmd_migrate(args) -> int:
    from app.store.backup import before_migration
    from db.migrate import current_revision, upgrade
    from db.session import describe_url

    url = base._url(args)
    before = current_revision(url) if base._database_exists(url) else None
    backup = upgrade(url, before_migration)
    after = current_revision(url)
    if before == after:
        print(f"{describe_url(url)} is already up to date (revision {after}).")
    else:
        print(f"{describe_url(url)} upgraded from {before or 'empty'} to revision {after}.")
    if backup:
        print(f"Backup taken before upgrading: {backup}")
    return EXIT_OK


def cmd_demo(args) -> int:
    """The same demo store as `showroom --demo` (app/demo/template.py): a new demo database is
    a copy of today's template (built first, about a minute, when there is none), with the
    year of KPI history (issue #20); an existing one, or one on a server, is completed in place."""
    from app.demo import build_demo
    from app.demo.template import complete_in_place, copies_template, prepare_demo
    from db.session import default_database_url, describe_url

    url = args.database_url or default_database_url(demo=True)
    if copies_template(url):
        print("Preparing the demo store from today's demo template (built first if needed, about a minute)...")
        prepare_demo(url)
        info, state = build_demo(url), "built"  # complete already: only its summary
    else:
        info = complete_in_place(url)
        state = "built" if info.created else "already complete, left as it was"
    print(f"Demo store {info.store_name}: {describe_url(url)} ({state}; {info.vehicles} vehicles).")
    print(f"Signed sample documents in the archive: {info.documents} (try 'showroom admin documents list --all').")
    print("Demo logins (username / password / name / roles):")
    for username, password, full_name, roles in info.users:
        print(f"  {username:<14} {password:<10} {full_name}  ({', '.join(roles)})")
    return EXIT_OK
