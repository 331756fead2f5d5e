"""Issue #15.9: `showroom admin` runs as a real staff account, not as "the administrator" for
anyone who has the database URL. It signs in (prompt, or --user/$SHOWROOM_USER with
$SHOWROOM_PASSWORD), counts wrong passwords towards the lock-out, refuses roles without the
command's permission, and the audit log names the person. Issue #15.10: the staff commands
deactivate-user, activate-user and set-roles.

PIPL art. 51 (access control over personal information) and T/CSCA 120031 4.2.3.2: the CLI
reaches every customer record, so it gets the same access control as the GUI.
"""

from __future__ import annotations

import argparse
import json
import os

import pytest
from sqlalchemy import select

from app import cli
from app.core.errors import AccountLocked
from app.staff import auth
from db.audit_models import AuditEvent
from db.models import Role, StaffUser
from tests.admin_cli import admin_cli
from tests.factories import PASSWORD, isolated_data_dir, make_store, make_user  # noqa: F401
from tests.integration.test_cli import run

pytestmark = pytest.mark.usefixtures("isolated_data_dir")
NEW = ["create-user", "chen", "--full-name", "陈", "--role", "admin", "--password", "long-enough-1"]


@pytest.fixture()
def ready(uow, db_url):
    make_store(uow)
    make_user(uow, Role.ADMIN, username="root")
    return db_url


def _events(uow, action):
    with uow() as u:
        return [
            (e.actor_name, json.loads(e.detail))
            for e in u.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id))
        ]


def _user(uow, username):
    """The account as a plain snapshot (id, active, roles), or None."""
    from types import SimpleNamespace

    with uow() as u:
        user = u.session.scalar(select(StaffUser).where(StaffUser.username == username))
        return user and SimpleNamespace(id=user.id, active=user.active, role_set=user.role_set)


def test_without_an_account_a_script_is_refused_and_nothing_changes(tmp_path, uow, ready):
    out = run(*NEW, "--database-url", ready, tmp_path=tmp_path, user=None)
    assert out.returncode == 2 and "--user NAME" in out.stderr and "SHOWROOM_PASSWORD" in out.stderr
    assert "Traceback" not in out.stderr and _user(uow, "chen") is None


def test_the_person_who_ran_the_command_is_in_the_audit_log(tmp_path, uow, ready):
    make_user(uow, Role.ADMIN, username="li.admin")
    out = run(*NEW, "--database-url", ready, "--user", "li.admin", tmp_path=tmp_path)
    assert out.returncode == 0, out.stderr
    with uow() as u:  # the new account was created by li.admin, not by the oldest admin
        created = u.session.scalar(
            select(AuditEvent).where(
                AuditEvent.action == "insert",
                AuditEvent.table_name == "staff_user",
                AuditEvent.record_id == str(_user(uow, "chen").id),
            )
        )
        assert created.actor_name == "li.admin"
    assert ("li.admin", {"command": "create-user", "action": "manage_users"}) in _events(uow, "admin_command")
    assert ("li.admin", {"via": "cli"}) in _events(uow, "login")


def test_wrong_passwords_count_towards_the_lock_out(uow, ready, capsys):
    for i in range(4):
        assert admin_cli(*NEW, "--database-url", ready, password=f"wrong-{i}") == 1
        assert "wrong username or password" in capsys.readouterr().err
    assert admin_cli(*NEW, "--database-url", ready, password="wrong-5") == 1
    assert "is locked until" in capsys.readouterr().err
    assert admin_cli(*NEW, "--database-url", ready) == 1  # even the right password, now
    assert "is locked until" in capsys.readouterr().err and _user(uow, "chen") is None
    reasons = [d["reason"] for _, d in _events(uow, "login_failed")]
    assert reasons == ["password"] * 4 + ["locked_now", "locked"]
    assert all(d["via"] == "cli" for _, d in _events(uow, "login_failed"))
    with pytest.raises(AccountLocked):  # the GUI sees the same lock
        auth.login(uow(), username="root", password=PASSWORD)


@pytest.mark.parametrize(
    "role, command",
    [
        (Role.SALES_MANAGER, ["backup", "--to", "{tmp}"]),  # MANAGE_BACKUPS, no longer EDIT_STORE
        (Role.SALES_MANAGER, NEW),
        (Role.CONSULTANT, ["certificate", "list"]),
        (Role.FINANCE, ["deactivate-user", "root"]),
    ],
)
def test_roles_without_the_permission_are_refused(uow, ready, capsys, tmp_path, role, command):
    make_user(uow, role, username="someone")
    args = [a.format(tmp=tmp_path / "b") for a in command]
    assert admin_cli(*args, "--database-url", ready, user="someone") == 1
    assert "'someone' may not run" in capsys.readouterr().err
    assert not (tmp_path / "b").exists() and _user(uow, "chen") is None
    assert _user(uow, "root").active
    assert [n for n, _ in _events(uow, "admin_command_refused")] == ["someone"]


def test_a_deactivated_account_cannot_use_the_command_line(uow, ready, capsys):
    make_user(uow, Role.ADMIN, username="li.admin")
    assert admin_cli("deactivate-user", "li.admin", "--database-url", ready) == 0
    assert admin_cli(*NEW, "--database-url", ready, user="li.admin") == 1
    assert "wrong username or password" in capsys.readouterr().err


def test_in_a_terminal_it_asks_for_the_account(uow, ready, capsys, monkeypatch):
    asked = []
    monkeypatch.setattr(cli, "_is_tty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt="": asked.append(prompt) or "root")
    monkeypatch.setattr("getpass.getpass", lambda prompt="": asked.append(prompt) or PASSWORD)
    assert admin_cli(*NEW, "--database-url", ready, user=None) == 0
    assert asked == ["Username: ", "Password for root: "]
    assert _user(uow, "chen") is not None
    assert [n for n, _ in _events(uow, "admin_command")] == ["root"]


def test_staff_commands_deactivate_activate_and_set_roles(uow, ready, capsys):
    make_user(uow, Role.CONSULTANT, username="wang")
    assert admin_cli("deactivate-user", "wang", "--database-url", ready) == 0
    assert "can no longer log in" in capsys.readouterr().out
    assert not _user(uow, "wang").active
    assert admin_cli("activate-user", "WANG", "--database-url", ready) == 0
    assert _user(uow, "wang").active
    assert (
        admin_cli("set-roles", "wang", "--role", "sales_manager", "--role", "consultant", "--database-url", ready) == 0
    )
    assert "consultant, sales_manager" in capsys.readouterr().out
    assert _user(uow, "wang").role_set == {Role.SALES_MANAGER, Role.CONSULTANT}
    assert [n for n, _ in _events(uow, "staff_roles_changed")] == ["root"]
    assert admin_cli("deactivate-user", "root", "--database-url", ready) == 2
    assert "your own account" in capsys.readouterr().err
    assert admin_cli("set-roles", "root", "--role", "finance", "--database-url", ready) == 2
    assert "last active administrator" in capsys.readouterr().err
    assert admin_cli("deactivate-user", "nobody", "--database-url", ready) == 2
    assert "no staff account 'nobody'" in capsys.readouterr().err


def _commands(parser: argparse.ArgumentParser, prefix: str = ""):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                inner = [a for a in sub._actions if isinstance(a, argparse._SubParsersAction)]
                yield from (_commands(sub, f"{prefix}{name} ") if inner else [prefix + name])


def test_every_command_has_a_permission_or_is_deliberately_open():
    from app.core.permissions import CLI_COMMANDS, CLI_OPEN_COMMANDS

    names = set(_commands(cli.build_parser()))
    assert names == set(CLI_COMMANDS) | CLI_OPEN_COMMANDS


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_a_password_file_must_be_owner_only(uow, ready, capsys, tmp_path):
    secret = tmp_path / "root.password"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    secret.chmod(0o644)
    assert admin_cli(*NEW, "--database-url", ready, "--user", "root", "--password-file", str(secret), user=None) == 2
    assert "chmod 600" in capsys.readouterr().err and _user(uow, "chen") is None
    secret.chmod(0o600)
    assert admin_cli(*NEW, "--database-url", ready, "--user", "root", "--password-file", str(secret), user=None) == 0
    assert _user(uow, "chen") is not None
