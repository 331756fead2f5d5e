"""Reprinting from the screen (issue #17.17): a damaged card, a lost 三包凭证. The archived PDF
goes to the printer byte for byte (app.documents reprint_copy; the service refuses a voided or
superseded version and a stale card, and says why), through the system print dialog; once the
spooler took it, the print ledger gets a "reprint" line with who, when, where and copies.
Shared by the documents page and the showroom page.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.shell.ops import Op
from ui.shell.workers import run_op


def reprint(parent: QWidget, ctx, fetch: Callable[[], object], title: str, on_recorded=None) -> None:
    """`fetch()` (on a worker) returns a ReprintDTO or raises the refusal, shown as an error.
    The print dialog follows; `on_recorded(entry)` after the ledger line is written."""
    from ui.shell.printing import print_with_dialog

    def record(document_id: int, printed) -> None:
        def work():
            from app.documents.api import record_print

            return record_print(
                ctx.uow(),
                actor=ctx.actor,
                document_id=document_id,
                printer=printed.printer[:200],
                copies=printed.copies,
                kind="reprint",
            )

        op = Op(ctx, parent, work)
        if on_recorded is not None:
            op = op.on_success(on_recorded)
        op.run()

    def fetched(copy) -> None:
        doc = copy.document
        parent.reprint_job = print_with_dialog(
            parent, copy.pdf, f"{title} {doc.number} v{doc.version}", lambda printed: record(doc.id, printed)
        )

    run_op(parent, fetch, fetched)
