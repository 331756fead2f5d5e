"""The deal board (销售看板, issue #18.7): every deal by stage, and one deal's whole history with
its documents, so a consultant, a manager or finance can take the next step from one place.

Consultants see their own deals only; sales managers and finance see all (a manager may ask for
"my deals" too). Read only: the steps themselves are the other sales parts' services.

Speed (issue #18.11): the board is read a page at a time, newest deal first, by keyset on the
deal id (the primary key: no sort over the whole table), as the leads page is read.
"""

from __future__ import annotations

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.core.dto import Actor
from app.core.errors import NotFound, PermissionDenied
from app.core.permissions import Action, require
from app.sales.board_detail import deal_history
from app.sales.board_dto import DealDetailDTO, DealPageDTO, LeadDealDTO
from app.sales.board_rows import deal_rows
from db.models import Role, Vehicle
from db.reception_models import Customer, Lead, LeadStatus, Visit
from db.sales_models import Contract, Deal, DealStage
from db.uow import UnitOfWork

DEAL_PAGE = 100  # rows per page: a screenful several times over
MAX_SEARCH = 40


def sees_all(actor: Actor) -> bool:
    """Managers and finance see every deal; consultants their own."""
    return actor.has(Role.SALES_MANAGER) or actor.has(Role.FINANCE)


def _starts_with(column, value: str):
    """`column` starts with `value` as an index range (binary collation, as reception's search)."""
    return and_(column >= value, column < value + "\U0010ffff")


def _search(text: str):
    """A customer's name start, a contract number start, or a VIN's tail (the last digits
    a customer reads off the car)."""
    text = text.strip()[:MAX_SEARCH]
    names = select(Customer.id).where(_starts_with(Customer.name, text))
    numbers = select(Contract.deal_id).where(_starts_with(Contract.number, text.upper()))
    tail = text.upper().replace("\\", "").replace("%", "").replace("_", "")
    cars = select(Vehicle.id).where(Vehicle.vin.like("%" + tail))
    return or_(Deal.customer_id.in_(names), Deal.id.in_(numbers), Deal.vehicle_id.in_(cars))


def _scope(stmt, actor: Actor, mine_only: bool, search: str):
    if mine_only or not sees_all(actor):
        stmt = stmt.where(Deal.consultant_id == actor.user_id)
    if search.strip():
        stmt = stmt.where(_search(search))
    return stmt


def _stage_filter(stmt, stage: str | None):
    if stage:
        return stmt.where(Deal.stage == stage)
    # Cancelled deals are history: shown only when asked for by their stage.
    return stmt.where(Deal.stage != DealStage.CANCELLED)


def _counts(s: Session, actor: Actor, mine_only: bool, search: str) -> dict[str, int]:
    stmt = _scope(select(Deal.stage, func.count(Deal.id)), actor, mine_only, search).group_by(Deal.stage)
    counts = {str(stage): 0 for stage in DealStage}
    counts.update({stage: int(n) for stage, n in s.execute(stmt)})
    return counts


def board_query(actor: Actor, *, stage: str | None, mine_only: bool = False, search: str = "", after=None):
    """The board's rows in order, newest deal first: by keyset on the primary key, so each page
    is read from an index (deal.stage's and deal.consultant_id's carry the id) with no sort."""
    stmt = _stage_filter(_scope(select(Deal), actor, mine_only, search), stage)
    if after is not None:
        stmt = stmt.where(Deal.id < after)
    return stmt.order_by(Deal.id.desc())


def deal_board(
    uow: UnitOfWork,
    *,
    actor: Actor,
    stage: str | None = None,
    mine_only: bool = False,
    search: str = "",
    after: int | None = None,
    limit: int = DEAL_PAGE,
) -> DealPageDTO:
    """One page of deals, newest first. `stage` None: every stage but cancelled. The first page
    (no `after`) also carries the total and the count of each stage under the same scope."""
    require(actor, Action.VIEW_DEALS)
    limit = max(1, min(limit or DEAL_PAGE, 1000))
    stmt = board_query(actor, stage=stage, mine_only=mine_only, search=search, after=after)
    with uow:
        s = uow.session
        counts: dict[str, int] = {}
        total = None
        if after is None:
            counts = _counts(s, actor, mine_only, search)
            total = counts.get(stage, 0) if stage else sum(n for k, n in counts.items() if k != DealStage.CANCELLED)
        deals = list(s.scalars(stmt.limit(limit + 1)))
        more = len(deals) > limit
        rows = deal_rows(s, deals[:limit])
    return DealPageDTO(tuple(rows), rows[-1].id if more and rows else None, total, counts)


def count_ready_to_deliver(uow: UnitOfWork, *, actor: Actor) -> int:
    """Deals whose balance is settled and whose car awaits its handover (the Sales module's
    count in the navigation), under the board's scope."""
    require(actor, Action.VIEW_DEALS)
    stmt = _scope(select(func.count(Deal.id)), actor, False, "").where(Deal.stage == DealStage.READY)
    with uow:
        return int(uow.session.scalar(stmt) or 0)


def deal_detail(uow: UnitOfWork, *, actor: Actor, deal_id: int) -> DealDetailDTO:
    """The deal with its quotes, disclosure, contract revisions, payments, refunds, handover and
    every archived document. A consultant may open only their own deals."""
    require(actor, Action.VIEW_DEALS)
    with uow:
        s = uow.session
        deal = s.get(Deal, deal_id)
        if deal is None:
            raise NotFound(what="deal", id=deal_id)
        if not sees_all(actor) and deal.consultant_id != actor.user_id:
            raise PermissionDenied(action=str(Action.VIEW_DEALS), reason="not_own_deal")
        return deal_history(s, deal, deal_rows(s, [deal])[0])


def _lead_of_visit(s: Session, actor: Actor, visit_id: int) -> Lead | None:
    """The lead made from this visit, else the visitor's newest open lead."""
    visit = s.get(Visit, visit_id)
    if visit is None or visit.customer_id is None:
        return None
    open_leads = select(Lead).where(Lead.customer_id == visit.customer_id, Lead.status != LeadStatus.LOST)
    if not sees_all(actor):
        open_leads = open_leads.where(Lead.consultant_id == actor.user_id)
    own = s.scalars(open_leads.where(Lead.source_visit_id == visit_id).order_by(Lead.id.desc())).first()
    return own or s.scalars(open_leads.order_by(Lead.id.desc())).first()


def find_lead_deal(
    uow: UnitOfWork, *, actor: Actor, lead_id: int | None = None, visit_id: int | None = None
) -> LeadDealDTO:
    """Where "Deal…" on a lead or on the visitor being served leads: the lead and its latest deal
    that is not cancelled (None: open_deal makes one). Consultants reach their own leads only."""
    require(actor, Action.VIEW_DEALS)
    with uow:
        s = uow.session
        lead = s.get(Lead, lead_id) if lead_id is not None else None
        if visit_id is not None and lead is None:
            lead = _lead_of_visit(s, actor, visit_id)
        if lead is None:
            return LeadDealDTO(None, None)
        if not sees_all(actor) and lead.consultant_id != actor.user_id:
            raise PermissionDenied(action=str(Action.VIEW_DEALS), reason="not_own_lead")
        deal_id = s.scalar(
            select(Deal.id)
            .where(Deal.lead_id == lead.id, Deal.stage != DealStage.CANCELLED)
            .order_by(Deal.id.desc())
            .limit(1)
        )
        return LeadDealDTO(lead.id, deal_id)
