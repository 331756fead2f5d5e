"""The demo template (演示模板): the demo store built once, then copied in at each first start.

Building the demo through the real services takes 25-90 s (issue #17, speed: "first start of
`--demo` took 27.7 s with no progress shown"). `prepare_demo` builds it once into a template
file in the per-user cache (`data_dir()/cache/demo-template.sqlite`) and copies that file to
where the demo database belongs, which takes well under a second.

Why the template is rebuilt when its day is not today, rather than shifted: the demo's dates
are relative to the day it was built (today's reception queue, test drives "now", cars' stock
age, signed notices). Shifting the stored timestamps would break what the demo exists to
show: each audit event is linked to the one before it by an HMAC over its content, time
included (app/core/audit_chain.py), and every archived document carries its signing time
inside the signed PDF; a shifted demo would fail its own "verify the audit log" and "verify
a PDF file". A template built today is correct by construction. So the template is current
only for the app version, schema head, key files, store day and demo content (`CONTENT`) it
was built with (`Manifest`); anything else rebuilds it, with progress shown.

Keys: the signing, personal-data and audit key files live in `data_dir()/keys`, shared by
every database of this terminal (the real store too), so they are not copied with the
template (that would replace the real store's keys). Instead the template records the ids of
the key files it was built with, and a template built under other keys is rebuilt. The audit
anchor (one per database file) is re-taken for the copy, as after a restore.

`bash .ci/setup` builds the template at install time (`ensure_template`), so the README's
two commands open the demo within seconds on the day of the install; on a later day the first
demo start rebuilds it once, with progress shown.

Only a demo in a SQLite file that does not exist yet is copied; an existing demo database or
a server database is completed in place by `build_demo`, as before.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.core import audit_chain, keys
from app.core.clock import utcnow

if TYPE_CHECKING:
    from app.demo import DemoInfo

# Steps reported to `progress(step, done, total)`; the UI names them in the user's language.
Progress = Callable[[str, int, int], None]
TEMPLATE_NAME = "demo-template.sqlite"
MANIFEST_NAME = "demo-template.json"
KEY_NAMES = (keys.SIGNING, "personal", audit_chain.AUDIT)
# What the demo holds: changed when a feature adds to the demo, so that a template built earlier
# the same day by an older checkout is rebuilt (issue #20: the year of KPI history, then its
# documents, PDI reports and complaint answers dated in their own month).
CONTENT = "20-kpi-history-dated-appointment-today"


@dataclass(frozen=True)
class Manifest:
    app_version: str
    schema_head: str
    day: str  # the store day the template was built on, ISO
    key_ids: dict[str, str]
    content: str  # CONTENT; a manifest without it is from before issue #20 and not current


def template_dir() -> Path:
    from db.private_files import private_dir
    from db.session import data_dir

    return private_dir(data_dir() / "cache")


def template_path() -> Path:
    return template_dir() / TEMPLATE_NAME


def _app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("showroom")
    except PackageNotFoundError:  # run from a checkout without installing
        return "dev"


def _key_ids() -> dict[str, str]:
    return {name: keys.key_id(keys.load_key(name)).hex() for name in KEY_NAMES if keys.has_key(name)}


def current_manifest(now: dt.datetime) -> Manifest:
    from app.core.clock import store_today
    from db.migrate import head_revision

    return Manifest(_app_version(), head_revision(), store_today(now).isoformat(), _key_ids(), CONTENT)


def stored_manifest() -> Manifest | None:
    path = template_dir() / MANIFEST_NAME
    try:
        return Manifest(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def template_is_current(now: dt.datetime) -> bool:
    """True when the template exists and was built today, by this version, under these keys."""
    return template_path().is_file() and stored_manifest() == current_manifest(now)


def _history_step(progress: Progress | None) -> Callable[[], None] | None:
    """Names the KPI year's step (app/demo/history.py) on the progress dialog when it is built."""
    return (lambda: progress("history", 8, 9)) if progress else None


def build_template(now: dt.datetime, progress: Progress | None = None) -> Manifest:
    """(Re)build the template from nothing; the manifest is written last, so a build cut
    short leaves no template that looks current."""
    from app.demo import build_demo
    from app.demo.history import add_kpi_history
    from app.demo.reception import seed_reception_demo
    from db.session import sqlite_url
    from db.uow import Database

    path = template_path()
    url = sqlite_url(path)
    (template_dir() / MANIFEST_NAME).unlink(missing_ok=True)
    for extra in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    audit_chain.forget_anchor(url)
    build_demo(url, now=now, progress=progress)
    if progress:
        progress("reception", 8, 9)
    db = Database(url)
    try:
        seed_reception_demo(db, now=now)  # today's queue, two weeks of traffic, appointments
        add_kpi_history(db, now, _history_step(progress))  # issue #20: a year of what the KPIs read
    finally:
        db.dispose()
    manifest = current_manifest(now)  # after the build: a first build creates the keys
    (template_dir() / MANIFEST_NAME).write_text(json.dumps(asdict(manifest), indent=1), encoding="utf-8")
    return manifest


def ensure_template(now: dt.datetime | None = None, progress: Progress | None = None) -> bool:
    """Build today's template unless it is current; True when it was built. `.ci/setup`
    calls it, so the README's `bash .ci/setup && showroom --demo` opens the demo at once."""
    now = now or utcnow()
    if template_is_current(now):
        return False
    build_template(now, progress)
    return True


def copy_template(target: Path, target_url: str) -> None:
    """A consistent copy of the template (SQLite's backup API, so a -wal file left beside the
    template cannot be missed), owner-only, then this terminal's audit anchor for it."""
    from db.private_files import restrict_sqlite

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    restrict_sqlite(partial)
    src = sqlite3.connect(template_path())
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    shutil.move(str(partial), str(target))  # appears whole or not at all
    audit_chain.reanchor(target_url)


def copies_template(url: str) -> bool:
    """True when the demo at `url` is made by copying the template: a SQLite file not there yet
    (or empty). An existing demo, or one on a server, is completed in place."""
    from db.session import sqlite_path

    target = sqlite_path(url)
    return target is not None and not (target.exists() and target.stat().st_size > 0)


def complete_in_place(url: str, *, now: dt.datetime | None = None, progress: Progress | None = None) -> DemoInfo:
    """The demo at `url` completed where it is (build_demo) with its KPI year; `created` says
    whether anything was added."""
    from dataclasses import replace

    from app.demo import build_demo
    from app.demo.history import add_kpi_history
    from db.uow import Database

    now = now or utcnow()
    info = build_demo(url, now=now, progress=progress)
    db = Database(url)
    try:
        if add_kpi_history(db, now, _history_step(progress)):  # a demo from before issue #20 gets it once
            info = replace(info, created=True, documents=_documents(db))
    finally:
        db.dispose()
    return info


def _documents(db) -> int:
    from db.models import Document

    with db.uow() as uow:
        return uow.session.query(Document).count()


def prepare_demo(url: str, *, now: dt.datetime | None = None, progress: Progress | None = None) -> str:
    """Make the demo database at `url` ready. Returns "copied" (from the template, rebuilt
    first when not current) or "built" (completed in place by build_demo)."""
    now = now or utcnow()
    if not copies_template(url):
        complete_in_place(url, now=now, progress=progress)
        return "built"
    from db.session import sqlite_path

    target = sqlite_path(url)
    assert target is not None  # copies_template: a SQLite file
    ensure_template(now, progress)
    if progress:
        progress("copy", 9, 9)
    copy_template(target, url)
    return "copied"
