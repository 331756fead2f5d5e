"""Sales test data (issue #18): rows of the sale written straight into the tables, so each part's
tests (price list, quote, contract, finance, handover) can start from the stage it needs while the
other parts are built. The end-to-end walk (tests/integration/test_sale_walk.py) goes through the
real services instead."""

from __future__ import annotations

import datetime as dt
import itertools

from app.core.dto import Actor
from app.core.personal_data import fingerprint, mask, seal
from app.inventory import vehicles
from db.finance_models import Payment, PaymentKind
from db.models import Vehicle
from db.reception_models import Customer, Lead
from db.sales_models import (
    Contract,
    ContractRevision,
    Deal,
    DealStage,
    PriceItemKind,
    PriceList,
    PriceListItem,
    PriceListStatus,
    Quote,
    QuoteLine,
    QuoteLineKind,
)
from tests.factories import vehicle_input

_seq = itertools.count(1)
SALE_NOW = dt.datetime(2026, 3, 10, 2, 0)  # naive UTC: 10:00 in Shanghai
BUYER_ID = "11010519491231002X"  # a valid resident ID (GB 11643 check digit)
# The promotion runs a year past the day the tests run (4.3.2.1: a promotion is offered only
# within its validity): a fixed end date would fail every test that prices on today from then on.
PROMOTION_ENDS = max(dt.date(2026, 12, 31), dt.date.today() + dt.timedelta(days=365))


def make_price_list(uow_factory, manager: Actor, *, effective_from=dt.date(2026, 1, 1), published=True) -> int:
    """A list with the test car's price (大众 帕萨特 330TSI 豪华版), an option, an accessory, the
    four service fees and a promotion."""
    with uow_factory() as uow:
        s = uow.session
        pl = PriceList(
            title=f"2026 价格公示 {next(_seq)}", effective_from=effective_from, created_by_id=manager.user_id
        )
        if published:
            pl.status, pl.published_at, pl.published_by_id = PriceListStatus.PUBLISHED, SALE_NOW, manager.user_id
        s.add(pl)
        s.flush()
        items = [
            (
                PriceItemKind.VEHICLE,
                "VEH-大众-帕萨特-330TSI 豪华版",
                "帕萨特 330TSI 豪华版",
                "Passat 330TSI Luxury",
                19_990_000,
            ),
            (PriceItemKind.OPTION, "OPT-SUNROOF", "全景天窗", "Panoramic sunroof", 800_000),
            (PriceItemKind.ACCESSORY, "ACC-MATS", "全包围脚垫", "Floor mats", 120_000),
            (PriceItemKind.SERVICE_FEE, "registration", "上牌代办", "Registration agency", 50_000),
            (PriceItemKind.SERVICE_FEE, "insurance", "保险代办", "Insurance agency", 0),
            (PriceItemKind.SERVICE_FEE, "loan", "贷款代办", "Loan agency", 100_000),
            (PriceItemKind.SERVICE_FEE, "delivery", "交付服务", "Delivery service", 0),
            (PriceItemKind.PROMOTION, "PROMO-SPRING", "春季置换补贴", "Spring trade-in bonus", 500_000),
        ]
        for kind, code, zh, en, amount in items:
            brand, model, trim = ("大众", "帕萨特", "330TSI 豪华版") if kind == PriceItemKind.VEHICLE else ("", "", "")
            s.add(
                PriceListItem(
                    price_list_id=pl.id,
                    kind=kind,
                    code=code,
                    name_zh=zh,
                    name_en=en,
                    amount_fen=amount,
                    brand=brand,
                    model=model,
                    trim=trim,
                    rules="置换本品牌车辆可享" if kind == PriceItemKind.PROMOTION else "",
                    valid_from=dt.date(2026, 1, 1) if kind == PriceItemKind.PROMOTION else None,
                    valid_to=PROMOTION_ENDS if kind == PriceItemKind.PROMOTION else None,
                    timing="交车后10个工作日内" if kind == PriceItemKind.SERVICE_FEE else "",
                )
            )
        uow.commit()
        return pl.id


def make_vehicle(uow_factory, manager: Actor, **overrides) -> int:
    data = {"status": "in_stock", **overrides}
    return vehicles.add_vehicle(uow_factory(), actor=manager, data=vehicle_input(**data)).id


def make_sold_vehicle(uow_factory, manager: Actor, **overrides):
    """A car that is sold, as a signed contract leaves it (the row written straight: a car never
    enters as sold, issue #18.4). Returns its VehicleDTO."""
    v = vehicles.add_vehicle(uow_factory(), actor=manager, data=vehicle_input(**{**overrides, "status": "in_stock"}))
    with uow_factory() as uow:
        uow.session.get(Vehicle, v.id).status = "sold"
        uow.commit()
    return vehicles.get_vehicle(uow_factory(), actor=manager, vehicle_id=v.id)


def make_lead(uow_factory, consultant: Actor, *, name: str = "王先生") -> tuple[int, int]:
    """(customer_id, lead_id) of a named customer interested in the test car."""
    with uow_factory() as uow:
        c = Customer(name=name, mobile=f"139{next(_seq) + 10_000_000:08d}", consultant_id=consultant.user_id)
        uow.session.add(c)
        uow.session.flush()
        lead = Lead(
            customer_id=c.id, brand="大众", model="帕萨特", consultant_id=consultant.user_id, status="following"
        )
        uow.session.add(lead)
        uow.commit()
        return c.id, lead.id


def make_deal(
    uow_factory,
    consultant: Actor,
    *,
    vehicle_id: int | None = None,
    price_list_id: int | None = None,
    services: tuple[str, ...] = ("registration",),
) -> tuple[int, int]:
    """(deal_id, quote_id): a deal with one quote (vehicle + sunroof + the given services)."""
    customer_id, lead_id = make_lead(uow_factory, consultant)
    with uow_factory() as uow:
        s = uow.session
        deal = Deal(
            lead_id=lead_id,
            customer_id=customer_id,
            consultant_id=consultant.user_id,
            vehicle_id=vehicle_id,
            brand="大众",
            model="帕萨特",
            trim="330TSI 豪华版",
            created_by_id=consultant.user_id,
        )
        s.add(deal)
        s.flush()
        pl_id = price_list_id or s.query(PriceList.id).order_by(PriceList.id.desc()).limit(1).scalar()
        lines = [
            (QuoteLineKind.VEHICLE, "帕萨特 330TSI 豪华版", 19_990_000),
            (QuoteLineKind.OPTION, "全景天窗", 800_000),
        ]
        fees = {"registration": 50_000, "insurance": 0, "loan": 100_000, "delivery": 0}
        lines += [(QuoteLineKind.SERVICE, code, fees[code]) for code in services]
        quote = Quote(
            deal_id=deal.id,
            revision=1,
            price_list_id=pl_id,
            vehicle_id=vehicle_id,
            brand="大众",
            model="帕萨特",
            trim="330TSI 豪华版",
            total_fen=sum(a for _, _, a in lines),
            signed_at=SALE_NOW,
            created_by_id=consultant.user_id,
        )
        s.add(quote)
        s.flush()
        for i, (kind, text, amount) in enumerate(lines, 1):
            s.add(
                QuoteLine(
                    quote_id=quote.id,
                    position=i,
                    kind=kind,
                    description=text,
                    amount_fen=amount,
                    provider="本店" if kind == QuoteLineKind.SERVICE else "",
                )
            )
        uow.commit()
        return deal.id, quote.id


def make_contract(
    uow_factory,
    consultant: Actor,
    manager: Actor,
    *,
    price_fen: int = 20_790_000,
    deposit_fen: int = 0,
    payment_method: str = "lump_sum",
    loan_fen: int = 0,
    services: tuple[str, ...] = ("registration",),
) -> tuple[int, int]:
    """(deal_id, contract_id): a signed, live contract for a car in stock (the car is sold)."""
    vehicle_id = make_vehicle(uow_factory, manager)
    deal_id, quote_id = make_deal(uow_factory, consultant, vehicle_id=vehicle_id, services=services)
    with uow_factory() as uow:
        s = uow.session
        car = s.get(Vehicle, vehicle_id)
        car.status = "sold"
        field = "contract.buyer_id"
        contract = Contract(
            deal_id=deal_id,
            quote_id=quote_id,
            number=f"HT-2026-{next(_seq) + 900_000:06d}",
            buyer_name="王建国",
            buyer_id_type="resident_id",
            buyer_id_sealed=seal(BUYER_ID, field=field),
            buyer_id_masked=mask(BUYER_ID),
            buyer_id_fingerprint=fingerprint(BUYER_ID, field=field),
            id_verified_at=SALE_NOW,
            id_verified_by_id=consultant.user_id,
            vehicle_id=vehicle_id,
            live_vehicle_id=vehicle_id,
            vin=car.vin,
            engine_no="EA888-123456",
            certificate_no="WDA123456789012",
            configuration=list(car.configuration),
            price_fen=price_fen,
            price_words="贰仟零柒拾玖万元整",
            payment_method=payment_method,
            loan_lender="上汽通用汽车金融" if loan_fen else "",
            loan_amount_fen=loan_fen,
            deposit_kind="earnest" if deposit_fen else "none",
            deposit_fen=deposit_fen,
            delivery_place="本店交付区",
            delivery_date=dt.date(2026, 3, 31),
            max_delivery_odometer_km=50,
            signed_at=SALE_NOW,
            created_by_id=consultant.user_id,
        )
        s.add(contract)
        s.flush()
        s.add(
            ContractRevision(
                contract_id=contract.id, revision=1, terms={}, signed_at=SALE_NOW, signed_by_id=consultant.user_id
            )
        )
        s.get(Deal, deal_id).stage = DealStage.CONTRACT
        uow.commit()
        return deal_id, contract.id


def make_payment(uow_factory, finance: Actor, contract_id: int, amount_fen: int, kind: str = PaymentKind.FINAL) -> int:
    with uow_factory() as uow:
        p = Payment(
            contract_id=contract_id,
            kind=kind,
            amount_fen=amount_fen,
            method="transfer",
            receipt_no=f"SK-2026-{next(_seq) + 900_000:06d}",
            received_at=SALE_NOW,
            recorded_by_id=finance.user_id,
        )
        uow.session.add(p)
        uow.commit()
        return p.id
