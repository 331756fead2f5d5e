"""Layers and features: app/ and db/ never load Qt (style guide §2), checked in a clean
interpreter; features use each other only through their public module (issue #16 item 3)."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_app_and_db_does_not_load_pyside6():
    code = (
        "import sys, pkgutil, importlib, app, db\n"
        "for pkg in (app, db):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if '.migrations' not in m.name: importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'ui'))]\n"
        "assert not bad, bad\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


# Features (README, Development): app/<feature>/ and ui/<feature>/ use another feature only
# through its public module, <layer>/<feature>/api.py. The documents feature's PDF kit (layout,
# fonts, font subsets, signing) is public too. The shared kernel (app/core, ui/widgets) is open to all; the
# entry points that assemble the features (app/cli, app/demo, ui/shell) may import anything.
FEATURES = (
    "reception",
    "showroom",
    "test_drives",
    "pdi",
    "documents",
    "inventory",
    "privacy",
    "staff",
    "store",
    "sales",
    "finance",
    "customer_care",
)
PUBLIC_MODULE = "api"
ALSO_PUBLIC = {
    "app.documents.layout",
    "app.documents.layout_text",
    "app.documents.fonts",
    "app.documents.font_subsets",
    "app.documents.signing",
}
ASSEMBLERS = ("app.cli", "app.demo", "ui.shell")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _feature_of(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) >= 2 and parts[0] in ("app", "ui") and parts[1] in FEATURES:
        return parts[1]
    return None


def _is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _imported_modules(source: str):
    """(line, module) for every absolute import, at the top or inside a function. For
    `from pkg import name` the module is pkg.name when that is a module, else pkg."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                yield node.lineno, full if _is_module(full) else node.module


def feature_violations(module: str, source: str) -> list[str]:
    """Imports by `module` of another feature's internals, as 'module:line -> target'."""
    own = _feature_of(module)
    if own is None and not module.startswith(("app.core", "ui.widgets")):
        return []
    if module.startswith(ASSEMBLERS):
        return []
    found = []
    for line, target in _imported_modules(source):
        other = _feature_of(target)
        if other is None or other == own or target in ALSO_PUBLIC:
            continue
        if target.split(".")[2:] != [PUBLIC_MODULE]:
            found.append(f"{module}:{line} -> {target}")
    return found


def _product_modules():
    for layer in ("app", "ui", "db"):
        yield from sorted((ROOT / layer).rglob("*.py"))


def test_features_use_each_other_only_through_their_public_module():
    bad = []
    for path in _product_modules():
        bad += feature_violations(_module_name(path), path.read_text(encoding="utf-8"))
    assert not bad, "import the other feature's api module instead:\n" + "\n".join(bad)


def test_the_feature_check_sees_internals_public_modules_and_lazy_imports():
    source = (
        "from app.store.store import get_store\n"  # another feature's internals
        "from app.store import store\n"  # the same, attribute style
        "from app.store.api import get_store\n"  # its public module: fine
        "from app.documents.layout import Text\n"  # the PDF kit: fine
        "from app.showroom.qr import parse\n"  # own feature: fine
        "from app.core.errors import NotFound\n"  # kernel: fine
        "from ui.reception.fields import ReceptionChanges\n"  # ui of another feature
        "def f():\n"
        "    import app.pdi.inspections\n"  # lazy: still counted
    )
    assert feature_violations("app.showroom.cards", source) == [
        "app.showroom.cards:1 -> app.store.store",
        "app.showroom.cards:2 -> app.store.store",
        "app.showroom.cards:7 -> ui.reception.fields",
        "app.showroom.cards:9 -> app.pdi.inspections",
    ]
    assert feature_violations("ui.shell.main_window", source) == []
    assert feature_violations("ui.widgets.table_fit", source)[0].endswith("app.store.store")


def test_every_feature_has_its_public_module_and_one_package_per_layer():
    for feature in FEATURES:
        assert (ROOT / "app" / feature / f"{PUBLIC_MODULE}.py").is_file(), feature
        assert (ROOT / "ui" / feature / "__init__.py").is_file(), feature


def test_no_product_module_looks_like_a_test():
    """pytest would collect app/x/test_y.py as tests (issue #16 item 3)."""
    bad = [
        str(p.relative_to(ROOT))
        for p in _product_modules()
        if p.name.startswith("test_") or p.name.endswith("_test.py")
    ]
    assert not bad, bad
