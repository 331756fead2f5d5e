"""Files and folders readable by the app's user only (issue #15.4, PIPL art. 51(2): personal
information is protected by technical measures against unauthorised access).

The database, its backups, exports and logs hold customers' personal information; another
account on the same PC must not be able to read them. On POSIX, folders are made 0700 and files
0600 whatever the process umask (the mode is given to os.open and then set explicitly, since
the umask only ever removes bits). On Windows the same is done with an access-control list:
`icacls` removes the inherited entries and grants the current user full control only.

Everything here is best effort on Windows: a failed `icacls` is logged as a warning and never
stops a backup or an export (the per-user %LOCALAPPDATA% is private to the user already).

Lives in db/ (the lowest layer) because db/session.py creates the database file with it;
app/, ui/ and main.py use it too.
"""

from __future__ import annotations

import getpass
import logging
import os
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)

FILE_MODE = 0o600
DIR_MODE = 0o700

# The command runner for icacls; replaceable so the Windows command can be checked anywhere.
Runner = Callable[[list[str]], subprocess.CompletedProcess]
# Windows: folders and long-lived files given their ACL by this process already (icacls is a
# program start, and the data directory and the database are opened many times).
_acl_done: set[str] = set()


def _run_icacls(cmd: list[str]) -> subprocess.CompletedProcess:
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # no console flashing up in the GUI
    return subprocess.run(cmd, capture_output=True, text=True, check=False, creationflags=flags)


def windows_acl_command(path: Path, *, is_dir: bool, user: str | None = None) -> list[str]:
    """The icacls call that leaves `path` to its owner alone: inherited entries removed
    (/inheritance:r), every other grant replaced by full control for the current user;
    (OI)(CI) on a folder so that files created in it later inherit the same."""
    user = user or _windows_user()
    grant = f"{user}:(OI)(CI)F" if is_dir else f"{user}:F"
    return ["icacls", str(path), "/inheritance:r", "/grant:r", grant]


def _windows_user() -> str:
    domain = os.environ.get("USERDOMAIN")
    name = getpass.getuser()
    return f"{domain}\\{name}" if domain else name


def restrict(path: Path, *, runner: Runner | None = None, nt: bool | None = None, once: bool = False) -> None:
    """Narrow an existing file or folder to its owner: 0600/0700 on POSIX, an owner-only ACL on
    Windows. Never raises: a failure is logged (the data stays where it is, usable).
    `once`: on Windows, skip a path this process has narrowed already (never for a file that
    may have been replaced by a new one under the same name)."""
    path = Path(path)
    nt = (os.name == "nt") if nt is None else nt
    try:
        is_dir = path.is_dir()
        if not nt:
            os.chmod(path, DIR_MODE if is_dir else FILE_MODE)
            return
        if once and str(path) in _acl_done:
            return
        done = (runner or _run_icacls)(windows_acl_command(path, is_dir=is_dir))
        if done.returncode != 0:
            log.warning("could not make %s private: %s", path, (done.stdout or done.stderr or "").strip()[:200])
        else:
            _acl_done.add(str(path))
    except (OSError, subprocess.SubprocessError) as e:
        log.warning("could not make %s private: %s", path, e)


def private_dir(path: Path, *, narrow_existing: bool = True) -> Path:
    """Create `path` (and missing parents) and make it owner-only. `narrow_existing=False`:
    a folder that was there already (one the user chose, e.g. a shared backup drive) is
    left as it is; only a folder created here is narrowed."""
    path = Path(path)
    existed = path.is_dir()
    path.mkdir(parents=True, exist_ok=True)
    if narrow_existing or not existed:
        restrict(path, once=True)
    return path


def still_private(path: Path) -> bool:
    """Whether the folder `path` (made private earlier) is still there and owner-only: one
    stat. On Windows its ACL, set once, stays; only its being there is checked."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and (os.name == "nt" or not st.st_mode & 0o077)


def touch_private(path: Path) -> Path:
    """Create `path` empty and owner-only if it is missing, or narrow it if it exists, BEFORE
    anything is written to it: whatever then opens it for writing ("w", "wb", sqlite3,
    openpyxl, pg_dump -f) keeps the mode, so no reader ever finds it open to others."""
    path = Path(path)
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0)
    try:
        fd, created = os.open(path, flags | os.O_EXCL, FILE_MODE), True
    except FileExistsError:
        fd, created = os.open(path, flags, FILE_MODE), False
    try:
        if os.name != "nt":
            os.fchmod(fd, FILE_MODE)
    except OSError as e:  # e.g. another account's file: usable, but say it is not private
        log.warning("could not make %s private: %s", path, e)
    finally:
        os.close(fd)
    if os.name == "nt":
        restrict(path, once=not created)  # a new file always gets its ACL
    return path


def write_private_bytes(path: Path, data: bytes) -> Path:
    """Write `data` to `path` (replacing it) readable by the owner only."""
    touch_private(path)
    with open(path, "wb") as f:
        f.write(data)
    return Path(path)


def write_private_text(path: Path, text: str, *, encoding: str = "utf-8") -> Path:
    return write_private_bytes(path, text.encode(encoding))


def restrict_sqlite(path: Path) -> None:
    """The database file and the -wal/-shm files SQLite keeps beside it: created owner-only
    when missing (SQLite then gives its -wal/-shm the mode of the main file), and narrowed
    when an older version left them readable by everyone."""
    path = Path(path)
    touch_private(path)
    for extra in ("-wal", "-shm", "-journal"):
        side = path.with_name(path.name + extra)
        if side.exists():
            restrict(side, once=True)


__all__ = [
    "DIR_MODE",
    "FILE_MODE",
    "private_dir",
    "restrict",
    "restrict_sqlite",
    "still_private",
    "touch_private",
    "windows_acl_command",
    "write_private_bytes",
    "write_private_text",
]
