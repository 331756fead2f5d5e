"""Who runs `showroom admin` (issue #15.9): every command but the open ones signs in as a real
staff account, is refused unless one of its roles allows the command (app.core.permissions
.CLI_COMMANDS), and acts, in the audit log and the audit columns, as that person.

Before this, the command line acted as the oldest administrator for anyone who had the
database URL, and every PostgreSQL terminal holds one.

How the account is given, in this order:
  --user NAME, else $SHOWROOM_USER           the username
  --password-file FILE                       its password, first line of a file only its
                                             owner can read (POSIX: mode 0600; refused
                                             otherwise), e.g. for a scheduled backup
  $SHOWROOM_PASSWORD                         its password (scripts; never on the command
                                             line, where `ps` and the shell history show it)
  a terminal                                 asks for whatever is missing (password hidden)
Without a terminal and without both, the command stops with exit code 2 and says so.
($SHOWROOM_ADMIN_PASSWORD and $SHOWROOM_NEW_PASSWORD stay what they were: the password of
the account `init` or `create-user` creates, not of the one running the command.)

Signing in is a login (app.staff.auth.login, via="cli"): a wrong password counts towards
the lock-out like one typed at a terminal, a deactivated account is refused, and every
attempt is in the audit log. A temporary password set by an administrator must first be
changed in Showroom. Each command run is logged as `admin_command` (or
`admin_command_refused`) with its name, by the signed-in person.

Like app/cli/__init__.py, importing this module loads the standard library only.
"""

from __future__ import annotations

import getpass
import os

from app import cli as base
from app.cli.messages import say
from app.cli import EXIT_USAGE, CliError

ENV_USER = "SHOWROOM_USER"
ENV_PASSWORD = "SHOWROOM_PASSWORD"

# The account signed in for this run of main() (one command per process, or per main() call).
_signed_in = None


def add_user_option(parser) -> None:
    parser.add_argument(
        "--user",
        metavar="NAME",
        help=f"the staff account running the command (or set ${ENV_USER}); "
        f"its password from ${ENV_PASSWORD}, else asked in a terminal",
    )
    parser.add_argument(
        "--password-file",
        metavar="FILE",
        help="read that account's password from the first line of FILE (readable by its owner only)",
    )


def authorise(args) -> None:
    """Called by app.cli.main before every command: sign in unless the command is open."""
    from app.core.permissions import CLI_COMMANDS, CLI_OPEN_COMMANDS

    global _signed_in
    _signed_in = None
    name = getattr(args, "command_name", None)
    if name is None or name in CLI_OPEN_COMMANDS:  # None: a group's own help
        return
    action = CLI_COMMANDS.get(name)
    if action is None:  # fail closed: a new command must be given a permission first
        raise CliError(f"'{name}' has no permission assigned in app/core/permissions.py; refusing to run it")
    url = base._url(args)
    if name == "restore" and not base._database_exists(url):
        return  # no database to protect: restoring one is how a lost database comes back
    db = base._open_database(args)
    try:
        if not _any_staff(db):
            raise CliError(
                say(
                    "there is no administrator account yet: run 'showroom admin init' first",
                    "还没有管理员账号：请先运行 showroom admin init",
                )
            )
        if name == "verify-audit":
            db = _check_audit_first(db, args)
        elif name == "keys import" and getattr(args, "key", None) == "audit":
            db = _sign_in_under_imported_key(db, args)
        sign_in(db, args, action, name)
    finally:
        db.dispose()


def _check_audit_first(db, args):
    """Issues #15.7/#15.9: signing in writes audit rows (login, admin_command) into the very
    log `verify-audit` checks. After a wipe they would restart the chain at #1 and change
    what is reported, and on a backup copy they would become an anchor of their own. So the
    chain is checked BEFORE the sign-in writes anything; the result (or the error, e.g. no
    audit key here) is kept on `args` and shown only once the sign-in is allowed
    (app/cli_privacy.cmd_verify_audit). The sign-in's own rows do not move this terminal's
    anchor: checking vouches for the rows it found, not for its own (a missed anchor is only
    a lower bound, app/core/audit_chain.py)."""
    from app.core.audit_chain import audit_key
    from app.core.errors import ShowroomError
    from app.privacy.audit import verify_chain

    try:
        args.audit_report = verify_chain(db.uow())
    except ShowroomError as e:
        args.audit_report = e

    class NoAnchor:
        def key(self, recorded_key_id):
            return audit_key(recorded_key_id)

        def anchor(self, url, head):
            pass

    return _with_keeper(db, NoAnchor())


def _sign_in_under_imported_key(db, args):
    """Issues #15.7/#15.9: `keys import --key audit` is how a terminal without the store's
    audit key gets it (docs/operations.md §8), but signing in writes audit rows, which such a
    terminal refuses to write. The sign-in's rows (and a wrong password's, so the lock-out
    still counts) are therefore MACed under the key in the file being imported; a file that
    is not the key the store's chain records is refused before anything is written or
    installed."""
    from pathlib import Path

    from app.core import keys
    from app.core.audit_chain import record_anchor
    from app.core.errors import ShowroomError
    from db.audit_models import chain_key_id

    path = Path(args.file)

    class ImportedKey:
        def key(self, recorded_key_id):
            key = keys._read(path)
            if recorded_key_id is not None and chain_key_id(key) != recorded_key_id:
                raise ShowroomError("audit_key_unavailable", reason="wrong_key", path=str(path))
            return key

        def anchor(self, url, head):
            record_anchor(url, head)

    return _with_keeper(db, ImportedKey())


def _with_keeper(db, keeper):
    from db.uow import Database

    return Database(db.url, engine=db.engine, audit_keeper=keeper)


def sign_in(db, args, action, name: str):
    """Authenticate the account given by --user/$SHOWROOM_USER/$SHOWROOM_PASSWORD or a
    terminal prompt, check `action`, audit the run; return the Actor."""
    from app.core.errors import AccountLocked, LoginFailed
    from app.core.permissions import can
    from app.staff import auth

    global _signed_in
    username, password = _credentials(args)
    try:
        actor = auth.login(db.uow(), username=username, password=password, via="cli")
    except AccountLocked as e:
        raise CliError(
            say(
                "the account '{username}' is locked until {until} UTC after too many wrong passwords",
                "密码错误次数过多，账号“{username}”已锁定至 {until}（UTC）",
                username=username,
                until=e.params.get("until"),
            )
        ) from None
    except LoginFailed:
        raise CliError(
            say("wrong username or password (or the account is deactivated)", "用户名或密码错误（或账号已停用）")
        ) from None
    if actor.must_change_password:
        raise CliError(
            say(
                "'{username}' has a temporary password: log in to Showroom and choose a new one first",
                "“{username}”的密码是临时密码：请先登录 Showroom 设置新密码",
                username=actor.username,
            )
        )
    allowed = can(actor.roles, action)
    with db.uow() as uow:
        uow.audit(
            "admin_command" if allowed else "admin_command_refused",
            table_name="staff_user",
            record_id=actor.user_id,
            actor=actor,
            detail={"command": name, "action": str(action)},
        )
        uow.commit()
    if not allowed:
        raise CliError(
            say(
                "'{username}' may not run '{name}': it needs the {action} permission (see docs/permissions.md)",
                "“{username}”无权运行 {name}：需要 {action} 权限（见 docs/permissions.md）",
                username=actor.username,
                name=name,
                action=action,
            )
        )
    _signed_in = actor
    return actor


def acting_actor(db):
    """The signed-in account, also set as the database's acting user so that every change
    the command makes is attributed to that person."""
    if _signed_in is None:
        raise CliError("this command ran without signing in")
    db.acting_user = (_signed_in.user_id, _signed_in.username)
    return _signed_in


def _any_staff(db) -> bool:
    from sqlalchemy import select

    from db.models import StaffUser

    with db.uow() as uow:
        return uow.session.scalar(select(StaffUser.id).limit(1)) is not None


def _credentials(args) -> tuple[str, str]:
    username = (getattr(args, "user", None) or os.environ.get(ENV_USER) or "").strip()
    password_file = getattr(args, "password_file", None)
    password = _read_password_file(password_file) if password_file else os.environ.get(ENV_PASSWORD) or ""
    if username and password:
        return username, password
    if not base._is_tty():
        raise CliError(
            say(
                "this command runs as a staff account: pass --user NAME (or set ${user}) with the "
                "password in ${password}, or run it in a terminal to be asked",
                "此命令以员工账号运行：请用 --user NAME（或设置 ${user}）并在 ${password} 中给出密码，"
                "或在终端中运行以便询问",
                user=ENV_USER,
                password=ENV_PASSWORD,
            ),
            EXIT_USAGE,
        )
    if not username:
        username = base._ask("Username")
    if not password:
        password = getpass.getpass(f"Password for {username}: ")
    return username, password


def _read_password_file(name: str) -> str:
    """The first line of an owner-only file. On POSIX a file that the group or others may
    read is refused, like ssh refuses a readable private key: anyone who can read it is that
    account. (On Windows the file inherits the profile folder's owner-only ACL; keep it there.)
    """
    from pathlib import Path

    path = Path(name)
    try:
        if os.name != "nt" and path.stat().st_mode & 0o077:
            raise CliError(
                say(
                    "{path} can be read by other users: make it owner-only (chmod 600 {path}) "
                    "and change that account's password",
                    "其他用户可以读取 {path}：请设为仅本人可读（chmod 600 {path}），并修改该账号的密码",
                    path=path,
                ),
                EXIT_USAGE,
            )
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise CliError(
            say(
                "cannot read the password file {path}: {reason}",
                "无法读取密码文件 {path}：{reason}",
                path=path,
                reason=e.strerror or e,
            ),
            EXIT_USAGE,
        ) from None
    return lines[0] if lines else ""
