"""一车一卡 vehicle cards (T/CSCA 120031-2023 4.2.1.2): what the card says (pdftotext), the QR
code read back from the printed page by a real decoder (pdftoppm + zxing-cpp), disclosure
(4.2.3.4), NEV charging-pile line (4.1.3.5), promotion (4.3.2.1), batches, golden bytes.

The QR encoder in app/showroom/qr_symbol.py is checked bit for bit against the `qrcode` package.
Golden file: SHOWROOM_UPDATE_GOLDEN=1 pytest tests/unit/test_vehicle_card.py rewrites it.
Timings are printed (pytest -s), not asserted: the benchmarks own the limits.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.showroom import qr, qr_draw, qr_symbol
from app.documents.fonts import register_fonts
from app.showroom.vehicle_card import (
    CardDTO,
    ChargingPileDTO,
    PromotionDTO,
    age_disclosure_from,
    disclosures,
    fmt_money,
    render_card,
    render_cards,
)
from app.core.errors import ShowroomError
from app.core.dto import StoreDTO, VehicleDTO

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
ISSUED = dt.datetime(2026, 11, 23, 2, 0)  # naive UTC = 10:00 in Shanghai
TODAY = dt.date(2026, 11, 23)
STORE = StoreDTO(
    1,
    "上海浦江汽车销售服务有限公司",
    "上海市闵行区虹梅南路 1888 号",
    "021-64001234",
    "021-64005678",
    "https://pujiang-4s.example.cn",
    3,
)
CONFIG = (
    "全景天窗",
    "自适应巡航 ACC",
    "360°全景影像",
    "真皮座椅",
    "前排座椅加热/通风",
    "无钥匙进入及一键启动",
    "LED 矩阵大灯",
    "10.25 英寸液晶仪表",
    "哈曼卡顿音响",
    "电动尾门",
    "车道保持辅助",
    "无线充电",
)
PROMO = PromotionDTO(
    "国庆限时置换补贴",
    "活动期间置换本品牌或他品牌二手车，在评估价基础上额外补贴 ¥10,000；贷款购车享两年零利率。",
    dt.date(2026, 12, 31),
    "须提供本人名下满一年的二手车行驶证；补贴抵扣购车款，不兑现金。",
)
PILE = ChargingPileDTO("赠送 7kW 家用交流充电桩及基础安装（含 30 米线缆）", 0)


def vehicle(**kw) -> VehicleDTO:
    base = dict(
        id=1,
        vin="LSVAU2180N2184291",
        brand="上汽大众",
        model="帕萨特",
        trim="330TSI 星空精英版",
        model_year=2026,
        exterior_color="珍珠白",
        interior_color="曜石黑",
        powertrain="ICE",
        guide_price_fen=21_890_000,
        price_fen=19_390_000,
        configuration=CONFIG[:6],
        power_kw=137,
        accel_0_100_s=8.2,
        fuel_l_per_100km=6.4,
        range_km=None,
        battery_kwh=None,
        fast_charge_minutes=None,
        slow_charge_hours=None,
        production_date=dt.date(2026, 3, 15),
        status="on_display",
        defect_notes="",
        repair_notes="",
        notes="",
        vin_override_reason=None,
        updated_at=dt.datetime(2026, 11, 1),
        version=4,
    )
    base.update(kw)
    return VehicleDTO(**base)


def bev(**kw) -> VehicleDTO:
    kw = (
        dict(
            brand="比亚迪",
            model="海豹",
            trim="550KM 智驾豪华型",
            powertrain="BEV",
            vin="LGXCE4CB0R0012345",
            fuel_l_per_100km=None,
            range_km=510,
            battery_kwh=60.5,
            fast_charge_minutes=30,
            slow_charge_hours=9.5,
            power_kw=230,
            accel_0_100_s=5.9,
        )
        | kw
    )
    return vehicle(**kw)


def card(v: VehicleDTO | None = None, **kw) -> CardDTO:
    kw = dict(card_number="SC-2026-000012", version=2, issued_at=ISSUED, store=STORE) | kw
    return CardDTO(vehicle=v or vehicle(), **kw)


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} not installed (Debian: apt-get install poppler-utils)")
    return path


def pdftotext(pdf: bytes, tmp_path: Path) -> str:
    src = tmp_path / "card.pdf"
    src.write_bytes(pdf)
    out = subprocess.run([tool("pdftotext"), str(src), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def decode_pages(pdf: bytes, tmp_path: Path) -> list[list]:
    """Each page rendered at 150 dpi, as printed, and read by zxing-cpp."""
    import zxingcpp  # a test dependency: the QR must be decoded by a real decoder
    from PIL import Image

    src = tmp_path / "card.pdf"
    src.write_bytes(pdf)
    subprocess.run([tool("pdftoppm"), "-r", "150", "-png", str(src), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages
    return [zxingcpp.read_barcodes(Image.open(png)) for png in pages]


# --- what the card says --------------------------------------------------------------------


def test_card_shows_model_price_phones_and_reference_4_2_1_2(tmp_path):
    text = pdftotext(render_card(card(promotion=PROMO), layout="A5"), tmp_path)
    for value in (
        "帕萨特",
        "330TSI 星空精英版",
        "上汽大众",
        "2026款",
        "珍珠白",
        "¥193,900",
        "¥218,900",
        "厂商指导价",
        "¥25,000",
        "销售热线",
        "021-64001234",
        "投诉电话",
        "021-64005678",
        "SC-2026-000012",
        "v2",
        "2026-11-23",
        "LSVAU2180N2184291",
        "137",
        "8.2",
        "6.4",
        "L/100km",
        "全景天窗",
        "扫码查看本车信息",
    ):
        assert value in text, value
    for english in (
        "Price",
        "MSRP",
        "You save",
        "Sales hotline",
        "Complaint phone",
        "Key configuration",
        "Scan for details",
        "Max power",
        "Vehicle card",
        "Fuel consumption",
        "Promotion",
        "Valid until",
    ):
        assert english in text, english


def test_promotion_rules_and_conditions_are_published_4_3_2_1(tmp_path):
    text = pdftotext(render_card(card(promotion=PROMO)), tmp_path)
    for value in ("促销活动", "国庆限时置换补贴", "额外补贴", "附加条件", "不兑现金", "有效期至", "2026-12-31"):
        assert value in text, value
    assert "促销活动" not in pdftotext(render_card(card()), tmp_path)


def test_bev_shows_range_battery_charging_and_the_pile_4_1_3_5(tmp_path):
    text = pdftotext(render_card(card(bev(), charging_pile=PILE)), tmp_path)
    for value in (
        "CLTC",
        "510",
        "km",
        "60.5",
        "kWh",
        "快充时间",
        "30",
        "min",
        "慢充时间",
        "9.5",
        "充电桩安装",
        "Charging pile",
        "家用交流充电桩",
        "免费",
        "新能源",
    ):
        assert value in text, value
    for fuel in ("油耗", "Fuel", "L/100km"):
        assert fuel not in text, fuel


@pytest.mark.parametrize(
    "pile, expected",
    [
        (ChargingPileDTO("上门勘测及安装", 150_000), "¥1,500"),
        (ChargingPileDTO("上门勘测及安装", 0, included=True), "已含在售价中"),
        (None, "收费标准见店内公示"),
    ],
)
def test_charging_pile_fee_is_stated_4_1_3_5(pile, expected, tmp_path):
    text = pdftotext(render_card(card(bev(), charging_pile=pile)), tmp_path)
    assert expected in text


def test_ice_car_has_fuel_and_no_charging_lines(tmp_path):
    text = pdftotext(render_card(card(charging_pile=PILE)), tmp_path)
    assert "综合油耗" in text and "充电桩" not in text and "CLTC" not in text


def test_phev_shows_both_fuel_and_electric_range(tmp_path):
    v = bev(powertrain="PHEV", fuel_l_per_100km=1.2, range_km=120, battery_kwh=18.3)
    text = pdftotext(render_card(card(v, charging_pile=PILE)), tmp_path)
    assert "1.2" in text and "L/100km" in text and "120" in text and "充电桩安装" in text


@pytest.mark.parametrize("language", ["zh", "en"])
def test_single_language_cards(language, tmp_path):
    text = pdftotext(render_card(card(promotion=PROMO), language=language), tmp_path)
    assert "¥193,900" in text and "帕萨特" in text  # data stays as entered
    assert ("销售热线" in text) == (language == "zh")
    assert ("Sales hotline" in text) == (language == "en")


def test_twelve_configuration_items_end_with_a_count(tmp_path):
    text = pdftotext(render_card(card(vehicle(configuration=CONFIG))), tmp_path)
    assert "全景天窗" in text and "等12项配置" in text
    assert "无线充电" not in text  # the 12th item gives way to the count


def test_long_trim_wraps_instead_of_running_off(tmp_path):
    trim = "2.0T 四驱旗舰智享版 星耀典藏限量款 运动外观套件 高性能刹车套装 二十一英寸锻造轮毂"
    text = pdftotext(render_card(card(vehicle(trim=trim))), tmp_path)
    first = [ln for ln in text.splitlines() if "四驱旗舰" in ln]
    second = [ln for ln in text.splitlines() if "锻造轮毂" in ln]
    assert len(first) == len(second) == 1 and first != second


def test_money_format():
    assert fmt_money(21_890_000) == "¥218,900"
    assert fmt_money(21_890_050) == "¥218,900.50"
    assert fmt_money(0) == "¥0"


# --- 4.2.3.4 disclosure -------------------------------------------------------------------


def test_produced_more_than_two_years_ago_is_disclosed_4_2_3_4(tmp_path):
    old = vehicle(production_date=dt.date(2024, 11, 22))  # 2 years + 1 day
    young = vehicle(production_date=dt.date(2024, 11, 24))  # 2 years - 1 day
    exact = vehicle(production_date=dt.date(2024, 11, 23))  # exactly 2 years: not more
    assert [t.zh for t in disclosures(old, TODAY)] == ["本车生产日期为 2024-11-22，距今已超过两年。"]
    assert disclosures(old, TODAY)[0].en == "Produced on 2024-11-22, more than two years ago."
    assert disclosures(young, TODAY) == [] and disclosures(exact, TODAY) == []
    text = pdftotext(render_card(card(old)), tmp_path)
    assert "距今已超过两年" in text and "车辆情况披露" in text and "more than two years" in text
    assert "车辆情况披露" not in pdftotext(render_card(card(young)), tmp_path)


def test_age_disclosure_day_including_29_february_4_2_3_4():
    assert age_disclosure_from(vehicle(production_date=dt.date(2024, 11, 22))) == TODAY
    assert age_disclosure_from(vehicle(production_date=dt.date(2024, 2, 29))) == dt.date(2026, 3, 1)
    assert age_disclosure_from(vehicle(production_date=None)) is None


def test_issue_date_in_shanghai_decides_the_age_4_2_3_4(tmp_path):
    v = vehicle(production_date=dt.date(2024, 11, 22))
    # 2026-11-22 17:00 UTC is already 11-23 in Shanghai.
    late = card(v, issued_at=dt.datetime(2026, 11, 22, 17, 0))
    early = card(v, issued_at=dt.datetime(2026, 11, 22, 15, 0))
    assert "距今已超过两年" in pdftotext(render_card(late), tmp_path)
    assert "距今已超过两年" not in pdftotext(render_card(early), tmp_path)


def test_defect_and_repair_notes_are_disclosed_in_full_4_2_3_4(tmp_path):
    v = vehicle(defect_notes="左后门漆面轻微划痕，已做抛光处理", repair_notes="更换前保险杠（运输剐蹭）")
    found = disclosures(v, TODAY)
    assert [t.zh for t in found] == ["瑕疵披露：左后门漆面轻微划痕，已做抛光处理", "维修披露：更换前保险杠（运输剐蹭）"]
    assert [t.en for t in found] == [
        "Defect disclosed: 左后门漆面轻微划痕，已做抛光处理",
        "Repair disclosed: 更换前保险杠（运输剐蹭）",
    ]
    text = pdftotext(render_card(card(v, promotion=PROMO)), tmp_path)
    for value in ("瑕疵披露", "左后门漆面轻微划痕", "维修披露", "更换前保险杠", "Defect disclosed"):
        assert value in text, value
    assert disclosures(vehicle(defect_notes="  ", repair_notes="\n"), TODAY) == []


def test_notes_are_printed_once_under_a_bilingual_label_4_2_3_4(tmp_path):
    notes = "Replaced the front bumper after a transport scrape"
    text = pdftotext(render_card(card(vehicle(repair_notes=notes))), tmp_path)
    assert text.count("front bumper") == 1 and "维修披露" in text and "Repair disclosed" in text


def test_crowded_card_gives_up_promotion_detail_not_disclosure(tmp_path):
    v = bev(
        trim="550KM 智驾豪华型 四驱性能版 星耀典藏限量款 运动外观套件 高性能刹车套装",
        production_date=dt.date(2023, 1, 5),
        defect_notes="左后门漆面轻微划痕，已做抛光处理；后排右侧座椅皮面有一处 2 厘米压痕",
        repair_notes="更换前保险杠（运输途中剐蹭），更换右前大灯总成，已做四轮定位检测",
    )
    text = pdftotext(render_card(card(v, promotion=PROMO, charging_pile=PILE)), tmp_path)
    for value in (
        "距今已超过两年",
        "左后门漆面轻微划痕",
        "更换前保险杠",
        "国庆限时置换补贴",
        "见店内促销公示",
        "充电桩安装",
    ):
        assert value in text, value


def test_disclosure_that_cannot_fit_is_card_content_too_long():
    v = vehicle(defect_notes="划痕；" * 400)
    with pytest.raises(ShowroomError) as e:
        render_card(card(v))
    assert e.value.code == "card_content_too_long"
    assert e.value.params == {"card_number": "SC-2026-000012", "vin": v.vin}


# --- QR code ------------------------------------------------------------------------------


def test_qr_payload_is_compact_text_with_reference_4_2_1_2():
    c = card(bev(production_date=dt.date(2023, 1, 5), defect_notes="划痕"), promotion=PROMO)
    payload = qr.card_payload(c, "zh")
    lines = payload.splitlines()
    assert lines[0] == "一车一卡 No. SC-2026-000012 v2 2026-11-23"
    assert "比亚迪 海豹 550KM 智驾豪华型 2026款 珍珠白" in lines
    assert "售价 ¥193,900 指导价 ¥218,900" in lines
    assert "续航510km 电池60.5kWh" in lines and "披露 生产超两年 瑕疵" in lines
    assert "VIN LGXCE4CB0R0012345" in lines and "销售 021-64001234 投诉 021-64005678" in lines
    assert len(payload.encode("utf-8")) <= qr.MAX_PAYLOAD_BYTES


def test_qr_payload_shortens_long_text_but_keeps_the_essentials():
    long = card(
        vehicle(trim="四驱旗舰智享版星耀典藏限量款" * 4, defect_notes="划痕"),
        promotion=replace(PROMO, title="国庆限时置换补贴及金融贴息双重礼遇" * 3),
        store=replace(STORE, legal_name="上海浦江汽车销售服务有限公司闵行第二分公司" * 2),
    )
    payload = qr.card_payload(long, "zh")
    assert len(payload.encode("utf-8")) <= qr.MAX_PAYLOAD_BYTES
    for kept in (
        "No. SC-2026-000012 v2",
        "售价 ¥193,900",
        "披露 瑕疵",
        "VIN LSVAU2180N2184291",
        "销售 021-64001234 投诉 021-64005678",
    ):
        assert kept in payload, kept
    assert qr.parse_card_reference(payload) == ("SC-2026-000012", 2)


@pytest.mark.parametrize("layout", ["A5", "A4", "A4_2UP"])
def test_printed_qr_decodes_to_the_payload(layout, tmp_path):
    c = card(bev(production_date=dt.date(2023, 1, 5), defect_notes="划痕"), promotion=PROMO, charging_pile=PILE)
    (found,) = decode_pages(render_card(c, layout=layout), tmp_path)
    assert len(found) == 1
    assert found[0].text == qr.card_payload(c)  # Chinese, ¥ and line breaks intact
    assert found[0].format.name == "QRCode"
    assert found[0].ec_level in ("M", "Q", "H")


def test_two_up_sheet_both_codes_decode(tmp_path):
    cards = [card(card_number="SC-2026-000101"), card(bev(), card_number="SC-2026-000102", charging_pile=PILE)]
    (found,) = decode_pages(render_cards(cards, layout="A4_2UP"), tmp_path)
    assert sorted(r.text for r in found) == sorted(qr.card_payload(c) for c in cards)


def test_url_template_puts_the_url_with_card_and_version_in_the_code(tmp_path):
    c = card(url_template="https://pujiang-4s.example.cn/cars/{vin}")
    url = qr.card_payload(c)
    # The card's language travels as lang= (issue #17.18); render_card's default is bilingual.
    assert url == ("https://pujiang-4s.example.cn/cars/LSVAU2180N2184291?card=SC-2026-000012&v=2&lang=bilingual")
    (found,) = decode_pages(render_card(c), tmp_path)
    assert [r.text for r in found] == [url]
    assert qr.parse_card_reference(url) == ("SC-2026-000012", 2)


def test_url_template_that_already_carries_card_and_version_is_kept():
    url = qr.card_url(
        "https://x.example.cn/c?id={vin}&card={card_number}&v={version}",
        vin="LSVAU2180N2184291",
        card_number="SC-2026-000012",
        version=3,
    )
    assert url == "https://x.example.cn/c?id=LSVAU2180N2184291&card=SC-2026-000012&v=3"
    url = qr.card_url("https://x.example.cn/{card_number}?v=9#top", vin="V", card_number="SC-1", version=3)
    assert url == "https://x.example.cn/SC-1?card=SC-1&v=3#top"


@pytest.mark.parametrize(
    "template, reason",
    [
        ("https://x.example.cn/{model}", "unknown_field"),
        ("https://x.example.cn/{vin", "syntax"),
        ("x.example.cn/{vin}", "not_http_url"),
        ("ftp://x.example.cn/{vin}", "not_http_url"),
    ],
)
def test_bad_url_template_is_card_url_template_invalid(template, reason):
    with pytest.raises(ShowroomError) as e:
        qr.check_url_template(template)
    assert e.value.code == "card_url_template_invalid"
    assert e.value.params == {"template": template, "reason": reason}


def test_too_long_url_is_card_url_too_long():
    with pytest.raises(ShowroomError) as e:
        qr.card_url("https://x.example.cn/" + "a" * 500 + "/{vin}", vin="V", card_number="C", version=1)
    assert e.value.code == "card_url_too_long" and e.value.params["limit"] == 500


@pytest.mark.parametrize(
    "scanned, expected",
    [
        ("一车一卡 No. SC-2026-000012 v2 2026-11-23\n上汽大众 帕萨特", ("SC-2026-000012", 2)),
        ("No. SC-2026-000012 v12\r\n", ("SC-2026-000012", 12)),
        ("????? No. SC-2026-000012 v2 2026-11-23", ("SC-2026-000012", 2)),  # garbled by a scanner
        ("https://x.example.cn/cars/LSV?card=SC-2026-000012&v=2\n", ("SC-2026-000012", 2)),
        ("https://x.example.cn/cars/LSV?card=SC-2026-000012&v=two", None),
        ("https://x.example.cn/cars/LSV", None),
        ("LSVAU2180N2184291", None),
        ("", None),
    ],
)
def test_parse_card_reference(scanned, expected):
    assert qr.parse_card_reference(scanned) == expected


def test_qr_is_50_mm_with_modules_of_at_least_0_58_mm():
    # qr.py: read from ~10x its width -> 50 mm for 50 cm; the payload cap keeps modules big.
    worst = "字" * (qr.MAX_PAYLOAD_BYTES // 3)
    assert qr_draw.SYMBOL_MM == 50
    assert qr_draw.SYMBOL_MM / qr_draw.module_count(worst) >= 0.58 > qr_draw.MIN_MODULE_MM
    assert qr_draw.module_count(worst) <= 85 and qr_draw.qr_matrix(worst)[0][:7] == (True,) * 7


def test_qr_matrix_is_immutable_and_the_encoding_cached():
    a = qr_draw.qr_matrix("一车一卡 No. X v1")
    assert a == qr_draw.qr_matrix("一车一卡 No. X v1") and qr_draw._rows.cache_info().hits >= 1
    assert isinstance(a, tuple) and isinstance(a[0], tuple) and len(a) == len(a[0]) == 25


# --- the encoder against the qrcode package --------------------------------------------------


def test_encoder_tables_match_qrcode():
    import qrcode.base as qrcode_base
    import qrcode.util
    from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q

    levels = {"L": ERROR_CORRECT_L, "M": ERROR_CORRECT_M, "Q": ERROR_CORRECT_Q, "H": ERROR_CORRECT_H}
    for ver in range(1, 41):
        assert qr_symbol.alignment_positions(ver) == (qrcode.util.pattern_position(ver) or []), ver
        for ec, level in levels.items():
            blocks = qrcode_base.rs_blocks(ver, level)
            assert qr_symbol.data_capacity(ver, ec) == sum(b.data_count for b in blocks), (ver, ec)


@pytest.mark.parametrize(
    "version, ec, nbytes",
    [
        (1, "M", 5),
        (2, "L", 20),
        (5, "Q", 30),
        (7, "H", 40),
        (10, "M", 150),
        (13, "M", 300),
        (20, "L", 500),
        (27, "Q", 600),
        (40, "H", 1000),
    ],
)
def test_encoder_matches_qrcode_bit_for_bit_for_every_mask(version, ec, nbytes):
    import qrcode
    from qrcode.util import MODE_8BIT_BYTE, QRData

    level = getattr(qrcode.constants, f"ERROR_CORRECT_{ec}")
    data = ("一车一卡¥193,900 " * 100).encode("utf-8")[:nbytes]
    for mask in range(8):
        ref = qrcode.QRCode(version=version, error_correction=level, border=0, mask_pattern=mask)
        ref.add_data(QRData(data, mode=MODE_8BIT_BYTE))
        ref.make(fit=False)
        size, rows = qr_symbol.encode_rows(data, ec, version=version, mask=mask)
        mine = [[bool(r >> (size - 1 - x) & 1) for x in range(size)] for r in rows]
        assert mine == ref.get_matrix(), (version, ec, mask)


def test_every_mask_decodes(tmp_path):
    import zxingcpp  # a test dependency: the QR must be decoded by a real decoder
    from PIL import Image

    payload = "一车一卡 No. SC-2026-000012 v2\n售价 ¥193,900"
    for mask in range(8):
        size, rows = qr_symbol.encode_rows(payload.encode(), "M", mask=mask)
        img = Image.new("1", (size + 8, size + 8), 1)
        for y, r in enumerate(rows):
            for x in range(size):
                if r >> (size - 1 - x) & 1:
                    img.putpixel((x + 4, y + 4), 0)
        img = img.resize(((size + 8) * 6,) * 2, Image.NEAREST)
        assert [r.text for r in zxingcpp.read_barcodes(img)] == [payload], mask


# --- batches, fonts, golden ------------------------------------------------------------------


def _batch(n: int) -> list[CardDTO]:
    return [
        card(
            bev(vin=f"LGXCE4CB0R00{i:05d}") if i % 2 else vehicle(vin=f"LSVAU2180N2{i:06d}"),
            card_number=f"SC-2026-{i:06d}",
            version=1 + i % 3,
            promotion=PROMO if i % 3 else None,
            charging_pile=PILE,
        )
        for i in range(n)
    ]


def test_batch_of_60_reports_progress_in_order_and_prints_timings():
    cards = _batch(60)
    register_fonts()
    render_card(cards[0])  # warm: fonts, QR templates
    seen = []
    start = time.perf_counter()
    pdf = render_cards(cards, layout="A5", progress=lambda done, total: seen.append((done, total)))
    sixty = time.perf_counter() - start
    assert seen == [(i, 60) for i in range(1, 61)]
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 60
    start = time.perf_counter()
    render_card(card(card_number="SC-2026-999999"))
    one = time.perf_counter() - start
    print(f"\nvehicle cards: 1 card {one * 1000:.1f} ms, 60 cards {sixty * 1000:.0f} ms ({len(pdf) // 1024} KiB)")


def test_two_up_batch_puts_two_cards_on_each_page():
    pdf = render_cards(_batch(5), layout="A4_2UP")
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages) == 3
    assert round(float(pages[0].mediabox.width)) == 842  # A4 landscape


def test_cancelling_a_batch_stops_it():
    calls = []
    with pytest.raises(ShowroomError) as e:
        render_cards(_batch(60), progress=lambda d, t: calls.append(d), cancelled=lambda: len(calls) >= 7)
    assert e.value.code == "cancelled" and e.value.params == {"done": 7, "total": 60}
    assert calls == list(range(1, 8))


def test_bad_layout_and_language_and_empty_batch_are_refused():
    with pytest.raises(ValueError):
        render_card(card(), layout="A3")
    with pytest.raises(ValueError):
        render_card(card(), language="fr")
    with pytest.raises(ValueError):
        render_cards([])


@pytest.mark.parametrize("layout", ["A5", "A4_2UP"])
def test_only_embedded_fonts(layout, tmp_path):
    src = tmp_path / "card.pdf"
    src.write_bytes(render_card(card(bev(), promotion=PROMO, charging_pile=PILE), layout=layout))
    out = subprocess.run([tool("pdffonts"), str(src)], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    assert rows, out.stdout
    for row in rows:
        assert row.split()[-5] == "yes", f"unembedded font: {row}"
    assert "Helvetica" not in out.stdout


def test_page_sizes():
    sizes = {
        layout: PdfReader(io.BytesIO(render_card(card(), layout=layout))).pages[0].mediabox
        for layout in ("A5", "A4", "A4_2UP")
    }
    assert [(round(float(b.width)), round(float(b.height))) for b in sizes.values()] == [
        (420, 595),
        (595, 842),
        (842, 595),
    ]


def test_invariant_renders_are_identical():
    c = card(promotion=PROMO)
    assert render_card(c, invariant=True) == render_card(c, invariant=True)


def test_golden_vehicle_card_a5_bilingual():
    golden = GOLDEN / "vehicle_card_a5_bilingual.pdf"
    fonts = register_fonts()
    if fonts.path != WQY:
        pytest.skip(f"golden bytes are for {WQY}; this machine renders with {fonts.path}")
    pdf = render_card(
        card(
            bev(production_date=dt.date(2024, 11, 1), defect_notes="左后门漆面轻微划痕"),
            promotion=PROMO,
            charging_pile=PILE,
        ),
        invariant=True,
    )
    if os.environ.get("SHOWROOM_UPDATE_GOLDEN") == "1":
        golden.write_bytes(pdf)
    if not golden.exists():
        pytest.fail(f"{golden} is missing: generate it with SHOWROOM_UPDATE_GOLDEN=1")
    import reportlab

    assert pdf == golden.read_bytes(), (
        f"vehicle card differs from {golden} (reportlab {reportlab.Version}). If the change "
        "is intended, look at the new PDF, then rerun with SHOWROOM_UPDATE_GOLDEN=1."
    )
