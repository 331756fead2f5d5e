"""A public notice as a bilingual A4 poster (公示, T/CSCA 120031 4.1.3.5; 办法 art. 11; issue
#19.5): the store's header (name, address, sales hotline, complaint phone), the title, the
version and its effective date, then the text in Chinese and in English with the store's
details filled in. Made in memory from the published version; printing it is recorded with
notice_versions.record_notice_print, which is what tells a stale poster from a current one.
"""

from __future__ import annotations

import datetime as dt

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from app.core.dto import Actor, StoreDTO
from app.core.errors import NotFound
from app.core.permissions import Action, require
from app.customer_care.notice_dto import NoticeDTO
from app.customer_care.notice_versions import fill, list_notices
from app.documents.layout import GREY, DocumentMeta, RenderContext, Text, esc, render_flowing
from db.uow import UnitOfWork

DOC_TYPE = "public_notice"


def _paragraphs(body: str) -> list[str]:
    return [p.strip() for p in body.split("\n\n") if p.strip()]


def render_poster(
    store: StoreDTO, notice: NoticeDTO, language: str = "bilingual", issued_at: dt.datetime | None = None
) -> bytes:
    title = Text(notice.title_zh, notice.title_en)
    number = f"GS-{notice.kind}-v{notice.version}"
    issued = issued_at or dt.datetime.combine(notice.effective_from, dt.time()) - dt.timedelta(hours=8)
    meta = DocumentMeta(DOC_TYPE, number, notice.version, language, issued, store, title)

    def story(ctx: RenderContext) -> list[Flowable]:
        st, lang = ctx.styles, ctx.language
        big = st.title.clone("poster_title", fontSize=20, leading=26)
        out: list[Flowable] = []
        if lang != "en":
            out.append(Paragraph(esc(notice.title_zh), big))
        if lang != "zh":
            out.append(Paragraph(esc(notice.title_en), big.clone("poster_en", fontSize=14, leading=19, textColor=GREY)))
        when = Text(
            f"第 {notice.version} 版，自 {notice.effective_from:%Y年%m月%d日} 起生效",
            f"Version {notice.version}, in effect from {notice.effective_from:%d %B %Y}",
        )
        out += [*ctx.paragraphs(when, st.small), Spacer(1, 6 * mm)]
        if lang != "en":
            out += [Paragraph(esc(p), st.body) for p in _paragraphs(fill(notice.body_zh, store))]
        if lang == "bilingual":
            out.append(Spacer(1, 5 * mm))
        if lang != "zh":
            english = st.body.clone("poster_body_en", textColor=GREY)
            out += [Paragraph(esc(p), english) for p in _paragraphs(fill(notice.body_en, store))]
        return out

    return render_flowing(meta, story)


def render_notice_poster(uow: UnitOfWork, actor: Actor, notice_id: int, language: str = "bilingual") -> bytes:
    """The poster of one notice version as PDF bytes (to preview and print)."""
    from app.store.api import get_store

    require(actor, Action.VIEW_DOCUMENTS)
    notice = next((n for n in list_notices(uow, actor) if n.id == notice_id), None)
    if notice is None:
        raise NotFound(what="public_notice", id=notice_id)
    return render_poster(get_store(uow), notice, language)
