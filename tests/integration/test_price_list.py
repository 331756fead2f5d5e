"""The published price and fee list (价格公示; 《汽车销售管理办法》 art. 10, T/CSCA 120031-2023
4.3.2.1-4.3.2.2; issue #18.1): versions with effective dates, drafts edited then published
with a bilingual public notice and never changed again, the list in force on a day, the
listed-item check quotes rely on, and the store's discount approval threshold."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from app.core.clock import store_today
from app.core.errors import Conflict, PermissionDenied, ValidationFailed
from app.sales import price_list as pl
from app.sales.price_dto import PriceItemInput
from app.sales.price_threshold import discount_threshold, discount_threshold_fen, set_discount_threshold
from db.models import Document, Role
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401
from tests.integration.test_cards_currency import pdf_text
from tests.sales_factories import make_price_list

pytestmark = pytest.mark.usefixtures("isolated_data_dir")

CAR = PriceItemInput(kind="vehicle", brand="大众", model="途观L", trim="380TSI 旗舰版", name_zh="途观L 旗舰版",
                     name_en="Tiguan L Flagship", amount_fen=28_988_000)  # fmt: skip


@pytest.fixture()
def manager(uow):
    make_store(uow)
    return make_user(uow, Role.SALES_MANAGER, full_name="周建国")


def codes_of(e: ValidationFailed) -> set[str]:
    return {err.code for err in e.errors}


def draft(uow, manager, days_ahead=1, title="2027 价格公示"):
    return pl.create_price_list(
        uow(), actor=manager, title=title, effective_from=store_today() + dt.timedelta(days=days_ahead)
    )


def test_art_10_a_new_version_starts_from_the_list_in_force(uow, manager):
    make_price_list(uow, manager)
    new = draft(uow, manager)
    assert new.status == "draft" and not new.in_force
    assert {i.code for i in new.items} >= {"VEH-大众-帕萨特-330TSI 豪华版", "registration", "PROMO-SPRING"}
    assert len(new.items) == 8
    assert new.changes.price_list


def test_a_repeated_request_key_makes_one_draft(uow, manager):
    key = str(uuid.uuid4())
    day = store_today() + dt.timedelta(days=3)
    a = pl.create_price_list(uow(), actor=manager, title="A", effective_from=day, request_key=key)
    b = pl.create_price_list(uow(), actor=manager, title="A", effective_from=day, request_key=key)
    assert a.id == b.id and len(pl.list_price_lists(uow(), actor=manager)) == 1


def test_art_10_a_list_cannot_take_effect_in_the_past(uow, manager):
    with pytest.raises(ValidationFailed) as e:
        draft(uow, manager, days_ahead=-1)
    assert codes_of(e.value) == {"price_effective_in_past"}


def test_4_3_2_1_items_are_checked_when_saved(uow, manager):
    d = draft(uow, manager)
    bad = [
        (dataclasses.replace(CAR, brand=""), "required"),
        (dataclasses.replace(CAR, amount_fen=-1), "price_amount_range"),
        (dataclasses.replace(CAR, amount_fen=100_000_000 * 100), "price_amount_range"),
        (
            PriceItemInput(kind="service_fee", code="tyres", name_zh="轮胎", amount_fen=1, timing="当天"),
            "service_code_unknown",
        ),  # fmt: skip
        (PriceItemInput(kind="promotion", code="P1", name_zh="春促", amount_fen=100), "promotion_rules_required"),
        (
            PriceItemInput(
                kind="promotion",
                code="P1",
                name_zh="春促",
                amount_fen=100,
                rules="到店即享",
                valid_from=dt.date(2027, 2, 1),
                valid_to=dt.date(2027, 1, 1),
            ),
            "validity_reversed",
        ),  # fmt: skip
    ]
    for data, code in bad:
        with pytest.raises(ValidationFailed) as e:
            pl.save_price_item(uow(), actor=manager, price_list_id=d.id, data=data)
        assert code in codes_of(e.value), data
    item = pl.save_price_item(uow(), actor=manager, price_list_id=d.id, data=CAR)
    assert item.code == "VEH-大众-途观L-380TSI 旗舰版"
    with pytest.raises(ValidationFailed) as e:  # codes are unique on a list
        pl.save_price_item(uow(), actor=manager, price_list_id=d.id, data=CAR)
    assert codes_of(e.value) == {"price_code_taken"}


def test_editing_a_line_checks_its_version(uow, manager):
    d = draft(uow, manager)
    item = pl.save_price_item(uow(), actor=manager, price_list_id=d.id, data=CAR)
    cheaper = dataclasses.replace(CAR, amount_fen=27_988_000)
    edited = pl.save_price_item(
        uow(), actor=manager, price_list_id=d.id, data=cheaper, item_id=item.id, expected_version=item.version
    )
    assert edited.amount_fen == 27_988_000
    with pytest.raises(Conflict):
        pl.save_price_item(
            uow(), actor=manager, price_list_id=d.id, data=CAR, item_id=item.id, expected_version=item.version
        )
    after = pl.remove_price_item(uow(), actor=manager, item_id=item.id, expected_version=edited.version)
    assert after.items == ()


def test_4_3_2_2_publishing_checks_the_whole_list(uow, manager):
    d = draft(uow, manager)
    with pytest.raises(ValidationFailed) as e:
        pl.publish_price_list(uow(), actor=manager, price_list_id=d.id, expected_version=d.version)
    assert codes_of(e.value) == {"price_list_no_vehicle"}
    assert pl.get_price_list(uow(), actor=manager, price_list_id=d.id).status == "draft"


def test_art_10_publishing_prints_the_notice_and_fixes_the_list(uow, manager):
    make_price_list(uow, manager)
    d = draft(uow, manager, days_ahead=2)
    pl.save_price_item(uow(), actor=manager, price_list_id=d.id, data=CAR)
    promo = next(i for i in d.items if i.kind == "promotion")
    ends = store_today() + dt.timedelta(days=90)  # the copied promotion runs on
    pl.save_price_item(
        uow(), actor=manager, price_list_id=d.id, item_id=promo.id, expected_version=promo.version,
        data=PriceItemInput(kind="promotion", code=promo.code, name_zh=promo.name_zh, name_en=promo.name_en,
                            amount_fen=promo.amount_fen, rules=promo.rules, valid_from=promo.valid_from, valid_to=ends),
    )  # fmt: skip
    d = pl.get_price_list(uow(), actor=manager, price_list_id=d.id)
    done = pl.publish_price_list(uow(), actor=manager, price_list_id=d.id, expected_version=d.version)
    assert done.status == "published" and done.notice_number.startswith("PL-")
    with uow() as u:
        doc = u.session.scalar(select(Document).where(Document.id == done.notice_document_id))
        assert (doc.doc_type, doc.subject_type, doc.subject_id) == ("price_list_notice", "price_list", d.id)
        text = pdf_text(doc.content)
    for shown in ("价格公示", "Published prices and fees", "289,880", "199,900", "8,000", "1,200",
                  "上牌代办", "交车后10个工作日内", "置换本品牌车辆可享", ends.isoformat(),
                  (store_today() + dt.timedelta(days=2)).isoformat()):  # fmt: skip
        assert shown in text, shown
    assert "自愿" in text and "any provider" in text.replace("\n", " ")  # 办法 art. 14
    # Published: never edited again (a change is a new version).
    with pytest.raises(ValidationFailed) as e:
        pl.save_price_item(uow(), actor=manager, price_list_id=d.id, data=dataclasses.replace(CAR, code="X"))
    assert codes_of(e.value) == {"price_list_published"}
    car = next(i for i in done.items if i.kind == "vehicle" and i.model == "途观L")
    with pytest.raises(ValidationFailed):
        pl.remove_price_item(uow(), actor=manager, item_id=car.id, expected_version=car.version)


def test_art_10_the_list_in_force_is_the_latest_published_on_or_before_the_day(uow, manager):
    old = make_price_list(uow, manager, effective_from=dt.date(2026, 1, 1))
    newer = make_price_list(uow, manager, effective_from=dt.date(2026, 6, 1))
    make_price_list(uow, manager, effective_from=dt.date(2026, 7, 1), published=False)  # a draft never applies
    assert pl.price_list_in_force(uow(), actor=manager, on=dt.date(2025, 12, 31)) is None
    assert pl.price_list_in_force(uow(), actor=manager, on=dt.date(2026, 5, 31)).id == old
    assert pl.price_list_in_force(uow(), actor=manager, on=dt.date(2026, 6, 1)).id == newer
    assert pl.price_list_in_force(uow(), actor=manager, on=dt.date(2026, 8, 1)).id == newer


def test_4_3_2_1_a_quote_can_only_use_an_item_of_that_list(uow, manager):
    first = make_price_list(uow, manager)
    second = make_price_list(uow, manager, effective_from=dt.date(2026, 2, 1))
    item = pl.get_price_list(uow(), actor=manager, price_list_id=first).items[0]
    with uow() as u:
        assert pl.listed_item(u.session, first, item.id).amount_fen == item.amount_fen
        with pytest.raises(ValidationFailed) as e:
            pl.listed_item(u.session, second, item.id)
        assert codes_of(e.value) == {"price_not_listed"}


def test_4_3_2_1_the_discount_threshold_is_the_managers_setting(uow, manager):
    consultant = make_user(uow, Role.CONSULTANT)
    now = discount_threshold(uow(), actor=consultant)
    assert now.discount_approval_fen == 500_000
    with pytest.raises(PermissionDenied):
        set_discount_threshold(uow(), actor=consultant, expected_version=now.version, discount_approval_fen=1)
    with pytest.raises(ValidationFailed):
        set_discount_threshold(uow(), actor=manager, expected_version=now.version, discount_approval_fen=-1)
    done = set_discount_threshold(uow(), actor=manager, expected_version=now.version, discount_approval_fen=300_000)
    assert discount_threshold(uow(), actor=consultant).discount_approval_fen == 300_000 == done.discount_approval_fen
    with uow() as u:  # what the quote part reads inside its transaction
        assert discount_threshold_fen(u.session) == 300_000
    with pytest.raises(Conflict):
        set_discount_threshold(uow(), actor=manager, expected_version=now.version, discount_approval_fen=1)


def test_art_10_a_draft_left_past_its_date_is_moved_on_before_publishing(uow, manager):
    d = draft(uow, manager, days_ahead=0)
    pl.save_price_item(uow(), actor=manager, price_list_id=d.id, data=CAR)
    d = pl.get_price_list(uow(), actor=manager, price_list_id=d.id)
    tomorrow = store_today() + dt.timedelta(days=1)
    later = dt.datetime.combine(tomorrow, dt.time(4))  # naive UTC: noon in Shanghai tomorrow
    with pytest.raises(ValidationFailed) as e:
        pl.publish_price_list(uow(), actor=manager, price_list_id=d.id, expected_version=d.version, now=later)
    assert codes_of(e.value) == {"price_effective_in_past"}
    moved = pl.save_price_list_header(
        uow(), actor=manager, price_list_id=d.id, expected_version=d.version, title="2027 价格公示（修订）",
        effective_from=tomorrow, now=later,
    )  # fmt: skip
    assert moved.effective_from == tomorrow and moved.title == "2027 价格公示（修订）"


def test_a_publish_from_an_older_view_of_the_draft_conflicts_and_prints_nothing(uow, manager):
    d = draft(uow, manager)
    item = pl.save_price_item(uow(), actor=manager, price_list_id=d.id, data=CAR)
    seen = pl.get_price_list(uow(), actor=manager, price_list_id=d.id)
    pl.save_price_item(
        uow(), actor=manager, price_list_id=d.id, data=dataclasses.replace(CAR, amount_fen=1),
        item_id=item.id, expected_version=item.version,
    )  # fmt: skip
    with pytest.raises(Conflict):
        pl.publish_price_list(uow(), actor=manager, price_list_id=d.id, expected_version=seen.version)
    with uow() as u:
        assert u.session.scalar(select(Document.id).where(Document.doc_type == "price_list_notice")) is None


def test_4_3_2_1_a_promotion_over_before_the_list_applies_is_not_published(uow, manager):
    make_price_list(uow, manager)  # its spring promotion runs a year past today (PROMOTION_ENDS)
    d = draft(uow, manager, days_ahead=400)
    with pytest.raises(ValidationFailed) as e:
        pl.publish_price_list(uow(), actor=manager, price_list_id=d.id, expected_version=d.version)
    assert [(err.code, err.params) for err in e.value.errors] == [("promotion_expired", {"item": "PROMO-SPRING"})]
