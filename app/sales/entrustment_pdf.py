"""委托服务协议 — the entrustment agreement for the agency services the buyer opted into
(上牌、保险、贷款代办, 交付服务; T/CSCA 120031-2023 4.3.2.3-4.3.2.5; 《汽车销售管理办法》 art. 14:
never a condition of the sale), and 特别约定 — the contract's special terms, each a document of
its own, signed separately on the pad (issue #18.4).

The services, their provider, fee and timing come from the signed quote's service lines; the
contract itself never lists them (app/sales/contract_pdf.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.platypus import Flowable

from app.core.dto import StoreDTO
from app.documents.fonts import FontSet
from app.documents.layout import DocumentMeta, RenderContext, SignatureDTO, Text, render_flowing
from app.documents.layout import fact_table, heading, numbered
from app.sales.amounts import yuan_figures
from app.sales.pdf_parts import signature_section, title_block

ENTRUSTMENT_TITLE = Text("委托服务协议", "Agency service agreement")
SPECIAL_TITLE = Text("特别约定", "Special terms")
NUMBER = Text("编号", "No.")
ENTRUSTMENT_INTRO = Text(
    "委托人自愿委托受托人办理下列服务。该等服务与车辆买卖相互独立，不是购车的条件；委托人可自行办理。",
    "The client freely asks the agent to provide the services below. They are separate from "
    "the vehicle sale and never a condition of it; the client may arrange them personally.",
)
ENTRUSTMENT_TERMS = (
    Text(
        "服务费按下表收取，不另收其他费用；受托人按约定时限办理，逾期的，委托人可解除本协议并要求退还服务费。",
        "The fees are as listed and nothing else is charged; the agent acts within the times "
        "stated, and if late the client may end this agreement and have the fee refunded.",
    ),
    Text(
        "保险由委托人自主选择保险公司及险种，受托人不得强制或捆绑。",
        "The client chooses the insurer and the cover; the agent never imposes or bundles them.",
    ),
)
SPECIAL_INTRO = Text(
    "以下特别约定经双方协商一致，单独签署，为合同的组成部分；与合同其他条款不一致的，以本特别约定为准。",
    "The special terms below were negotiated and are signed separately; they form part of the "
    "contract and prevail over its other terms where they differ.",
)
SIGN_NOTE = Text(
    "委托人/买受人与销售顾问在下方手写签名；本店以数字签名盖章。",
    "The client/buyer and the consultant sign by hand below; the store signs digitally.",
)


@dataclass(frozen=True)
class ServiceLine:
    name: str
    name_en: str
    provider: str
    fee_fen: int
    timing: str


@dataclass(frozen=True)
class EntrustmentPrint:
    contract_number: str
    client_name: str
    client_id_masked: str
    vin: str
    services: tuple[ServiceLine, ...]


def _entrustment_story(ctx: RenderContext, e: EntrustmentPrint, store: StoreDTO, drawn) -> list[Flowable]:
    story = title_block(ctx, ENTRUSTMENT_TITLE, NUMBER, ctx.meta.number)
    story += ctx.paragraphs(ENTRUSTMENT_INTRO)
    story.append(
        fact_table(
            ctx,
            [
                (Text("委托人", "Client"), f"{e.client_name} {e.client_id_masked}"),
                (Text("受托人", "Agent"), store.legal_name),
                (Text("购车合同编号", "Sales contract no."), e.contract_number),
                (Text("车辆识别代号（VIN）", "VIN"), e.vin),
            ],
        )
    )
    story += heading(ctx, Text("服务项目", "Services"))
    for line in e.services:
        label = Text(line.name, line.name_en or line.name)
        story.append(
            fact_table(
                ctx,
                [
                    (label, yuan_figures(line.fee_fen)),
                    (Text("服务提供方", "Provider"), line.provider or store.legal_name),
                    (Text("办理时限", "Timing"), line.timing or "—"),
                ],
            )
        )
    story += heading(ctx, Text("约定", "Terms")) + numbered(ctx, ENTRUSTMENT_TERMS)
    return story + signature_section(ctx, drawn, SIGN_NOTE)


def _special_story(ctx: RenderContext, contract_number: str, text: str, drawn) -> list[Flowable]:
    story = title_block(ctx, SPECIAL_TITLE, NUMBER, ctx.meta.number)
    story += ctx.paragraphs(SPECIAL_INTRO)
    story.append(fact_table(ctx, [(Text("购车合同编号", "Sales contract no."), contract_number)]))
    story += heading(ctx, Text("约定内容", "Terms agreed"))
    story += [p for line in text.split("\n") if line.strip() for p in ctx.paragraphs(Text(line, line))[:1]]
    return story + signature_section(ctx, drawn, SIGN_NOTE)


def render_entrustment(
    store: StoreDTO,
    entrustment: EntrustmentPrint,
    *,
    number: str,
    version: int,
    language: str,
    issued_at: dt.datetime,
    signatures: Sequence[SignatureDTO] = (),
    fonts: FontSet | None = None,
) -> bytes:
    meta = DocumentMeta("entrustment", number, version, language, issued_at, store, ENTRUSTMENT_TITLE)
    return render_flowing(meta, lambda ctx: _entrustment_story(ctx, entrustment, store, signatures), fonts=fonts)


def render_special_terms(
    store: StoreDTO,
    contract_number: str,
    text: str,
    *,
    number: str,
    version: int,
    language: str,
    issued_at: dt.datetime,
    signatures: Sequence[SignatureDTO] = (),
    fonts: FontSet | None = None,
) -> bytes:
    meta = DocumentMeta("special_terms", number, version, language, issued_at, store, SPECIAL_TITLE)
    return render_flowing(meta, lambda ctx: _special_story(ctx, contract_number, text, signatures), fonts=fonts)
