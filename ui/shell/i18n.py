"""Language choice and Qt translators: Chinese for a Chinese locale, English otherwise.

`--lang` beats the saved setting, which beats the system locale. Loads our compiled
resources/i18n/showroom_zh_CN.qm plus Qt's own qtbase_zh_CN.qm (standard buttons, dialogs).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

I18N_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"
LANGUAGES = ("zh_CN", "en")

_installed: list[QTranslator] = []


def normalise(lang: str | None) -> str | None:
    if not lang:
        return None
    lang = lang.replace("-", "_")
    if lang.lower().startswith("zh"):
        return "zh_CN"
    if lang.lower().startswith("en"):
        return "en"
    return None


def choose_language(cli_lang: str | None, saved: str | None, system: QLocale | None = None) -> str:
    for candidate in (cli_lang, saved):
        lang = normalise(candidate)
        if lang:
            return lang
    system = system or QLocale.system()
    return "zh_CN" if system.language() == QLocale.Language.Chinese else "en"


def install_translators(lang: str) -> bool:
    """Replace the installed translators; True if the requested translation was loaded."""
    app = QCoreApplication.instance()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if lang != "zh_CN":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return True
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    ok = True
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, directory in (("qtbase_zh_CN", qt_dir), ("showroom_zh_CN", str(I18N_DIR))):
        t = QTranslator(app)
        if t.load(name, directory):
            app.installTranslator(t)
            _installed.append(t)
        else:
            ok = False
    return ok


def current_language() -> str:
    return "zh_CN" if _installed else "en"
