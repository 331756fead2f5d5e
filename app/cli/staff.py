"""`showroom admin` commands for staff accounts; app/cli/__init__.py registers them with `add_commands`.

  create-user USERNAME --full-name NAME --role R [--role R ...] [--password P]
                                  a new account (password: --password, $SHOWROOM_NEW_PASSWORD,
                                  or asked twice in a terminal)
  deactivate-user USERNAME        the person can no longer log in; the account and everything
                                  it did stay on record; lists its open work (issue #15.10)
  activate-user USERNAME          allow the account to log in again
  set-roles USERNAME --role R [--role R ...]
                                  replace the account's roles

All need an administrator (MANAGE_USERS, app/cli/auth.py signs in) and are audited by the
services (app/staff/auth.py, app/staff/accounts.py). Like app/cli/__init__.py, importing this module
loads the standard library only.
"""

from __future__ import annotations

import os
import sys

from app import cli as base
from app.cli.messages import say
from app.cli import ENV_NEW_PASSWORD, EXIT_OK, EXIT_USAGE, ROLES, CliError

# English lines for this module's error codes (app/cli/text.py holds the shared ones).
FIELD_TEXT = {
    "cannot_deactivate_self": "you cannot deactivate your own account: ask another administrator",
    "last_admin": "this is the last active administrator: make someone else an administrator first",
}
KIND_TEXT = {
    "lead": "lead",
    "visit": "visit",
    "appointment": "appointment",
    "test_drive": "test drive",
    "pdi": "PDI inspection",
}


def add_commands(command, group) -> None:
    from app.cli import text as cli_text

    for code, line in FIELD_TEXT.items():
        cli_text.FIELD_TEXT.setdefault(code, line)
    p = command("create-user", cmd_create_user, "Create a staff account.")
    p.add_argument("username")
    p.add_argument("--full-name", required=True)
    p.add_argument("--role", action="append", required=True, choices=ROLES, help="repeat for several roles")
    p.add_argument("--password", help=f"(or set ${ENV_NEW_PASSWORD}; prompted in a terminal)")
    p.add_argument("--staff-no", default="")
    p.add_argument("--licence-first-issued", type=base._date, metavar="YYYY-MM-DD")
    p.add_argument("--pdi-certificate-no")
    p.add_argument("--pdi-certificate-expiry", type=base._date, metavar="YYYY-MM-DD")
    p = command("deactivate-user", cmd_deactivate, "Stop a staff account from logging in (it stays on record).")
    p.add_argument("username")
    p = command("activate-user", cmd_activate, "Let a deactivated staff account log in again.")
    p.add_argument("username")
    p = command("set-roles", cmd_set_roles, "Replace a staff account's roles.")
    p.add_argument("username")
    p.add_argument("--role", action="append", required=True, choices=ROLES, help="repeat for several roles")


def cmd_create_user(args) -> int:
    from app.staff import auth

    password = args.password or os.environ.get(ENV_NEW_PASSWORD)
    db = base._open_database(args)
    try:
        actor = base._system_admin(db)
        if not password:
            if not base._is_tty():
                raise CliError(
                    say(
                        "no password given: use --password, set ${var}, or run in a terminal to be asked",
                        "没有给出密码：请用 --password、设置 ${var}，或在终端中运行以便询问",
                        var=ENV_NEW_PASSWORD,
                    ),
                    EXIT_USAGE,
                )
            password = base._new_password()
        user = auth.create_user(
            db.uow(),
            actor=actor,
            username=args.username,
            full_name=args.full_name,
            password=password,
            roles=args.role,
            staff_no=args.staff_no,
            licence_first_issued=args.licence_first_issued,
            pdi_certificate_no=args.pdi_certificate_no,
            pdi_certificate_expiry=args.pdi_certificate_expiry,
        )
        print(
            f"Created user '{user.username}' ({user.full_name}) with roles: "
            f"{', '.join(sorted(r.value for r in user.roles))}."
        )
        return EXIT_OK
    finally:
        db.dispose()


def _target(db, actor, username: str):
    from app.core.errors import NotFound
    from app.staff import accounts as staff

    try:
        return staff.find_by_username(db.uow(), actor=actor, username=username)
    except NotFound:
        raise CliError(
            say("no staff account '{name}'", "没有员工账号“{name}”", name=username.strip()), EXIT_USAGE
        ) from None


def cmd_deactivate(args) -> int:
    from app.staff import accounts as staff

    db = base._open_database(args)
    try:
        actor = base._system_admin(db)
        user = _target(db, actor, args.username)
        staff.set_active(db.uow(), actor=actor, user_id=user.id, active=False, expected_version=user.version)
        print(f"'{user.username}' ({user.full_name}) is deactivated and can no longer log in.")
        work = [w for w in staff.open_work(db.uow(), actor=actor) if w.user_id == user.id]
        if work:
            print(f"Open work to hand over ({len(work)}; also on the Staff page):")
        for w in work:
            print(f"  {KIND_TEXT.get(w.kind, w.kind)} #{w.record_id} ({w.status})")
        return EXIT_OK
    finally:
        db.dispose()


def cmd_activate(args) -> int:
    from app.staff import accounts as staff

    db = base._open_database(args)
    try:
        actor = base._system_admin(db)
        user = _target(db, actor, args.username)
        staff.set_active(db.uow(), actor=actor, user_id=user.id, active=True, expected_version=user.version)
        print(f"'{user.username}' ({user.full_name}) is active and can log in again.")
        return EXIT_OK
    finally:
        db.dispose()


def cmd_set_roles(args) -> int:
    from app.staff import accounts as staff

    db = base._open_database(args)
    try:
        actor = base._system_admin(db)
        user = _target(db, actor, args.username)
        after = staff.set_roles(db.uow(), actor=actor, user_id=user.id, roles=args.role, expected_version=user.version)
        print(
            f"'{after.username}' now has the roles: "
            f"{', '.join(sorted(r.value for r in after.roles))} (from the next login)."
        )
        return EXIT_OK
    finally:
        db.dispose()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(base.main(sys.argv[1:]))
