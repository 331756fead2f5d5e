"""Load the heavy back end while the login window is already on screen.

SQLAlchemy, Alembic, argon2 and the services are imported on a background thread; the
schema is upgraded (after a backup copy of a SQLite file), and today's automatic backup is
taken on a thread of its own if it is missing. The result, or the error, comes
back to the UI thread by a queued signal. This module itself imports only QtCore.
"""

from __future__ import annotations

import logging
import sys
import threading

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class Backend:
    """What the loader hands to the windows. A plain class, not a dataclass: this module is
    imported before the login window's first paint, and `dataclasses` costs ~4 ms there (a
    bare window starts in ~160 ms; issue #17, first window ≤ 1.2×)."""

    def __init__(
        self,
        *,
        database: object,  # db.uow.Database (typed loosely so this module stays light)
        url: str,
        needs_setup: bool,
        store: object | None = None,  # StoreDTO
        demo_users: list[tuple[str, str, str, tuple[str, ...]]] | None = None,
        backup_path: str | None = None,
        font_error: BaseException | None = None,
    ) -> None:
        self.database = database
        self.url = url
        self.needs_setup = needs_setup
        self.store = store
        self.demo_users = demo_users if demo_users is not None else []
        self.backup_path = backup_path
        # Documents need an embedded CJK font; without one the app still runs, and says so at once.
        self.font_error = font_error


def load_backend(url: str, demo: bool, progress=None) -> Backend:
    from app.store import store as store_service
    from db.migrate import upgrade
    from db.uow import Database

    demo_users = []
    if demo:
        from app.demo import DEMO_USERS
        from app.demo.template import prepare_demo

        prepare_demo(url, progress=progress)  # a first start copies the built template in
        demo_users = [(u[0], u[1], u[2], tuple(u[3])) for u in DEMO_USERS]
    from app.store.backup import before_migration

    backup = upgrade(url, before_migration)  # backs up first (SQLite copy, or pg_dump)
    if not demo:
        start_daily_backup(url)
    database = Database(url)
    if demo:
        from app.demo.reception import seed_reception_demo

        seed_reception_demo(database)  # today's queue, two weeks of traffic, appointments
    from app.reception.notifications import prune_events

    prune_events(database.uow())  # change-feed rows only drive live screens; keep a few days
    needs = store_service.needs_setup(database.uow())
    store = None if needs else store_service.get_store(database.uow())
    font_error = None
    try:
        from app.documents.fonts import check_fonts

        check_fonts()
    except Exception as exc:  # noqa: BLE001 - reported on the login window, logged here
        log.error("document font check failed: %s", exc)
        font_error = exc
    # Warm up what the first login needs (argon2, ORM mappers), still off the UI thread.
    from app.staff import auth  # noqa: F401
    from app.inventory import vehicles  # noqa: F401

    warm_ui_imports()
    from ui.shell.source_lines import drop_source_lines

    drop_source_lines()  # what PySide's import hook read of the modules above (issue #17)

    return Backend(
        database=database,
        url=url,
        needs_setup=needs,
        store=store,
        demo_users=demo_users,
        backup_path=str(backup) if backup else None,
        font_error=font_error,
    )


# Modules the main window needs at once (the first page) or at an awkward moment (the PDF
# preview opens as a batch of cards finishes; QtPdf's libraries take ~0.2 s to load). Importing
# them here, on the loader thread while the user types the password, keeps that off the UI
# thread (bench/run.py: usable main window, longest UI stall; issue #10). Their module level
# defines classes and translatable strings only, no widgets, so any thread may import them.
WARM_UI_MODULES = (
    "ui.shell.main_window",
    "ui.shell.nav_counts",
    "ui.widgets.table_state",
    "ui.widgets.badge_delegate",
    # Each role's home page (ui/shell/nav.py HOME_BY_ROLE, issue #17.7).
    "ui.reception.reception_page",
    "ui.reception.queue_page",
    "ui.reception.reports_page",
    "ui.pdi.pdi_page",
    "ui.documents.documents_page",
    "ui.store.admin_page",
    "ui.finance.finance_page",  # finance's home since issue #18.7 (its import was on the UI thread)
    "ui.customer_care.care_page",  # customer care's home (issue #19)
    "ui.inventory.inventory_page",
    "ui.widgets.pdf_preview_dialog",
    "ui.inventory.import_report_dialog",
    "ui.shell.printing",
)


def warm_ui_imports() -> None:
    import importlib

    for name in WARM_UI_MODULES:
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - only a warm-up: the real import reports it
            log.warning("warm-up import of %s failed: %s", name, exc)


M_ARENA_MAX = -8  # glibc's <malloc.h>
MALLOC_ARENAS = 2


def limit_malloc_arenas() -> None:
    """At most two malloc arenas (glibc on Linux; elsewhere nothing to do).

    glibc gives each thread that allocates while another holds an arena one of its own, up to
    8 per core, and memory freed in an arena stays resident there. Our threads (the back-end
    loader, four readers and one writer in ui.shell.workers, the month-end snapshots, the
    daily backup) take turns on the GIL, so more arenas buy no speed, only fragments:
    MALLOC_ARENA_MAX=2 lowered the peak with every page visited by ~3.5 MB (issue #17, peak
    RSS ≤ 200 MB; bench/RESULTS.md). Called after the first paint: ctypes is not light."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(M_ARENA_MAX, MALLOC_ARENAS)
    except (OSError, AttributeError):  # not glibc (e.g. musl): its allocator, its rules
        log.info("malloc arenas left as they are (no glibc mallopt)")


def start_daily_backup(url: str) -> threading.Thread:
    """Today's automatic backup (issue #8.5), if it is missing, on its own thread: a large
    database must not delay the login window. Failures are logged, never shown at start-up
    (the Administration page lists the backups, so a missing one is visible there)."""

    def run() -> None:
        try:
            from app.store.backup import daily_backup_if_due

            info = daily_backup_if_due(url)
            if info is not None:
                log.info("daily backup written: %s", info.path)
        except Exception:  # noqa: BLE001 - logged; the app works on without it
            log.exception("daily backup failed")

    thread = threading.Thread(target=run, name="daily-backup", daemon=True)
    thread.start()
    return thread


class BackendLoader(QObject):
    backend_ready = Signal(object)
    backend_failed = Signal(object)
    progress = Signal(str, int, int)  # demo build step, done, total (app/demo/template.py)

    def __init__(self, url_resolver, demo: bool) -> None:
        super().__init__()
        self._url_resolver = url_resolver  # resolving imports SQLAlchemy: done on the thread
        self.demo = demo
        self.backend: Backend | None = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="backend-loader", daemon=True)

    def start(self) -> None:
        if self.demo:  # a first demo start may build the demo store: say so while it runs
            from ui.shell.demo_progress import DemoProgress

            self._demo_progress = DemoProgress(self)
        limit_malloc_arenas()  # before the loader, the worker pools and the month-end thread
        self._thread.start()

    def _run(self) -> None:
        try:
            self.backend = load_backend(self._url_resolver(), self.demo, self.progress.emit)
        except BaseException as exc:  # noqa: BLE001 - reported to the UI, logged there
            log.exception("back end failed to load")
            self.error = exc
            self.backend_failed.emit(exc)
        else:
            self.backend_ready.emit(self.backend)

    def wait(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)
