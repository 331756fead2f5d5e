"""试乘试驾协议 — the test-drive agreement (T/CSCA 120031-2023 4.2.4.1, 4.2.4.2; domain_reference
§4.2), bilingual, signed on the pad by the customer and the escort, then digitally signed and
archived by app/test_drives/drive_steps.sign_agreement.

It states the driver's qualification (ID and licence numbers masked: the archive can never be
erased, so it never holds them in clear), the car, route, time window and planned km
(4.2.4.5), safe-driving rules and liability for violations (4.2.4.1), the weather advice
(4.2.4.7), the confidentiality promise and the separate consent to processing the ID and
licence numbers (4.2.4.2; PIPL art. 29).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from app.documents.fonts import FontSet
from app.documents.layout import (
    DocumentMeta,
    RenderContext,
    SignatureDTO,
    Text,
    centred_small,
    fact_table,
    fmt_datetime,
    heading,
    labelled,
    numbered,
    render_flowing,
    signed_part,
    title_flowables,
)
from app.core.dto import StoreDTO

DOC_TYPE = "test_drive_agreement"
CONSENT_VERSION = "TD-ID-v1"  # the wording below; a change gets a new label

TITLE = Text("试乘试驾协议", "Test-drive agreement")
INTRO = Text(
    "根据《乘用车销售服务通用要求》（T/CSCA 120031-2023）第4.2.4条，双方就本次试乘试驾约定如下。",
    "Under clause 4.2.4 of the Shanghai passenger-car sales service standard "
    "T/CSCA\u00a0120031-2023 the parties agree as follows for this test drive.",
)
ISSUED = Text("签订日期", "Date")

H_DRIVER = Text("驾驶人资格", "Driver qualification")
H_DRIVE = Text("车辆、路线与时间", "Car, route and time")
H_TERMS = Text("试驾须知与责任", "Rules and liability")
H_PRIVACY = Text("个人信息保护", "Personal information")
H_SIGN = Text("签署", "Signatures")

ID_TYPES = {
    "resident_id": Text("居民身份证", "Resident ID card"),
    "passport": Text("护照", "Passport"),
    "other_permit": Text("其他证件", "Other permit"),
}

TERMS = (
    Text(
        "驾驶人确认持有有效的机动车驾驶证，准驾车型与试驾车辆相符，并已年满18周岁；"
        "境外驾驶证持有人须持有效的临时机动车驾驶许可。",
        "The driver holds a valid driving licence whose class covers this car and is at "
        "least 18 years old; a holder of a foreign licence holds a valid temporary driving "
        "permit.",
    ),
    Text(
        "驾驶人遵守道路交通安全法律法规，按约定路线和时间行驶，服从陪同人员指挥；"
        "严禁饮酒、服用影响驾驶的药物后驾驶，严禁超速及危险驾驶。",
        "The driver obeys the road traffic laws, keeps to the agreed route and time, follows "
        "the escort's instructions, and does not drive after drinking or taking medicine "
        "that impairs driving, nor speed or drive dangerously.",
    ),
    Text(
        "因驾驶人违反交通法规或操作不当造成的交通违法、罚款、事故损失，由驾驶人依法承担；"
        "因车辆本身质量问题造成的损失，由本店承担。",
        "Traffic violations, fines and accident losses caused by the driver's breach of the "
        "traffic rules or improper operation are borne by the driver as the law provides; "
        "losses caused by a defect of the car itself are borne by the store.",
    ),
    Text(
        "遇暴风雨、大雨、大雪、大雾等恶劣天气，本店不建议进行试乘试驾；陪同人员可随时要求停止试驾。",
        "In storm, heavy rain, heavy snow or dense fog the store advises against a test "
        "drive; the escort may end the drive at any time.",
    ),
)
PRIVACY = (
    Text(
        "本店仅为核验试驾资格而查验并登记您的身份证件和驾驶证信息，加密保存，"
        "屏幕及本协议仅显示部分号码，不用于其他目的，不向第三方提供，并予以保密。",
        "The store checks and records your identity document and driving licence only to "
        "verify your qualification for the test drive. The numbers are stored encrypted, "
        "shown only partly on screen and in this agreement, used for no other purpose, not "
        "given to third parties, and kept confidential.",
    ),
    Text(
        "您已单独同意本店为上述目的处理您的证件号码（同意文本版本 {version}），"
        "未购车客户的试驾资料将在保存期满后删除；您可随时撤回同意。",
        "You have separately consented to the store processing your document numbers for "
        "this purpose (consent text {version}); test-drive records of customers who do not "
        "buy are deleted when the retention period ends; you may withdraw consent at any "
        "time.",
    ),
)
CONSENT_TEXT = Text(
    PRIVACY[0].zh + PRIVACY[1].zh.format(version=CONSENT_VERSION),
    PRIVACY[0].en + " " + PRIVACY[1].en.format(version=CONSENT_VERSION),
)


@dataclass(frozen=True)
class AgreementDTO:
    customer_name: str
    id_type: str
    id_number_masked: str
    licence_number_masked: str
    licence_class: str
    licence_valid_until: dt.date | None  # None: long-term (长期)
    foreign_licence: bool
    permit_number_masked: str | None
    car_description: str
    plate: str
    route_name: str
    route_description: str
    planned_start: dt.datetime
    planned_end: dt.datetime
    planned_km: float
    escort_name: str
    weather: str | None = None


def _rows(a: AgreementDTO, lang: str) -> list[tuple[Text, str]]:
    id_type = ID_TYPES.get(a.id_type, Text(a.id_type, a.id_type))
    valid = (
        a.licence_valid_until.isoformat()
        if a.licence_valid_until
        else ("长期" if lang == "zh" else "long-term" if lang == "en" else "长期 long-term")
    )
    rows = [
        (Text("客户姓名", "Customer"), a.customer_name),
        (
            Text("证件类型", "ID document"),
            id_type.zh if lang == "zh" else id_type.en if lang == "en" else f"{id_type.zh} {id_type.en}",
        ),
        (Text("证件号码", "ID number"), a.id_number_masked),
        (Text("驾驶证号", "Licence number"), a.licence_number_masked),
        (Text("准驾车型", "Licence class"), a.licence_class),
        (Text("有效期至", "Licence valid until"), valid),
    ]
    if a.foreign_licence:
        rows.append((Text("临时驾驶许可", "Temporary driving permit"), a.permit_number_masked or "—"))
    return rows


def _story(ctx: RenderContext, a: AgreementDTO, signatures: Sequence[SignatureDTO]) -> list[Flowable]:
    lang = ctx.language
    story = title_flowables(ctx, TITLE)
    story += [centred_small(ctx, labelled(ISSUED, fmt_datetime(ctx.meta.issued_at), lang)), Spacer(1, 3 * mm)]
    story += ctx.paragraphs(INTRO)
    story += heading(ctx, H_DRIVER)
    story.append(fact_table(ctx, _rows(a, lang)))
    story += heading(ctx, H_DRIVE)
    window = f"{fmt_datetime(a.planned_start)} – {fmt_datetime(a.planned_end)[-5:]}"
    story.append(
        fact_table(
            ctx,
            [
                (Text("试驾车辆", "Car"), a.car_description),
                (Text("车牌号码", "Plate"), a.plate),
                (Text("试驾路线", "Route"), a.route_name),
                *([(Text("路线说明", "Route description"), a.route_description)] if a.route_description else []),
                (Text("时间", "Time window"), window),
                (Text("预计里程", "Planned distance"), f"{a.planned_km:g} km"),
                (Text("陪同人员", "Escort"), a.escort_name),
            ],
        )
    )
    story += heading(ctx, H_TERMS)
    story += numbered(ctx, TERMS)
    story += heading(ctx, H_PRIVACY)
    privacy = [
        PRIVACY[0],
        Text(PRIVACY[1].zh.format(version=CONSENT_VERSION), PRIVACY[1].en.format(version=CONSENT_VERSION)),
    ]
    story += numbered(ctx, privacy, start=len(TERMS) + 1)
    return story + signed_part(ctx, signatures, heading(ctx, H_SIGN))


def render_agreement(
    store: StoreDTO,
    agreement: AgreementDTO,
    *,
    number: str,
    version: int,
    language: str,
    issued_at: dt.datetime,
    signatures: Sequence[SignatureDTO] = (),
    invariant: bool = False,
    fonts: FontSet | None = None,
) -> bytes:
    meta = DocumentMeta(DOC_TYPE, number, version, language, issued_at, store, TITLE)
    return render_flowing(meta, lambda ctx: _story(ctx, agreement, signatures), invariant=invariant, fonts=fonts)
