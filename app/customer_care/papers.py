"""The customer care papers (the complaint receipt, the notice poster) as the api hands them
out: each loads its PDF module, and reportlab with it, only when a paper is made, so opening
the Customer care or Complaints page does not (issue #17, peak memory; bench/RESULTS.md)."""

from __future__ import annotations

from app.core.dto import Actor
from db.uow import UnitOfWork


def complaint_receipt_pdf(uow: UnitOfWork, actor: Actor, complaint_id: int, language: str = "bilingual") -> bytes:
    """The receipt of one complaint, as PDF bytes (app.customer_care.complaint_receipt)."""
    from app.customer_care.complaint_receipt import complaint_receipt_pdf as receipt

    return receipt(uow, actor, complaint_id, language)


def render_notice_poster(uow: UnitOfWork, actor: Actor, notice_id: int, language: str = "bilingual") -> bytes:
    """The poster of one notice version, as PDF bytes (app.customer_care.notice_pdf)."""
    from app.customer_care.notice_pdf import render_notice_poster as poster

    return poster(uow, actor, notice_id, language)
