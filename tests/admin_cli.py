"""Run `showroom admin` in tests as a signed-in staff account (issue #15.9).

Every admin command except `init` (on an empty database), `migrate` and `demo` signs in as a
real staff account (app/cli/auth.py). Tests give that account in ONE place, here:

    from tests.admin_cli import admin_cli, cli_env

    assert admin_cli("backup", "--to", str(d), "--database-url", db_url) == 0  # in-process
    subprocess.run([..., "-m", "app.cli", ...], env={**os.environ, **cli_env()})  # a process

Both sign in as CLI_USER ("root") with tests.factories.PASSWORD, which is what the usual
fixtures create (`make_user(uow, Role.ADMIN, username="root")`); pass user=/password= to run
as someone else, or user=None to run with no account at all (to test the refusal).

Errors are printed in English unless a test asks for Chinese (SHOWROOM_LANG, issue #17.6):
cli_env(lang="zh_CN"), or monkeypatch.setenv("SHOWROOM_LANG", "zh_CN") around admin_cli.
"""

from __future__ import annotations

import contextlib
import os

from tests.factories import PASSWORD

CLI_USER = "root"
ENV_USER, ENV_PASSWORD, ENV_LANG = "SHOWROOM_USER", "SHOWROOM_PASSWORD", "SHOWROOM_LANG"


def cli_env(user: str | None = CLI_USER, password: str = PASSWORD, lang: str = "en") -> dict[str, str]:
    """The environment variables that sign a `showroom admin` process in as `user`, with its
    errors in `lang` (whatever the machine's locale)."""
    return {ENV_LANG: lang, **({ENV_USER: user, ENV_PASSWORD: password} if user else {})}


@contextlib.contextmanager
def signed_in(user: str | None = CLI_USER, password: str = PASSWORD):
    """Within the block, in-process `app.cli.main(...)` calls sign in as `user`."""
    saved = {k: os.environ.get(k) for k in (ENV_USER, ENV_PASSWORD, ENV_LANG)}
    lang = saved[ENV_LANG] or "en"  # a test's monkeypatch.setenv(ENV_LANG, "zh_CN") stays
    for k in saved:
        os.environ.pop(k, None)
    os.environ.update(cli_env(user, password, lang))
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def admin_cli(*args: str, user: str | None = CLI_USER, password: str = PASSWORD) -> int:
    """`showroom admin ARGS` in this process, signed in as `user`; returns the exit code."""
    from app import cli

    with signed_in(user, password):
        return cli.main([str(a) for a in args])
