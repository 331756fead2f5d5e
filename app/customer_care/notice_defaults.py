"""Starting texts of the public notices (issue #19.5), offered when a store publishes a kind for
the first time; the store edits them to its own terms before publishing. Store details in braces
are filled in when printed (notice_versions.STORE_FIELDS).

Sources: 《家用汽车产品修理更换退货责任规定》(三包规定, 2021) for the warranty notice; T/CSCA
120031 3.17, 4.5.2.1 and 办法 art. 18 for the complaint process; 4.1.3.5 for what is shown.
"""

from __future__ import annotations

from app.customer_care.notice_dto import NoticeInput

DEFAULT_TEXTS: dict[str, tuple[str, str, str, str]] = {
    "warranty_policy": (
        "汽车产品质量保证及三包政策",
        "Warranty and 三包 (repair, replacement, return) policy",
        "本店销售的家用汽车产品执行《家用汽车产品修理更换退货责任规定》。包修期不低于3年或6万公里，"
        "三包有效期不低于2年或5万公里，以先到者为准。具体条款以车辆三包凭证为准。\n\n"
        "咨询电话：{sales_hotline}；投诉电话：{complaint_phone}。",
        "Passenger cars sold here are covered by the national rules on repair, replacement and return "
        "(三包). The repair warranty lasts at least 3 years or 60,000 km and the 三包 period at least 2 "
        "years or 50,000 km, whichever comes first; the car's 三包 certificate has the terms.\n\n"
        "Enquiries: {sales_hotline}; complaints: {complaint_phone}.",
    ),
    "service_fees": (
        "服务收费公示",
        "Service fees",
        "本店代办服务均由客户自愿选择，收费标准以现行价目表为准，未列明的项目不得收费。\n\n"
        "如有疑问请致电 {sales_hotline}。",
        "Every agency service is the customer's free choice; fees are those of the price list in force, "
        "and nothing not listed is charged.\n\nQuestions: {sales_hotline}.",
    ),
    "complaint_process": (
        "投诉电话及处理流程",
        "Complaint phone and process",
        "投诉电话：{complaint_phone}。您也可以到展厅前台投诉。\n\n"
        "我们在收到投诉后72小时内答复，并在7个工作日内告知受理和处理情况。每件投诉都有编号，"
        "凭编号和手机号后四位可查询处理进度。",
        "Complaint phone: {complaint_phone}; or come to the showroom's front desk.\n\n"
        "We answer within 72 hours of receiving a complaint and tell you within 7 working days how it "
        "was accepted and is being handled. Each complaint has a number: ask about progress with it "
        "and the last four digits of your mobile.",
    ),
    "charging_pile": (
        "新能源汽车充电桩安装服务及收费",
        "Charging-pile installation for new-energy vehicles",
        "购买新能源汽车的客户可申请家用充电桩安装服务。安装条件、服务内容及收费标准请咨询 {sales_hotline}。",
        "Buyers of a new-energy vehicle may ask for a home charging pile to be installed. Conditions, "
        "what is included and the fees: {sales_hotline}.",
    ),
}


def default_notice(kind: str, effective_from) -> NoticeInput:
    title_zh, title_en, body_zh, body_en = DEFAULT_TEXTS[kind]
    return NoticeInput(kind, title_zh, title_en, body_zh, body_en, effective_from)
