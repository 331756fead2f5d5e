"""Code health limits of issue #16.4: no product file over 400 lines and no function over 60.

Product code is app/, db/ (migrations excepted: each is frozen history, written once) and ui/.
A file or function over the limit is split by meaning, not cut at the line."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 60


def _product_files() -> list[Path]:
    files = [ROOT / "main.py"]
    for top in ("app", "db", "ui"):
        files += [p for p in (ROOT / top).rglob("*.py") if "migrations" not in p.parts]
    return sorted(files)


def test_no_product_file_over_400_lines():
    long = {}
    for path in _product_files():
        lines = path.read_text(encoding="utf-8").count("\n")
        if lines > MAX_FILE_LINES:
            long[str(path.relative_to(ROOT))] = lines
    assert not long, f"split by meaning: {long}"


def test_no_function_over_60_lines():
    long = {}
    for path in _product_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"] = length
    assert not long, f"split into named steps: {long}"
