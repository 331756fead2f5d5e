"""This terminal's backup settings (issue #8.5): how many daily backups to keep and where, in
`backup.json` in the data folder (readable by the app's user only, issue #15.4). The
administrator changes them on the admin page or with `showroom admin backup --keep N`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from app.core.dto import Actor
from app.core.errors import FieldError, ValidationFailed
from app.core.permissions import Action, require
from db.private_files import private_dir, touch_private
from db.session import data_dir

DEFAULT_KEEP = 14  # two weeks of daily backups
MIN_KEEP, MAX_KEEP = 1, 365
SETTINGS_FILE = "backup.json"


@dataclass(frozen=True)
class BackupSettings:
    keep: int = DEFAULT_KEEP
    directory: str | None = None  # None: <data dir>/backups


def _settings_path() -> Path:
    return data_dir() / SETTINGS_FILE


def load_settings() -> BackupSettings:
    """This terminal's backup settings; defaults when unset or unreadable."""
    try:
        raw = json.loads(_settings_path().read_text(encoding="utf-8"))
        keep = int(raw.get("keep", DEFAULT_KEEP))
        if not MIN_KEEP <= keep <= MAX_KEEP:
            keep = DEFAULT_KEEP
        directory = raw.get("directory") or None
        return BackupSettings(keep=keep, directory=str(directory) if directory else None)
    except (OSError, ValueError, TypeError, AttributeError):
        return BackupSettings()


def _check_keep(keep) -> int:
    if isinstance(keep, bool) or not isinstance(keep, int | str):
        raise ValidationFailed([FieldError("keep", "number_format")])
    try:
        value = int(str(keep).strip())
    except ValueError:
        raise ValidationFailed([FieldError("keep", "number_format")]) from None
    if not MIN_KEEP <= value <= MAX_KEEP:
        raise ValidationFailed([FieldError("keep", "out_of_range", {"min": MIN_KEEP, "max": MAX_KEEP})])
    return value


def save_settings(*, actor: Actor | None, keep, directory: str | None = None) -> BackupSettings:
    """Set how many daily backups to keep (and optionally where). Administrators only."""
    if actor is not None:  # None: the command line, which acts as the operator
        require(actor, Action.MANAGE_BACKUPS)
    settings = BackupSettings(keep=_check_keep(keep), directory=(directory or None))
    path = _settings_path()
    tmp = touch_private(path.with_suffix(".tmp"))
    tmp.write_text(json.dumps({"keep": settings.keep, "directory": settings.directory}), encoding="utf-8")
    os.replace(tmp, path)
    return settings


def backup_directory(settings: BackupSettings | None = None) -> Path:
    settings = settings or load_settings()
    if settings.directory:  # a folder the administrator chose: narrowed only if made here
        return private_dir(Path(settings.directory), narrow_existing=False)
    return private_dir(data_dir() / "backups")
