"""The deal and its sales proposal (销售方案, T/CSCA 120031 4.3.1.2-4.3.1.3; issue #18.2): opened
from a lead for a car in stock or a trim to order, priced only from the list in force (办法 art.
10; 4.3.2.1), a discount as its own line approved by a sales manager above the store threshold,
agency services only as the customer chose them (办法 art. 14; 4.3.2.3-4.3.2.5), every revision
kept, confirmed by the customer's signature on a bilingual PDF."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy import select

from app.core.errors import PermissionDenied, ValidationFailed
from app.sales import api
from app.sales.quote_dto import QuoteInput, ServiceChoice
from db.models import Role
from db.sales_models import PriceListItem, Quote
from tests.factories import isolated_data_dir, make_store, make_user, signature_capture  # noqa: F401
from tests.integration.test_cards_currency import pdf_text
from tests.sales_factories import PROMOTION_ENDS, SALE_NOW, make_lead, make_price_list, make_vehicle

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


class World:
    def __init__(self, uow):
        make_store(uow)
        self.uow = uow
        self.manager = make_user(uow, Role.SALES_MANAGER, full_name="周经理")
        self.consultant = make_user(uow, Role.CONSULTANT, full_name="李顾问")
        self.price_list_id = make_price_list(uow, self.manager)
        self.customer_id, self.lead_id = make_lead(uow, self.consultant)
        with uow() as u:
            rows = u.session.scalars(select(PriceListItem).where(PriceListItem.price_list_id == self.price_list_id))
            self.items = {i.code: i.id for i in rows}

    def item(self, code: str) -> int:
        return self.items[code]

    def deal(self, **kw):
        return api.open_deal(self.uow(), actor=self.consultant, lead_id=self.lead_id, now=SALE_NOW, **kw)

    def data(self, **kw) -> QuoteInput:
        base = dict(
            vehicle_item_id=self.item("VEH-大众-帕萨特-330TSI 豪华版"),
            items=((self.item("OPT-SUNROOF"), 1), (self.item("ACC-MATS"), 2)),
            valid_until=dt.date(2026, 3, 31),
        )
        return QuoteInput(**{**base, **kw})

    def save(self, deal_id: int, actor=None, **kw):
        return api.save_quote(
            self.uow(), actor=actor or self.consultant, deal_id=deal_id, data=self.data(**kw), now=SALE_NOW
        )

    def sign(self, quote_id: int):
        sig = signature_capture("王先生", "customer", 1)
        return api.sign_quote(self.uow(), actor=self.consultant, quote_id=quote_id, signatures=[sig], now=SALE_NOW)


@pytest.fixture()
def w(uow):
    return World(uow)


def _codes(e: ValidationFailed) -> list[str]:
    return [x.code for x in e.errors]


def test_4_3_1_2_a_deal_from_a_lead_takes_its_model_and_a_car_in_stock(w):
    car = make_vehicle(w.uow, w.manager)
    d = w.deal(vehicle_id=car)
    assert (d.brand, d.model, d.trim, d.vehicle_id, d.customer_name) == (
        "大众",
        "帕萨特",
        "330TSI 豪华版",
        car,
        "王先生",
    )
    assert d.changes.sales


def test_4_3_1_2_one_open_deal_per_lead_and_a_repeated_request_opens_it_once(w):
    key = str(uuid.uuid4())
    first = w.deal(trim="330TSI 豪华版", request_key=key)
    assert w.deal(request_key=key).id == first.id
    assert w.deal().id == first.id


def test_4_3_1_2_a_car_sold_reserved_or_of_another_model_cannot_be_quoted(w):
    reserved = make_vehicle(w.uow, w.manager, status="reserved")
    other = make_vehicle(w.uow, w.manager, model="途观L")
    for car, code in ((reserved, "vehicle_not_available"), (other, "vehicle_not_the_model")):
        with pytest.raises(ValidationFailed) as e:
            w.deal(vehicle_id=car)
        assert code in _codes(e.value)


def test_a_consultant_opens_deals_only_for_their_own_leads(w):
    other = make_user(w.uow, Role.CONSULTANT)
    with pytest.raises(PermissionDenied):
        api.open_deal(w.uow(), actor=other, lead_id=w.lead_id)
    assert api.open_deal(w.uow(), actor=w.manager, lead_id=w.lead_id).consultant_id == w.consultant.user_id


def test_assign_vehicle_names_the_vin_of_a_deal_to_order(w):
    d = w.deal(trim="330TSI 豪华版")
    car = make_vehicle(w.uow, w.manager)
    d2 = api.assign_vehicle(w.uow(), actor=w.consultant, deal_id=d.id, vehicle_id=car, expected_version=d.version)
    assert d2.vehicle_id == car and d2.vin


def test_4_3_2_1_the_quote_charges_listed_prices_and_the_discount_is_its_own_line(w):
    d = w.deal()
    preview = api.price_quote(
        w.uow(), actor=w.consultant, deal_id=d.id, data=w.data(discount_fen=100_000), now=SALE_NOW
    )
    assert [line.kind for line in preview.lines] == ["vehicle", "option", "accessory", "discount"]
    assert preview.total_fen == 19_990_000 + 800_000 + 2 * 120_000 - 100_000
    with w.uow() as u:  # a preview writes nothing
        assert u.session.scalar(select(Quote.id)) is None


def test_4_3_2_1_an_item_of_another_list_or_an_expired_promotion_is_refused(w):
    d = w.deal()
    old = make_price_list(w.uow, w.manager, effective_from=dt.date(2025, 1, 1))
    with w.uow() as u:
        foreign = u.session.scalar(select(PriceListItem.id).where(PriceListItem.price_list_id == old).limit(1))
    with pytest.raises(ValidationFailed) as e:
        w.save(d.id, items=((foreign, 1),))
    assert "price_not_listed" in _codes(e.value)
    late = dt.datetime.combine(PROMOTION_ENDS + dt.timedelta(days=1), dt.time(2, 0))  # the day after it ends
    data = w.data(promotion_item_ids=(w.item("PROMO-SPRING"),), valid_until=None)
    with pytest.raises(ValidationFailed) as e:
        api.price_quote(w.uow(), actor=w.consultant, deal_id=d.id, data=data, now=late)
    assert "promotion_not_valid" in _codes(e.value)


def test_4_3_2_3_and_art_14_services_only_as_chosen_with_the_customers_provider(w):
    d = w.deal()
    q = w.save(d.id)
    assert not [line for line in q.lines if line.kind == "service"]  # never added by itself
    with pytest.raises(ValidationFailed) as e:
        w.save(d.id, services=(ServiceChoice("insurance", " "),))
    assert _codes(e.value) == ["service_provider_required"]
    q = w.save(d.id, services=(ServiceChoice("registration", "客户自办以外：本店", ""),))
    (svc,) = [line for line in q.lines if line.kind == "service"]
    assert (svc.amount_fen, svc.provider, svc.timing) == (50_000, "客户自办以外：本店", "交车后10个工作日内")


def test_4_3_1_3_every_revision_is_kept_and_the_previous_one_superseded(w):
    d = w.deal()
    first, second = w.save(d.id), w.save(d.id, gifts=("行车记录仪",), promises=("首保免费",))
    assert (first.revision, second.revision) == (1, 2)
    with w.uow() as u:
        rows = u.session.scalars(select(Quote).order_by(Quote.revision)).all()
        assert rows[0].superseded_at == SALE_NOW and rows[1].superseded_at is None
    assert [line.kind for line in second.lines][-2:] == ["gift", "promise"]


def test_4_3_2_1_a_discount_above_the_threshold_needs_a_managers_approval_with_a_reason(w):
    q = w.save(w.deal().id, discount_fen=600_000, discount_reason="老客户")
    assert q.needs_approval
    with pytest.raises(ValidationFailed) as e:
        w.sign(q.id)
    assert "discount_not_approved" in _codes(e.value)
    with pytest.raises(PermissionDenied):
        api.approve_discount(w.uow(), actor=w.consultant, quote_id=q.id, reason="x")
    with pytest.raises(ValidationFailed):
        api.approve_discount(w.uow(), actor=w.manager, quote_id=q.id, reason="  ")
    q = api.approve_discount(w.uow(), actor=w.manager, quote_id=q.id, reason="月底冲量，经理批准")
    assert not q.needs_approval
    assert w.sign(q.id).signed_at == SALE_NOW


def test_4_3_1_3_the_signed_proposal_pdf_shows_every_line_total_validity_and_optional_services(w):
    from app.documents.api import get_document_bytes

    d = w.deal()
    q = w.save(
        d.id, gifts=("行车记录仪",), promises=("首保免费",), discount_fen=100_000, discount_reason="试驾当日成交",
        services=(ServiceChoice("registration", "本店", "交车后5个工作日内"),),
    )  # fmt: skip
    signed = w.sign(q.id)
    assert signed.document_number.startswith("QT-")
    with w.uow() as u:
        assert api.signed_quote(u.session, d.id).id == q.id
    text = pdf_text(get_document_bytes(w.uow(), actor=w.consultant, document_id=signed.document_id))
    for needle in (
        "销售方案", "Sales proposal", "王先生", "李顾问", "帕萨特 330TSI 豪华版", "订购车辆", "全景天窗",
        "全包围脚垫", "优惠：试驾当日成交", "行车记录仪", "首保免费", "上牌代办", "交车后5个工作日内",
        "¥209,800.00", "2026-03-31", "第十四条", "art. 14",
    ):  # fmt: skip
        assert "".join(needle.split()) in "".join(text.split()), needle


def test_a_new_revision_after_signing_leaves_no_signed_quote_until_it_is_signed(w):
    d = w.deal()
    w.sign(w.save(d.id).id)
    w.save(d.id)
    with w.uow() as u:
        assert api.signed_quote(u.session, d.id) is None


def test_4_3_1_3_a_quote_past_its_validity_can_no_longer_be_signed(w):
    q = w.save(w.deal().id, valid_until=dt.date(2026, 3, 10))
    late = dt.datetime(2026, 3, 11, 2, 0)
    sig = signature_capture("王先生", "customer", 1)
    with pytest.raises(ValidationFailed) as e:
        api.sign_quote(w.uow(), actor=w.consultant, quote_id=q.id, signatures=[sig], now=late)
    assert _codes(e.value) == ["quote_expired"]


def test_the_customer_signs_and_only_the_deals_consultant_or_a_manager_quotes(w):
    d = w.deal()
    with pytest.raises(PermissionDenied):
        w.save(d.id, actor=make_user(w.uow, Role.CONSULTANT))
    q = w.save(d.id, actor=w.manager)
    escort = signature_capture("李顾问", "consultant", 1)
    with pytest.raises(ValidationFailed) as e:
        api.sign_quote(w.uow(), actor=w.consultant, quote_id=q.id, signatures=[escort], now=SALE_NOW)
    assert _codes(e.value) == ["quote_signature_required"]


def test_4_3_3_once_a_contract_is_signed_the_quote_is_changed_by_amending_the_contract(w):
    from tests.sales_factories import make_contract

    deal_id, _contract = make_contract(w.uow, w.consultant, w.manager)
    with pytest.raises(ValidationFailed) as e:
        w.save(deal_id)
    assert _codes(e.value) == ["deal_past_quote"]


def test_4_3_1_2_the_vehicle_line_must_be_the_deals_trim(w):
    car = make_vehicle(w.uow, w.manager, trim="380TSI 旗舰版")
    d = w.deal(vehicle_id=car)
    with pytest.raises(ValidationFailed) as e:
        w.save(d.id)
    assert _codes(e.value) == ["vehicle_not_the_model"]


def test_issue_17_3_pasted_text_too_long_is_refused_with_its_limit_never_cut(w):
    d = w.deal()
    long_provider = (ServiceChoice("registration", "某" * 121),)
    with pytest.raises(ValidationFailed) as e:
        w.save(d.id, discount_fen=1000, discount_reason="因" * 151, gifts=("赠" * 201,), services=long_provider)
    found = {(x.field, x.code, x.params["max"]) for x in e.value.errors}
    assert found == {("discount_reason", "too_long", 150), ("gifts", "too_long", 200), ("services", "too_long", 120)}
    q = w.save(d.id, discount_fen=600_000)
    with pytest.raises(ValidationFailed) as e:
        api.approve_discount(w.uow(), actor=w.manager, quote_id=q.id, reason="理" * 1001)
    assert _codes(e.value) == ["too_long"]
