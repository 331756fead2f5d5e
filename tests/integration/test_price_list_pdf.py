"""The 价格公示 notice as printed (《汽车销售管理办法》 art. 10, T/CSCA 120031-2023 4.3.2.1-4.3.2.2,
办法 art. 14 / 4.3.2.3-4.3.2.5): read back from the PDF, it shows every price, fee with its
timing, promotion with its rules and validity, the effective date and the store's header."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from app.core.dto import StoreDTO
from app.sales.price_dto import PriceItemDTO, PriceListDTO
from app.sales.price_list_pdf import render_price_list_notice
from tests.integration.test_cards_currency import pdf_text

STORE = StoreDTO(1, "上海测试汽车销售服务有限公司", "上海市闵行区测试路1号", "021-64000000", "021-64000001", "", 1)


def item(i, kind, code, zh, en, fen, **kw) -> PriceItemDTO:
    values = dict(brand="", model="", trim="", timing="", rules="", valid_from=None, valid_to=None) | kw
    return PriceItemDTO(i, 1, kind, code, values["brand"], values["model"], values["trim"], zh, en, fen,
                        values["timing"], values["rules"], values["valid_from"], values["valid_to"], 1)  # fmt: skip


LIST = PriceListDTO(
    1, "2027 年价格公示", dt.date(2027, 1, 1), "draft", None, None, None, 1,
    (
        item(1, "vehicle", "VEH-大众-帕萨特-330TSI 豪华版", "帕萨特 豪华版", "Passat Luxury", 19_990_000,
             brand="大众", model="帕萨特", trim="330TSI 豪华版"),
        item(2, "option", "OPT-SUNROOF", "全景天窗", "Panoramic sunroof", 800_000),
        item(3, "accessory", "ACC-MATS", "全包围脚垫", "Floor mats", 120_050),
        item(4, "service_fee", "registration", "上牌代办", "Registration agency", 50_000, timing="交车后10个工作日内"),
        item(5, "promotion", "PROMO", "春季置换补贴", "Spring trade-in bonus", 500_000, rules="置换本品牌车辆可享",
             valid_from=dt.date(2027, 1, 1), valid_to=dt.date(2027, 3, 31)),
    ),
)  # fmt: skip


def render(language: str) -> bytes:
    return render_price_list_notice(
        STORE, LIST, number="PL-2026-000007", version=1, language=language, issued_at=dt.datetime(2026, 12, 3, 3)
    )


def test_art_10_the_bilingual_notice_shows_every_price_and_the_effective_date():
    text = pdf_text(render("bilingual"))
    for shown in ("价格公示", "Published prices and fees", "上海测试汽车销售服务有限公司", "生效日期", "2027-01-01",
                  "199,900", "8,000", "1,200.50", "500", "交车后10个工作日内", "置换本品牌车辆可享",
                  "2027-03-31", "PL-2026-000007"):  # fmt: skip
        assert shown in text, shown


def test_art_14_the_notice_says_agency_services_are_optional():
    text = " ".join(pdf_text(render("bilingual")).split())
    assert "自愿选择" in text.replace(" ", "") and "choose any provider" in text


def test_4_3_2_2_the_english_notice_reads_in_english():
    pages = PdfReader(io.BytesIO(render("en"))).pages
    text = " ".join(" ".join(p.extract_text().split()) for p in pages)
    assert "Published prices and fees" in text and "Effective from: 2027-01-01" in text
    assert "Panoramic sunroof" in text and "8,000" in text and "Registration agency" in text
    assert "自愿" not in text
