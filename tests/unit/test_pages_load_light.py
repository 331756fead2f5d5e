"""Issue #17 (speed, peak memory ≤ 200 MB with every page visited): opening a page must not load
what only an action needs. Drawing a PDF (reportlab), signing one (pyHanko), amounts in words
(cn2an), ID checks (python-stdnum) and schema upgrades (Alembic) load when the user prints,
signs, saves or upgrades, not when a page or the navigation's live counts are shown."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("reportlab", "pyhanko", "cn2an", "stdnum", "alembic", "mako", "pygments", "openpyxl")

# Every page module, the main window, the start-up warm-up and the live counts' services.
CODE = """
import importlib, sys
from pathlib import Path
import ui.shell.startup as startup
for name in startup.WARM_UI_MODULES:
    importlib.import_module(name)
for path in sorted(Path('ui').glob('*/*_page.py')):
    importlib.import_module('.'.join(path.with_suffix('').parts))
for name in ('app.showroom.cards', 'app.pdi.queries', 'app.sales.board', 'app.reception.counts',
             'app.customer_care.api', 'app.finance.api', 'app.sales.api', 'db.migrate'):
    importlib.import_module(name)
print(' '.join(sorted({m.split('.')[0] for m in sys.modules} & set(sys.argv[1:]))))
"""


def test_pages_and_live_counts_load_no_pdf_signing_or_migration_modules():
    out = subprocess.run(
        [sys.executable, "-c", CODE, *HEAVY],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert out.stdout.strip() == "", f"loaded by opening a page: {out.stdout.strip()}"


def test_pages_load_no_charting_library():
    """The KPI page's 12-month trend is painted by hand: QtCharts (its library, wrappers and a
    graphics scene) added ~7 MB when that page opened (bench/RESULTS.md)."""
    code = CODE + "print('PySide6.QtCharts' in sys.modules)\n"
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert out.stdout.splitlines()[-1:] == ["False"], out.stdout + out.stderr[-2000:]
