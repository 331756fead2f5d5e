"""Issue #16.1, done means: "every write in ui/ goes through the one operation path; grep finds
no service call from a widget outside it". This test is that grep, kept true for later code.

It reads every module under ui/ (the AST, not the text, so comments and docstrings do not
count) and checks three rules:

1. Only the operation path itself puts work on the write pool: `run_op(..., write=True)`
   appears in ui/shell/ops.py and nowhere else.
2. A service call (`some_service(ctx.uow(), ...)`) in a method is a write unless its name
   says it reads (list_..., get_..., verify...). A method that calls a write builds an `Op`
   or is a ServiceFormDialog hook (`service_call`), which hands the call to Op.
3. What a method sends through the plain background runner (`run_op`, for loading) reads
   only: a write there would skip the busy form, the double-submit guard and the change bus.

A few calls are not writes to the database although their names do not say so; they are
listed in READS_BY_NAME and FILE_ONLY with the reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ui"

# The operation path itself, and the one place that runs the background pool.
OPERATION_PATH = {"ui/shell/ops.py", "ui/shell/workers.py", "ui/shell/service_form_dialog.py"}
READ_PREFIXES = (
    "list_",
    "get_",
    "find_",
    "search_",
    "current_",
    "filter_",
    "verify",
    "eligible_",
    "fleet_candidates",
    "render_",  # a PDF made in memory for preview, not issued
    "count",  # the navigation's live counts
)
READS_BY_NAME = {
    "board",  # the showroom floor and its cards, as shown
    "queue",  # the PDI queue
    "queue_board",  # the reception queue
    "month_kpi",
    # The KPI dashboard (issue #20.2): the figures, their 12-month trend, the records behind them.
    "compute_kpis",
    "kpi_trend",
    "kpi_records",
    "traffic_report",
    "open_work",  # what a member of staff still has open
    "walk_in_offer",  # the slot a walk-in test drive would get; booking it is an Op
    "drive_blockers",
    "contract_blockers",  # issue #18.4: asked before the signature pads open
    "amendment_blockers",  # issue #18.4: the amendment's, likewise
    "setup_warnings",
    "route_map",
    "scan",  # looks a scanned card or VIN up
    "needs_setup",
    "get_store",
    "pending_notices",
    # The archived bytes of a current version (issue #17.17); its "reprint" ledger line is an Op
    # once the spooler has taken the job (ui/widgets/reprint.py).
    "reprint_card",
    "reprint_copy",  # the visitors still waiting for this consultant, shown at login
    "discount_threshold",  # issue #18.1: the store's setting, shown on the price page
    "price_quote",  # issue #18.2: the quote's lines and total as it would be saved; Save is an Op
    "disclosure_items",  # issue #18.3: what the car's disclosure must name
    # Finance's reads (issue #18.5): a contract's ledger, the cash desk's day, the open balances.
    "contract_ledger",
    "day_book",
    "open_balances",
    "handover_checklist",  # issue #18.6: what the handover asks for and what blocks it now
    "deal_board",  # the deal board (issue #18.7)
    "deal_detail",  # one deal's history and documents
    # Complaints (issue #19.3): the board, the rungs not yet seen, the receipt, the progress query.
    "complaint_board",
    "years_to_enter",
    "complaint_receipt_pdf",
    "my_escalations",
    "query_progress",
}
# Writes only the file the user chose, never the database: no change set, nothing to publish.
FILE_ONLY = {"export_traffic_xlsx", "export_template", "export_cash_report"}
FILE_ONLY |= {"build_evidence_pack"}  # issue #20.5: reads the store, writes the chosen ZIP
# Methods that run before any window or session exists (the back-end loader thread).
BEFORE_THE_UI = {("ui/shell/startup.py", "load_backend")}


def _modules() -> list[tuple[str, ast.Module]]:
    out = []
    for path in sorted(UI.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        out.append((rel, ast.parse(path.read_text(encoding="utf-8"))))
    return out


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _is_uow(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and _name(node.func) == "uow"


def _calls(node: ast.AST, name: str) -> list[ast.Call]:
    return [n for n in ast.walk(node) if isinstance(n, ast.Call) and _name(n.func) == name]


def _services(node: ast.AST) -> set[str]:
    """Names of the calls given a unit of work as their first argument: the service calls."""
    return {_name(n.func) for n in ast.walk(node) if isinstance(n, ast.Call) and n.args and _is_uow(n.args[0])}


def _reads(name: str) -> bool:
    return name.startswith(READ_PREFIXES) or name in READS_BY_NAME or name in FILE_ONLY


def _methods(tree: ast.Module):
    """Top-level functions and the methods of top-level classes (nested closures belong to them)."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            yield node
        elif isinstance(node, ast.ClassDef):
            yield from (n for n in node.body if isinstance(n, ast.FunctionDef))


def _op_helpers(modules) -> set[str]:
    """Names of the methods that build an Op for work handed to them (a page's `_write`, a
    mixin's base `_save`): a method passing its work to one of these goes through Op."""
    return {m.name for _, tree in modules for m in _methods(tree) if _calls(m, "Op")}


def _hands_to_op(method: ast.FunctionDef, op_helpers: set[str]) -> bool:
    """Builds an Op itself, is ServiceFormDialog's hook, or passes its work to a method that
    builds the Op (queue_page._write, inspection_dialog._run)."""
    if method.name == "service_call" or any(
        _calls(method, f) for f in ("Op", "write_after_session", "scheduled_write")
    ):
        return True
    return any(
        isinstance(c.func, ast.Attribute) and _name(c.func.value) == "self" and c.func.attr in op_helpers
        for c in ast.walk(method)
        if isinstance(c, ast.Call)
    )


def _called_inline(method: ast.FunctionDef) -> set[str]:
    """Service calls made in the method's own body, on the UI thread (not in a closure)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.Lambda)):
                continue
            if isinstance(child, ast.Call) and child.args and _is_uow(child.args[0]):
                found.add(_name(child.func))
            visit(child)

    visit(method)
    return found


def test_only_the_operation_path_uses_the_write_pool():
    found = []
    for rel, tree in _modules():
        if rel == "ui/shell/ops.py":
            continue
        for call in _calls(tree, "run_op"):
            if any(k.arg == "write" for k in call.keywords):
                found.append(f"{rel}:{call.lineno}")
    assert not found, f"use ui.shell.ops.Op (or ServiceFormDialog) for these writes: {found}"


def test_every_service_write_from_a_widget_goes_through_op():
    found = []
    modules = _modules()
    op_helpers = _op_helpers(modules)
    for rel, tree in modules:
        if rel in OPERATION_PATH:
            continue
        for method in _methods(tree):
            writes = sorted(s for s in _services(method) if not _reads(s))
            if not writes or (rel, method.name) in BEFORE_THE_UI:
                continue
            inline = sorted(s for s in _called_inline(method) if not _reads(s))
            if inline or not _hands_to_op(method, op_helpers):
                found.append(f"{rel}:{method.lineno} {method.name} -> {', '.join(inline or writes)}")
    assert not found, f"writes outside the one operation path: {found}"


def _sent_to_run_op(method: ast.FunctionDef) -> set[str]:
    """The service calls in the work handed to run_op: a lambda, or a closure named there."""
    closures = {n.name: n for n in ast.walk(method) if isinstance(n, ast.FunctionDef)}
    found: set[str] = set()
    for call in _calls(method, "run_op"):
        work = call.args[1] if len(call.args) > 1 else None
        if isinstance(work, ast.Name) and work.id in closures:
            found |= _services(closures[work.id])
        elif work is not None:
            found |= _services(work)
    return found


def test_the_background_runner_only_reads():
    found = []
    for rel, tree in _modules():
        if rel in OPERATION_PATH:
            continue
        for method in _methods(tree):
            writes = sorted(s for s in _sent_to_run_op(method) if not _reads(s))
            if writes:
                found.append(f"{rel}:{method.lineno} {method.name} -> {', '.join(writes)}")
    assert not found, f"writes sent through run_op, not Op: {found}"


def test_the_rules_catch_a_write_sent_through_run_op():
    # The grep must not pass by finding nothing: a made-up page that saves through run_op.
    tree = ast.parse(
        "class Page:\n"
        "    def save(self):\n"
        "        def work():\n"
        "            return check_in(ctx.uow(), actor=ctx.actor)\n"
        "        run_op(self, work, self.done, write=True)\n"
    )
    (method,) = _methods(tree)
    assert _sent_to_run_op(method) == {"check_in"} and not _reads("check_in")
    assert not _hands_to_op(method, set())
