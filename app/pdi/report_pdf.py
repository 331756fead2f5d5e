"""新车售前检查报告 — the PDI report (issue #7): the whole inspection of one car, item by item,
with values, defects and repairs, photo thumbnails and the technician's and customer's
signatures. Pure: (inspection DTO, photos, signatures) -> PDF bytes.

T/CSCA 120031-2023:
  4.4.1.2  PDI to the supplier standard, not fewer items than the CADA guide (the checklist
           and its version are printed);
  4.4.1.3  by a certified technician (name and certificate number printed);
  4.4.1.4  records traceable and given to the customer (who recorded each item and when);
           assembly (总成) repairs disclosed and acknowledged by the customer.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer, Table

from app.documents.fonts import FontSet
from app.documents.layout import (
    GREY,
    MARGIN_X,
    PAGE,
    RULE,
    DocumentMeta,
    RenderContext,
    SignatureDTO,
    Text,
    esc,
    fmt_date,
    fmt_datetime,
    inline,
    labelled,
    render_flowing,
    signature_block,
    stacked,
    table_style,
)
from app.core.dto import StoreDTO
from app.pdi.dto import PdiInspectionDTO

DOC_TYPE = "pdi_report"
TITLE = Text("新车售前检查（PDI）报告", "Pre-delivery inspection (PDI) report")
INTRO = Text(
    "根据《乘用车销售服务通用要求》（T/CSCA 120031-2023）第4.4.1.2条至第4.4.1.4条，"
    "本车在交付前由持证技师按下列检查清单逐项检查；检查记录可追溯，本报告一份交客户留存。",
    "Under clauses 4.4.1.2 to 4.4.1.4 of T/CSCA\u00a0120031-2023 this car was inspected item by "
    "item by a certified technician before delivery; the records are traceable and one copy "
    "of this report is given to the customer.",
)
RESULTS = {
    "ok": Text("合格", "OK"),
    "not_ok": Text("不合格", "Not OK"),
    "n_a": Text("不适用", "N/A"),
    None: Text("未检", "Open"),
}
OUTCOME = {
    "passed": Text("通过", "Passed"),
    "failed": Text("未通过", "Failed"),
    "in_progress": Text("进行中", "In progress"),
    "paused": Text("已暂停", "Paused"),
}
H_VEHICLE = Text("车辆信息", "Vehicle")
H_ITEMS = Text("检查项目", "Checklist")
H_REPAIRS = Text("瑕疵与整改", "Defects and repairs")
H_PHOTOS = Text("照片", "Photos")
H_SIGN = Text("签字确认", "Signatures")
NO_REPAIRS = Text("本次检查未发现瑕疵。", "No defects were found.")
SIGN_NOTE = Text(
    "客户签字即确认已收到本报告，并已被告知上述瑕疵、整改及总成维修情况。",
    "By signing, the customer confirms receipt of this report and that the defects, repairs "
    "and any assembly repairs above were disclosed to them.",
)
L_VIN, L_CAR, L_YEAR = Text("车架号", "VIN"), Text("品牌车型", "Make and model"), Text("年款", "Model year")
L_COLOUR, L_POWER = Text("车身颜色", "Colour"), Text("动力类型", "Powertrain")
L_PRODUCED, L_TEMPLATE = Text("生产日期", "Production date"), Text("检查清单", "Checklist")
L_TECH, L_CERT = Text("检查技师", "Technician"), Text("资格证号", "Certificate no.")
L_STARTED, L_DONE = Text("开始时间", "Started"), Text("完成时间", "Completed")
L_OUTCOME = Text("检查结论", "Outcome")
COLS = (
    Text("编号", "ID"),
    Text("项目", "Item"),
    Text("结果", "Result"),
    Text("数值", "Value"),
    Text("备注", "Note"),
    Text("记录人/时间", "Recorded"),
)
L_DEFECT, L_ACTION = Text("瑕疵", "Defect"), Text("整改措施", "Action taken")
L_FOUND = Text("发现人/时间", "Found by")
L_PARTS, L_BY = Text("更换零件", "Parts replaced"), Text("维修人", "Repaired by")
L_ASSEMBLY = Text("总成维修", "Assembly repair")
L_ACK = Text("客户确认", "Customer acknowledgement")
YES, NO = Text("是", "Yes"), Text("否", "No")
NOT_ACKED = Text("未确认", "Not acknowledged")
REPAIRED = Text("整改后复检", "re-checked after repair")
THUMB = 38 * mm
NOT_OK_BG = colors.HexColor("#fbe9e7")
SECTION_BG = colors.HexColor("#eef1f4")


def thumbnail(content: bytes, box_px: int = 360) -> bytes:
    """A small JPEG of a photo for the report: a phone photo of several MB would make every
    customer copy that large. Falls back to the original if Pillow cannot read it."""
    try:
        from PIL import Image as PILImage

        with PILImage.open(io.BytesIO(content)) as opened:
            im = opened.convert("RGB")
            im.thumbnail((box_px, box_px))
            out = io.BytesIO()
            im.save(out, "JPEG", quality=80)
            return out.getvalue()
    except Exception:  # noqa: BLE001 - any unreadable image is printed as stored
        return content


def _result_text(item) -> Text:
    """A re-checked item still says it had a defect: the record stays traceable (4.4.1.4)."""
    text = RESULTS.get(item.result, RESULTS[None])
    if item.defect_found and item.result != "not_ok":
        return Text(f"{text.zh}（{REPAIRED.zh}）", f"{text.en} ({REPAIRED.en})")
    return text


def _kv_table(ctx: RenderContext, rows: list[tuple[Text, str]]) -> Table:
    st, lang = ctx.styles, ctx.language
    label = st.cell.clone("pdi_label", textColor=RULE, fontSize=8.5, leading=11)
    cells, pair = [], []
    for text, value in rows:
        pair += [Paragraph(stacked(text, lang, 7), label), Paragraph(esc(value or "—"), st.cell)]
        if len(pair) == 4:
            cells.append(pair)
            pair = []
    if pair:
        cells.append(pair + ["", ""])
    usable = PAGE[0] - 2 * MARGIN_X
    t = Table(cells, colWidths=[usable * 0.17, usable * 0.33, usable * 0.17, usable * 0.33])
    t.setStyle(
        table_style(
            ctx.fonts,
            ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#b0b8c0")),
            ("BACKGROUND", (0, 0), (0, -1), SECTION_BG),
            ("BACKGROUND", (2, 0), (2, -1), SECTION_BG),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        )
    )
    return t


def _items_table(ctx: RenderContext, ins: PdiInspectionDTO) -> Table:
    st, lang = ctx.styles, ctx.language
    small = st.cell.clone("pdi_small", fontSize=8, leading=10.5)
    head = st.cell.clone("pdi_head", fontSize=8.5, leading=11, textColor=RULE)
    rows: list[list] = [
        [Paragraph(inline(c, lang) if lang != "bilingual" else stacked(c, lang, 7), head) for c in COLS]
    ]
    style: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#b0b8c0")),
        ("BACKGROUND", (0, 0), (-1, 0), SECTION_BG),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    section = None
    for item in ins.items:
        if item.section_id != section:
            section = item.section_id
            rows.append(
                [
                    Paragraph(f"{esc(section)} · " + inline(Text(item.section_zh, item.section_en), lang), head),
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
            style += [
                ("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)),
                ("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), SECTION_BG),
            ]
        value = f"{item.value} {item.value_unit}".strip() if item.value else ""
        recorded = ""
        if item.recorded_at:
            recorded = f"{item.recorded_by_name or ''}<br/>{esc(fmt_datetime(item.recorded_at))}"
        rows.append(
            [
                Paragraph(esc(item.item_id), small),
                Paragraph(stacked(Text(item.zh, item.en), lang, 7), small),
                Paragraph(stacked(_result_text(item), lang, 7), small),
                Paragraph(esc(value), small),
                Paragraph(esc(item.note), small),
                Paragraph(recorded, small),
            ]
        )
        if item.result == "not_ok":
            style.append(("BACKGROUND", (2, len(rows) - 1), (2, len(rows) - 1), NOT_OK_BG))
    usable = PAGE[0] - 2 * MARGIN_X
    widths = [0.07, 0.37, 0.09, 0.11, 0.18, 0.18]
    t = Table(rows, colWidths=[usable * w for w in widths], repeatRows=1)
    t.setStyle(table_style(ctx.fonts, *style))
    return t


def _repairs(ctx: RenderContext, ins: PdiInspectionDTO) -> list[Flowable]:
    if not ins.rectifications:
        return ctx.paragraphs(NO_REPAIRS)
    out: list[Flowable] = []
    for r in ins.rectifications:
        item = ins.item(r.item_id)
        name = f"{r.item_id} " + (item.zh if item and ctx.language != "en" else (item.en if item else ""))
        ack = (
            f"{r.acknowledged_by} · {fmt_datetime(r.acknowledged_at)}"
            if r.acknowledged_at
            else (
                NOT_ACKED.zh
                if ctx.language == "zh"
                else NOT_ACKED.en
                if ctx.language == "en"
                else f"{NOT_ACKED.zh} {NOT_ACKED.en}"
            )
        )
        assembly = YES if r.assembly_repair else NO
        assembly_text = (
            assembly.zh
            if ctx.language == "zh"
            else assembly.en
            if ctx.language == "en"
            else f"{assembly.zh} {assembly.en}"
        )
        if r.assembly_repair:
            assembly_text += f"：{r.assembly_name}"
        found = item.first_defect() if item else None
        rows = [(L_DEFECT, f"{name}：{r.defect}")]
        if found is not None:
            rows.append((L_FOUND, f"{found.recorded_by_name or ''} · {fmt_datetime(found.recorded_at)}"))
        rows += [
            (L_ACTION, r.action_taken),
            (L_PARTS, r.parts_replaced),
            (L_BY, f"{r.repaired_by} · {fmt_datetime(r.recorded_at)}"),
            (L_ASSEMBLY, assembly_text),
        ]
        if r.assembly_repair:
            rows.append((L_ACK, ack))
        out.append(KeepTogether([_kv_block(ctx, rows), Spacer(1, 2 * mm)]))
    return out


def _kv_block(ctx: RenderContext, rows: list[tuple[Text, str]]) -> Table:
    st, lang = ctx.styles, ctx.language
    label = st.cell.clone("pdi_rlabel", textColor=RULE, fontSize=8.5, leading=11)
    usable = PAGE[0] - 2 * MARGIN_X
    t = Table(
        [[Paragraph(stacked(k, lang, 7), label), Paragraph(esc(v or "—"), st.cell)] for k, v in rows],
        colWidths=[usable * 0.22, usable * 0.78],
    )
    t.setStyle(
        table_style(
            ctx.fonts,
            ("BOX", (0, 0), (-1, -1), 0.6, RULE),
            ("INNERGRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#b0b8c0")),
            ("BACKGROUND", (0, 0), (0, -1), SECTION_BG),
        )
    )
    return t


def _photos(ctx: RenderContext, ins: PdiInspectionDTO, photos: Mapping[int, bytes]) -> Table | None:
    cells = []
    small = ctx.styles.small
    for item in ins.items:
        for p in item.photos:
            content = photos.get(p.id)
            if not content:
                continue
            data = thumbnail(content)
            try:
                img = Image(io.BytesIO(data))
                scale = min(THUMB / img.imageWidth, THUMB / img.imageHeight)
                img = Image(io.BytesIO(data), img.imageWidth * scale, img.imageHeight * scale)
            except Exception:  # noqa: BLE001 - a damaged photo must not stop the report
                continue
            caption = f"{item.item_id} {p.caption}".strip()
            cells.append([img, Paragraph(esc(caption) + "<br/>" + esc(fmt_datetime(p.taken_at)), small)])
    if not cells:
        return None
    per_row = 4
    grid = []
    for i in range(0, len(cells), per_row):
        chunk = cells[i : i + per_row]
        inner = [Table([[c[0]], [c[1]]], colWidths=[THUMB + 2 * mm]) for c in chunk]
        grid.append(inner + [""] * (per_row - len(chunk)))
    usable = PAGE[0] - 2 * MARGIN_X
    t = Table(grid, colWidths=[usable / per_row] * per_row)
    t.setStyle(table_style(ctx.fonts, ("VALIGN", (0, 0), (-1, -1), "TOP")))
    return t


def _heading(ctx: RenderContext, text: Text) -> list[Flowable]:
    st = ctx.styles
    return ctx.paragraphs(text, st.heading, st.english.clone("pdi_h_en", spaceBefore=-2))


def _story(
    ctx: RenderContext, ins: PdiInspectionDTO, photos: Mapping[int, bytes], signatures: Sequence[SignatureDTO]
) -> list[Flowable]:
    st, lang, meta = ctx.styles, ctx.language, ctx.meta
    story: list[Flowable] = [Paragraph(esc(TITLE.zh if lang != "en" else TITLE.en), st.title)]
    if lang == "bilingual":
        story.append(Paragraph(esc(TITLE.en), st.title.clone("pdi_title_en", fontSize=11, leading=15, textColor=GREY)))
    story.append(
        Paragraph(
            labelled(Text("报告日期", "Issued"), fmt_date(meta.issued_at), lang),
            st.small.clone("pdi_issued", alignment=1),
        )
    )
    story.append(Spacer(1, 3 * mm))
    story += ctx.paragraphs(INTRO)
    outcome = OUTCOME.get(ins.status, Text(ins.status, ins.status))

    def both(t: Text) -> str:
        return t.zh if lang == "zh" else t.en if lang == "en" else f"{t.zh} {t.en}"

    story += _heading(ctx, H_VEHICLE)
    story.append(
        _kv_table(
            ctx,
            [
                (L_VIN, ins.vin),
                (L_CAR, f"{ins.brand} {ins.model} {ins.trim}".strip()),
                (L_YEAR, str(ins.model_year)),
                (L_COLOUR, ins.exterior_color),
                (L_POWER, ins.powertrain),
                (L_PRODUCED, ins.production_date.isoformat() if ins.production_date else ""),
                (L_TEMPLATE, f"{both(Text(ins.template_title_zh, ins.template_title_en))} v{ins.template_version}"),
                (L_OUTCOME, both(outcome)),
                (L_TECH, ins.technician_name),
                (L_CERT, ins.certificate_no),
                (L_STARTED, fmt_datetime(ins.started_at)),
                (L_DONE, fmt_datetime(ins.completed_at) if ins.completed_at else ""),
            ],
        )
    )
    story += _heading(ctx, H_ITEMS)
    story.append(_items_table(ctx, ins))
    story += _heading(ctx, H_REPAIRS)
    story += _repairs(ctx, ins)
    grid = _photos(ctx, ins, photos)
    if grid is not None:
        story += _heading(ctx, H_PHOTOS)
        story.append(grid)
    block = signature_block(ctx, signatures)
    if block is not None:
        story.append(
            KeepTogether(_heading(ctx, H_SIGN) + ctx.paragraphs(SIGN_NOTE, st.small) + [Spacer(1, 2 * mm), block])
        )
    return story


def render_pdi_report(
    store: StoreDTO,
    ins: PdiInspectionDTO,
    *,
    number: str,
    version: int,
    language: str,
    issued_at: dt.datetime,
    photos: Mapping[int, bytes] | None = None,
    signatures: Sequence[SignatureDTO] = (),
    invariant: bool = False,
    fonts: FontSet | None = None,
) -> bytes:
    """The report as PDF bytes; `photos` maps photo ids to their stored bytes."""
    meta = DocumentMeta(DOC_TYPE, number, version, language, issued_at, store, TITLE)
    return render_flowing(
        meta, lambda ctx: _story(ctx, ins, photos or {}, signatures), invariant=invariant, fonts=fonts
    )
