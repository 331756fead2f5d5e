"""The clause index of the evidence pack (条款索引, issue #20.5): for each clause of chapters 4-5
of T/CSCA 120031-2023 the software supports, the feature, the modules and functions that cite
it, and the records, documents and pack files that evidence it.

GENERATED from the code, never written by hand: every module under app/ is read (its AST for
docstrings, its tokens for comments) and each number that is a clause of the standard
(clause_index_clauses.py, parsed from the standard's text) counts as a citation where it
appears. The demo data and the index's own modules are left out: they mention clauses
without implementing them. Joined with clause_index_evidence.EVIDENCE; written as CSV and
as Markdown.
"""

from __future__ import annotations

import ast
import csv
import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path

from app.kpis.clause_index_clauses import CLAUSES
from app.kpis.clause_index_evidence import evidence_for

APP_ROOT = Path(__file__).resolve().parents[1]  # app/
# A citation names a clause to its third level at least ("4.2.4", "4.4.1.4"): a bare "4.1" or
# "5.2" is as often another text's section (a design note's, a GB/T's) as the standard's chapter.
_NUMBER = re.compile(r"(?<![\d.])([45](?:\.\d+){2,3})(?![\d.]*\d)")
# Mentions, not implementations: the demo's data and this index's own modules.
SKIPPED = ("demo/", "kpis/clause_index", "kpis/evidence")
HEADINGS = dict(CLAUSES)


@dataclass(frozen=True, order=True)
class Citation:
    clause: str
    feature: str  # app/<feature>/ (core, cli, ...)
    module: str  # app/test_drives/fleet_setup.py
    function: str  # the qualified name of the function or class, "" for the module itself


@dataclass(frozen=True)
class ClauseRow:
    clause: str
    heading: str
    feature: str
    module: str
    functions: tuple[str, ...]
    records: tuple[str, ...]
    documents: tuple[str, ...]
    files: tuple[str, ...]


def clause_key(number: str) -> tuple[int, ...]:
    return tuple(int(p) for p in number.split("."))


def _clauses_in(text: str) -> set[str]:
    """The standard's clause numbers in a text ("4.2.4.3"; a "5.3" the standard lacks is not one)."""
    return {n for n in _NUMBER.findall(text) if n in HEADINGS}


def _scopes(tree: ast.Module) -> list[tuple[int, int, str, ast.AST]]:
    """(first line, last line, qualified name, node) of every function and class, outer first."""
    out: list[tuple[int, int, str, ast.AST]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                name = f"{prefix}{child.name}"
                out.append((child.lineno, child.end_lineno or child.lineno, name, child))
                visit(child, name + ".")

    visit(tree, "")
    return out


def _innermost(scopes: list[tuple[int, int, str, ast.AST]], line: int) -> str:
    inside = [s for s in scopes if s[0] <= line <= s[1]]
    return max(inside, key=lambda s: s[0])[2] if inside else ""


def _string_spans(tree: ast.Module) -> dict[int, list[tuple[int, int]]]:
    """Per line, the byte columns string literals cover there (a "#" inside one is no comment)."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Constant, ast.JoinedStr)) and node.end_lineno is not None:
            first, last = node.lineno, node.end_lineno
            for line in range(first, last + 1):
                start = node.col_offset if line == first else 0
                end = node.end_col_offset if line == last and node.end_col_offset is not None else 1 << 30
                spans.setdefault(line, []).append((start, end))
    return spans


def _comments(source: str, tree: ast.Module) -> list[tuple[int, str]]:
    """(line, text) of each comment: the first "#" of a line outside any string literal.
    (tokenize would say the same, at twice the cost of the whole scan.)"""
    spans = _string_spans(tree)
    out = []
    for number, line in enumerate(source.splitlines(), start=1):
        if "#" not in line:
            continue
        raw = line.encode("utf-8")
        at = raw.find(b"#")
        while at >= 0 and any(a <= at < b for a, b in spans.get(number, ())):
            at = raw.find(b"#", at + 1)
        if at >= 0:
            out.append((number, raw[at:].decode("utf-8", "replace")))
    return out


def cite_module(source: str, module: str, feature: str) -> set[Citation]:
    """The clause citations in one module's docstrings and comments."""
    if not _clauses_in(source):  # most modules cite nothing: no need to parse them
        return set()
    tree = ast.parse(source)
    scopes = _scopes(tree)
    found: set[Citation] = set()
    for number in _clauses_in(ast.get_docstring(tree) or ""):
        found.add(Citation(number, feature, module, ""))
    for _first, _last, name, node in scopes:
        for number in _clauses_in(ast.get_docstring(node) or ""):  # type: ignore[arg-type]
            found.add(Citation(number, feature, module, name))
    for line, text in _comments(source, tree):
        for number in _clauses_in(text):
            found.add(Citation(number, feature, module, _innermost(scopes, line)))
    return found


def scan_citations(root: Path = APP_ROOT) -> list[Citation]:
    """Every citation under `root` (app/), sorted by clause, module and function."""
    found: set[Citation] = set()
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith(SKIPPED) or "/" not in rel:
            continue
        feature = rel.split("/", 1)[0]
        found |= cite_module(path.read_text(encoding="utf-8"), f"app/{rel}", feature)
    return sorted(found, key=lambda c: (clause_key(c.clause), c.feature, c.module, c.function))


def clause_index(root: Path = APP_ROOT) -> list[ClauseRow]:
    """One row per clause, feature and module: the functions citing it there and its evidence.
    The code does not change while the app runs: computed once per process and folder."""
    return list(_clause_index(root))


@functools.cache
def _clause_index(root: Path) -> tuple[ClauseRow, ...]:
    grouped: dict[tuple[str, str, str], set[str]] = {}
    for c in scan_citations(root):
        grouped.setdefault((c.clause, c.feature, c.module), set()).add(c.function)
    rows = []
    for (clause, feature, module), functions in grouped.items():
        ev = evidence_for(clause)
        names = tuple(sorted(f for f in functions if f)) or ("(module)",)
        rows.append(ClauseRow(clause, HEADINGS[clause], feature, module, names, ev.records, ev.documents, ev.files))
    return tuple(sorted(rows, key=lambda r: (clause_key(r.clause), r.feature, r.module)))


def index_csv(rows: list[ClauseRow]) -> bytes:
    out = io.StringIO(newline="")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["clause", "heading", "feature", "module", "functions", "records", "documents", "pack_files"])
    for r in rows:
        w.writerow(
            [r.clause, r.heading, r.feature, r.module]
            + [";".join(x) for x in (r.functions, r.records, r.documents, r.files)]
        )
    return out.getvalue().encode("utf-8")


def _cell(values: tuple[str, ...]) -> str:
    return ", ".join(f"`{v}`" for v in values) if values else "—"


def index_markdown(rows: list[ClauseRow]) -> bytes:
    """The same index for a reader: one section per clause, one table line per module."""
    lines = [
        "# Clause index — T/CSCA 120031-2023 chapters 4–5 (条款索引)",
        "",
        "Generated from the code: each clause below is cited by the modules listed. "
        "Evidence: the records kept, the signed document kinds, and the files of this pack.",
    ]
    clause = None
    for r in rows:
        if r.clause != clause:
            clause = r.clause
            lines += ["", f"## {r.clause} {r.heading}", ""]
            lines += [f"- records: {_cell(r.records)}", f"- documents: {_cell(r.documents)}"]
            lines += [f"- pack files: {_cell(r.files)}", "", "| feature | module | functions |", "|---|---|---|"]
        lines.append(f"| {r.feature} | `{r.module}` | {', '.join(r.functions)} |")
    return ("\n".join(lines) + "\n").encode("utf-8")
