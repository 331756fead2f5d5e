"""What the contract dialogs show before anything is typed (read only; issue #18.4): the deal's
customer, car and price (figures and 大写 from the signed quote without its agency services,
T/CSCA 120031-2023 4.3.2.3, 4.3.3), the agency services that need the separate entrustment
agreement (办法 art. 14), the reasons a contract cannot be signed yet, and the live contract
the end dialog ends."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.core.clock import utcnow
from app.core.dto import Actor
from app.core.errors import FieldError
from app.core.permissions import Action, require
from app.sales.amounts import fen_to_capital
from app.sales.contract_draft import contract_price_fen, draft_blockers, live_contract, service_lines, signed_quote
from app.sales.contract_dto import ContractDTO, contract_dto
from app.sales.deals import deal_for_view
from db.models import Vehicle
from db.reception_models import Customer
from db.uow import UnitOfWork


@dataclass(frozen=True)
class ContractFormDTO:
    deal_id: int
    customer_name: str
    vehicle: str
    vin: str
    price_fen: int | None
    price_words: str
    services: tuple[str, ...]
    blockers: tuple[FieldError, ...]
    live_contract: ContractDTO | None
    # A visitor reception checked in as from abroad (外籍) holds a passport, not a 居民身份证:
    # the form offers that ID type first.
    customer_foreign: bool = False


def get_contract_form(
    uow: UnitOfWork, *, actor: Actor, deal_id: int, now: dt.datetime | None = None
) -> ContractFormDTO:
    require(actor, Action.VIEW_DEALS)
    with uow:
        s = uow.session
        deal = deal_for_view(s, actor, deal_id)
        customer = s.get(Customer, deal.customer_id)
        car = s.get(Vehicle, deal.vehicle_id) if deal.vehicle_id else None
        quote = signed_quote(s, deal.id)
        price = contract_price_fen(s, quote) if quote else None
        live = live_contract(s, deal.id)
        return ContractFormDTO(
            deal_id=deal.id,
            customer_name=(customer.name or "") if customer else "",
            vehicle=" ".join(p for p in (deal.brand, deal.model, deal.trim) if p),
            vin=car.vin if car else "",
            price_fen=price,
            price_words=fen_to_capital(price) if price is not None else "",
            services=tuple(line.description for line in service_lines(s, quote.id)) if quote else (),
            blockers=tuple(draft_blockers(s, deal, now or utcnow())),
            live_contract=contract_dto(live) if live else None,
            customer_foreign=bool(customer and customer.foreign_visitor),
        )
