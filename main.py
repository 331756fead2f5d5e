"""Showroom entry point: `showroom` (GUI), `showroom --demo`, `showroom admin …` (command line).

Start-up is built for speed: only QtWidgets is imported before the login window is on screen;
SQLAlchemy, the services and the schema upgrade load on a background thread while the user
types (ui/shell/startup.py).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger("showroom")


def _log_dir() -> Path:
    override = os.environ.get("SHOWROOM_DATA_DIR")
    if override:
        base = Path(override)
    else:
        from platformdirs import user_log_dir

        base = Path(user_log_dir("Showroom", appauthor=False))
    path = base / "logs" if override else base
    from db.private_files import private_dir

    return private_dir(path)  # logs name customers and staff: owner-only (issue #15.4)


def setup_logging() -> Path:
    # logging.handlers pulls in socket and pickle (~50 ms): loaded once the login is on screen.
    import logging.handlers

    from db.private_files import touch_private

    path = touch_private(_log_dir() / "showroom.log")  # owner-only before the first line
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.rotator = _private_rotator
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def _private_rotator(source: str, dest: str) -> None:
    """Rotate as logging does, then create the next log file owner-only before the handler
    reopens it (it would otherwise be created with the umask's mode)."""
    from db.private_files import touch_private

    if os.path.exists(source):
        os.replace(source, dest)
    touch_private(Path(source))


GUI_VALUE_OPTIONS = {"--database-url": "database_url", "--lang": "lang"}
GUI_LANGUAGES = ("zh_CN", "en")


def parse_gui_args(argv: list[str]) -> argparse.Namespace:
    return _plain_gui_args(argv) or _gui_parser().parse_args(argv)


def _plain_gui_args(argv: list[str]) -> argparse.Namespace | None:
    """The usual starts (no option, --demo, --lang zh_CN, --database-url URL, each at most
    once) read without building argparse's parser: its help texts go through gettext, which
    imports `locale`, ~3 ms before the login window paints (issue #17, first window ≤ 1.2× a
    bare one). Anything else (--help, an unknown, abbreviated or repeated option, the
    --option=value form, a missing value, another language) is None: argparse then answers
    it, with its messages. Both give the same Namespace for what this accepts (tested)."""
    out: dict[str, object] = {"demo": False, "database_url": None, "lang": None}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--demo" and not out["demo"]:
            out["demo"] = True
            i += 1
            continue
        key = GUI_VALUE_OPTIONS.get(arg)
        if key is None or out[key] is not None or i + 1 >= len(argv) or argv[i + 1].startswith("-"):
            return None
        out[key] = argv[i + 1]
        i += 2
    if out["lang"] not in (None, *GUI_LANGUAGES):
        return None
    return argparse.Namespace(**out)


def _gui_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="showroom", description="Showroom (乘用车展厅系统)")
    p.add_argument("--demo", action="store_true", help="open the demo store (a separate database)")
    p.add_argument("--database-url", help="SQLAlchemy URL; default: SHOWROOM_DATABASE_URL or a per-user SQLite file")
    p.add_argument("--lang", choices=list(GUI_LANGUAGES), help="user-interface language")
    return p


def resolve_url(args: argparse.Namespace, saved_url: str) -> str:
    from db.session import resolve_database_url

    if args.database_url or args.demo or os.environ.get("SHOWROOM_DATABASE_URL"):
        return resolve_database_url(args.database_url, demo=args.demo)
    return saved_url or resolve_database_url(None)


def install_excepthook() -> None:
    """No traceback ever reaches a user: log it, show a readable message."""

    def hook(exc_type, exc, tb):
        log.error("uncaught exception", exc_info=(exc_type, exc, tb))
        try:
            from ui.shell.errors import show_error

            show_error(None, exc)
        except Exception:  # noqa: BLE001 - last resort: the log has it
            pass

    sys.excepthook = hook


def run_gui(argv: list[str]) -> int:
    args = parse_gui_args(argv)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Showroom")
    app.setOrganizationName("Showroom")
    install_excepthook()
    from ui.widgets.style import apply_style

    apply_style(app)  # the one stylesheet, before the first window (issue #17.7)

    from ui.shell import settings as opts
    from ui.shell.i18n import choose_language, install_translators
    from ui.shell.shell import Shell

    install_translators(choose_language(args.lang, opts.get(opts.LANGUAGE)))
    shell = Shell(demo=args.demo, url_resolver=lambda: resolve_url(args, opts.get(opts.DATABASE_URL)))
    shell.start()
    # The log file opens as soon as the event loop runs (the login is then on screen); until
    # then the excepthook's records go to stderr.
    QTimer.singleShot(0, setup_logging)
    code = app.exec()
    shell.shutdown()
    return code


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "admin":
        from app.cli import main as admin_main

        return admin_main(argv[1:])
    return run_gui(argv)


if __name__ == "__main__":
    sys.exit(main())
