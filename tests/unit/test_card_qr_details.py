"""Card QR codes carry what the card promises behind "scan for details" (issue #17.18; 一车一卡
T/CSCA 120031-2023 4.2.1.2 configuration, 4.3.2.1 promotion rules and conditions): in the
card's language, within qr.MAX_PAYLOAD_BYTES so the code stays readable at card size, cut
gracefully when the facts are long. Decoded from the rendered PDF with zxing-cpp."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from app.showroom import qr
from app.showroom.vehicle_card import render_card
from tests.unit.test_vehicle_card import CONFIG, PROMO, bev, card, decode_pages, vehicle


def _decoded(c, tmp_path, **kw) -> str:
    (found,) = decode_pages(render_card(c, **kw), tmp_path)
    assert len(found) == 1
    return found[0].text


@pytest.mark.parametrize(
    "language, labels",
    [
        ("zh", ("一车一卡 No.", "售价 ¥", "规则 ", "条件 ", "配置 ")),
        ("en", ("Vehicle card No.", "Price ¥", "Rules ", "Conditions ", "Features ")),
        ("bilingual", ("一车一卡 Vehicle card No.", "售价 ¥", "规则 ", "配置 ")),
    ],
)
def test_the_printed_code_gives_configuration_and_promotion_rules_in_the_cards_language(language, labels, tmp_path):
    c = card(vehicle(configuration=CONFIG[:4]), promotion=PROMO)
    text = _decoded(c, tmp_path, language=language)
    assert text == qr.card_payload(c, language)
    for label in labels:
        assert label in text, label
    for item in CONFIG[:4]:
        assert item in text, item  # the full list, not the card's eight rows
    assert "规则 活动期间置换本品牌" in text or "Rules 活动期间置换本品牌" in text  # 4.3.2.1
    assert qr.parse_card_reference(text) == (c.card_number, c.version)


def test_long_facts_are_cut_with_an_ellipsis_and_the_code_still_decodes_on_a_two_up_sheet(tmp_path):
    crowded = card(
        bev(production_date=dt.date(2023, 1, 5), defect_notes="划痕", configuration=CONFIG * 3),
        promotion=replace(PROMO, rules=PROMO.rules * 4, conditions=PROMO.conditions * 4),
    )
    payload = qr.card_payload(crowded, "bilingual")
    assert len(payload.encode("utf-8")) <= qr.MAX_PAYLOAD_BYTES == 500
    assert "…" in payload
    for kept in ("No. SC-2026-000012 v2", "售价 ¥193,900", "披露 Disclosed 生产超两年", "VIN ", "投诉 021"):
        assert kept in payload, kept
    assert "规则 活动期间" in payload and CONFIG[0] in payload
    assert _decoded(crowded, tmp_path, layout="A4_2UP") == payload


def test_a_url_template_is_used_and_carries_the_language(tmp_path):
    c = card(url_template="https://pujiang-4s.example.cn/cars/{vin}?lang={language}")
    assert _decoded(c, tmp_path, language="en") == (
        "https://pujiang-4s.example.cn/cars/LSVAU2180N2184291?lang=en&card=SC-2026-000012&v=2"
    )
    c = card(url_template="https://pujiang-4s.example.cn/cars/{vin}")
    assert qr.card_payload(c, "zh").endswith("&v=2&lang=zh")
