"""The demo's deals (issue #18.9): five customers, one deal in each column of the deal board
(app/sales/stages.py: quote, contract, awaiting payment, ready to deliver, delivered), each
taken as far as its column by the real services (app/demo/sales.py walks them).

The names, mobiles and ID numbers are invented; the ID numbers carry a valid GB 11643 check
digit because the contract checks it (python-stdnum cn.ric). The cars are picked by model, trim
and colour among the demo's cars in stock (app/demo/vehicles.py VEHICLES).
"""

from __future__ import annotations

from dataclasses import dataclass

from db.sales_models import DealStage, DepositKind, PaymentMethod


def resident_id(first17: str) -> str:
    """A 居民身份证号 with its check digit (GB 11643-1999)."""
    from stdnum.cn import ric

    return first17 + ric.calc_check_digit(first17 + "0")  # it takes the number with a check digit


@dataclass(frozen=True)
class DealPlan:
    """One demo deal: who sells what to whom, what the quote holds and how the contract pays."""

    key: str  # stable: names the deal's request keys
    stage: DealStage  # the board column the deal ends in
    consultant: str  # the consultant's username (the lead is theirs)
    customer: str
    mobile: str
    buyer_id: str
    car: int  # index into app.demo.vehicles.VEHICLES
    extras: tuple[str, ...] = ()  # option and accessory codes of the price list
    promotion: bool = False
    discount_fen: int = 0
    discount_reason: str = ""
    gifts: tuple[str, ...] = ()
    promises: tuple[str, ...] = ()
    services: tuple[str, ...] = ()  # agency services opted into: the entrustment agreement
    payment_method: str = PaymentMethod.LUMP_SUM
    loan_fen: int = 0
    deposit_kind: str = DepositKind.NONE
    deposit_fen: int = 0
    address: str = ""


DEALS: tuple[DealPlan, ...] = (
    # Quote: a discount above the store's threshold, approved by the sales manager (4.3.2.1).
    DealPlan(
        "quote", DealStage.QUOTE, "li.na", "赵雅琴", "13761002218", resident_id("31011219900517402"), car=28,
        extras=("ACC-MATS",), discount_fen=600_000, discount_reason="老客户转介绍，店长特批",
    ),
    # Contract: a car produced more than two years ago, disclosed and signed first (4.2.3.4).
    DealPlan(
        "contract", DealStage.CONTRACT, "zhang.wei", "钱志强", "13761002327", resident_id("31010419781102351"),
        car=11, extras=("OPT-TINT",), promises=("首次保养免费",),
    ),
    # Awaiting payment: the 定金 taken by finance (民法典 586: at most 20 %).
    DealPlan(
        "awaiting", DealStage.AWAITING_PAYMENT, "liu.yang", "孙丽华", "13761002436",
        resident_id("31010419850923662"), car=13, extras=("ACC-DASHCAM",), promotion=True,
        deposit_kind=DepositKind.EARNEST, deposit_fen=1_000_000,
    ),
    # Ready to deliver: a loan, agency services in a separate entrustment agreement (4.3.2.3).
    DealPlan(
        "ready", DealStage.READY, "chen.jing", "周文博", "13761002545", resident_id("31011219920208573"),
        car=17, extras=("ACC-WALLBOX",), services=("registration", "insurance"),
        payment_method=PaymentMethod.LOAN, loan_fen=15_000_000,
    ),
    # Delivered: paid, invoiced, settled, PDI passed, handed over with its 三包凭证 (4.4.2).
    DealPlan(
        "delivered", DealStage.DELIVERED, "wang.lei", "吴建华", "13761002654", resident_id("31010619800612281"),
        car=1, extras=("OPT-PPF", "ACC-MATS"), promotion=True, gifts=("全车贴膜", "加满一箱油"),
        promises=("首次保养免费",), address="上海市闵行区浦锦路1188弄6号",
    ),
)  # fmt: skip
