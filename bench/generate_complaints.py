"""Five years of complaints (客户投诉) for dataset S (issue #19.10): what a store has at the end
of the period, as the complaint services (app/customer_care/complaints.py, complaint_handling.py,
complaint_escalation.py) would have written it.

- about 1.2 complaints per 100 contracts, some weeks to months after the signing, and a few from
  prospects (2 per 1,000 leads: a consultant's manner, a quoted price), about 2 per 100 sales in
  all; about one in
  ten through the Shanghai 12345 hotline (3.15 counts them), the rest at the front desk, by
  phone, from the brand, online or the consumer association;
- each with both deadlines as fixed at receipt: the first response within 72 hours (3.17) and
  the reply within 7 working days (办法 art. 18, on the store's working-day calendar);
- most closed: first response, reply, then the result with the customer's confirmation (a few
  refused, with what they said: 3.16), each a `complaint_note`; a few answered late;
- a few still open: the last three weeks' (some past a deadline, red, with the escalation rungs
  the ladder records for the handler and the sales manager, not yet seen) and some disputes
  answered but waiting for the brand's assessment or the customer's confirmation.

Numbers are TS-YYYY-NNNNNN from the row id (`complaints._number`), as the service gives them:
there is no separate counter, and on PostgreSQL `Generator.fix_sequences` moves the id
sequence past these rows, so the next complaint received gets the next number.
"""

from __future__ import annotations

import datetime as dt

from bench.generate import END

H = dt.timedelta(hours=1)
D = dt.timedelta(days=1)
PER_CONTRACT = 0.012
PER_LEAD = 0.002  # a prospect's complaint (a consultant's manner, a quoted price): no contract yet
RECENT = 60 * D  # complaints received this close to the period's end may still miss a step
DISPUTED = 0.05  # replied, then weeks waiting for the brand's assessment or the customer
CHANNELS = (  # (channel, share): ~10% through 12345
    ("front_desk", 0.35),
    ("phone", 0.30),
    ("hotline_12345", 0.10),
    ("brand", 0.10),
    ("online", 0.12),
    ("consumer_association", 0.03),
)
CATEGORIES = (
    ("sales_service", "顾问承诺的赠品没有兑现"),
    ("price_and_fees", "上牌服务费与报价不一致"),
    ("vehicle_quality", "提车后一周车机频繁死机"),
    ("delivery", "交车时间比合同约定晚了五天"),
    ("paperwork", "发票和合同上的车价不一致"),
    ("other", "展厅停车位不够，等了很久"),
)


def add_complaint_rows(g) -> None:
    """Called by bench/generate_modules.add_module_rows for dataset S, after the care rows."""
    from app.customer_care.calendar import working_calendar

    with g.db.uow() as uow:
        calendar = working_calendar(uow.session)
    rows: dict[str, list[dict]] = {"complaint": [], "complaint_note": [], "complaint_escalation": []}
    for contract_id, vehicle_id, customer_id, consultant, signed in _contracts(g):
        if g.rng.random() < PER_CONTRACT:
            received = _store_hours(g, signed + D * g.rng.randrange(3, 120))
            if received < END:
                _complaint(g, rows, calendar, received, contract_id, vehicle_id, customer_id, consultant)
    for lead_id, (created, consultant, _brand, _model) in sorted(g.customer_first.items()):
        if g.rng.random() < PER_LEAD:
            received = _store_hours(g, created + D * g.rng.randrange(1, 20))
            if received < END:
                _complaint(g, rows, calendar, received, None, None, lead_id, consultant)
    rows["complaint"].sort(key=lambda r: r["received_at"])  # ids (and numbers) in the order received
    for n, row in enumerate(rows["complaint"], start=1):
        row["id"] = n
        row["number"] = f"TS-{_store_year(row['received_at'])}-{n:06d}"
        for child in row.pop("_children"):
            child["complaint_id"] = n
    for table, table_rows in rows.items():
        g._insert(table, table_rows)


def _contracts(g) -> list[tuple]:
    from sqlalchemy import text

    sql = (
        "select c.id, c.vehicle_id, d.customer_id, d.consultant_id, r.signed_at from contract c "
        "join deal d on d.id = c.deal_id join contract_revision r on r.contract_id = c.id and r.revision = 1 "
        "order by c.id"
    )
    with g.db.engine.connect() as conn:
        rows = conn.execute(text(sql)).all()
    return [(*rest, _dt(at)) for *rest, at in rows]


def _dt(value) -> dt.datetime:
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


def _store_hours(g, day: dt.datetime) -> dt.datetime:
    """A time in the store's opening hours (UTC 1:00-10:00 = 9:00-18:00 Shanghai)."""
    return day.replace(hour=1, minute=0, second=0, microsecond=0) + H * (g.rng.random() * 9)


def _store_year(at: dt.datetime) -> int:
    return (at + 8 * H).year


def _pick(rng, shares) -> str:
    x, total = rng.random(), 0.0
    for name, share in shares:
        total += share
        if x < total:
            return name
    return shares[-1][0]


def _complaint(g, rows, calendar, received, contract_id, vehicle_id, customer_id, consultant) -> None:
    from app.customer_care.complaint_deadlines import first_response_due, reply_due

    rng, manager, desk = g.rng, g.users["manager"], g.users["desk1"]
    category, summary = CATEGORIES[rng.randrange(len(CATEGORIES) if contract_id else 2)]  # prospects: 2 first
    handler = manager if rng.random() < 0.6 else consultant
    row = dict(
        number="", channel=_pick(rng, CHANNELS), category=category, received_at=received, summary=summary,
        contact_name=f"客户{customer_id}", contact_mobile=f"139{customer_id % 10**8:08d}", customer_id=customer_id,
        vehicle_id=vehicle_id, contract_id=contract_id, staff_id=consultant if category == "sales_service" else None,
        handler_id=handler, first_response_due=first_response_due(received),
        reply_due=reply_due(received, calendar), first_response_at=None, reply_at=None, status="open",
        result=None, confirmation=None, confirmation_note=None, closed_at=None, closed_by_id=None,
        created_at=received, created_by_id=desk, updated_at=received, updated_by_id=desk, version=1,
    )  # fmt: skip
    row["_children"] = children = []
    if handler != desk:  # receive_complaint tells the handler it is theirs
        children.append(_rung("first_response", "assigned", handler, received, seen=received + H))
    rows["complaint"].append(row)
    _handle(g, rows, row, children)


def _note(row, children, kind: str, text: str, at: dt.datetime, visible: bool = True) -> dict:
    note = dict(kind=kind, text=text, customer_visible=visible, written_at=at, written_by_id=row["handler_id"])
    children.append(note)
    row.update(updated_at=at, updated_by_id=row["handler_id"], version=row["version"] + 1)
    return note


def _handle(g, rows, row, children) -> None:
    """First response, reply, closure: each as far as the period's end allows."""
    from app.customer_care.complaint_deadlines import AMBER_BEFORE

    rng, received = g.rng, row["received_at"]
    late = rng.random() < 0.03  # a few answered after the deadline
    first = received + H * (rng.uniform(80, 120) if late else rng.uniform(1, 48))
    reply = max(first + H, min(row["reply_due"] - H * rng.uniform(2, 60), received + D * rng.uniform(1, 6)))
    if late:
        reply = row["reply_due"] + D * rng.uniform(0.5, 2)
    closed = reply + D * (rng.uniform(20, 60) if rng.random() < DISPUTED else rng.uniform(0.5, 4))
    recent = END - received < RECENT  # the last weeks': a step or two may still be missing
    notes, escalate = [], []
    if first < END and not (recent and rng.random() < 0.4):
        notes.append(("first_response", "已致电客户，说明处理流程和时限", first))
        row["first_response_at"] = first
    if row["first_response_at"] and reply < END and not (recent and rng.random() < 0.4):
        notes.append(("reply", "已书面告知客户受理情况和处理方案", reply))
        row["reply_at"] = reply
    for deadline, due, done in (("first_response", "first_response_due", "first_response_at"),
                                ("reply", "reply_due", "reply_at")):  # fmt: skip
        if (row[done] or END) > row[due]:
            escalate.append((deadline, row[due]))
    for kind, text, at in notes:
        _note(row, children, kind, text, at)
    if row["reply_at"] and closed < END and not (recent and rng.random() < 0.5):  # awaiting the customer
        _close(g, row, children, closed)
    for deadline, due in escalate:  # the ladder's rungs, recorded by the first PC to see them
        seen = None if row["status"] == "open" else due + 2 * H
        children.append(_rung(deadline, "near", row["handler_id"], due - AMBER_BEFORE[deadline], seen))
        for staff in {row["handler_id"], g.users["manager"]}:
            children.append(_rung(deadline, "overdue", staff, due + 0.1 * H, seen))
    rows["complaint_note"] += [c for c in children if "kind" in c]
    rows["complaint_escalation"] += [c for c in children if "level" in c]


def _close(g, row, children, at: dt.datetime) -> None:
    refused = g.rng.random() < 0.05
    result = (
        "已为客户补办手续并赠送一次保养" if row["category"] != "vehicle_quality" else "已由厂家技术支持远程升级车机"
    )
    note = "客户认为补偿不够，仍不满意" if refused else ""
    _note(row, children, "closure", f"refused: {note}" if refused else "confirmed", at, visible=False)
    row.update(result=result, confirmation="refused" if refused else "confirmed", confirmation_note=note or None)
    row.update(status="closed", closed_at=at, closed_by_id=g.users["manager"])


def _rung(deadline: str, level: str, staff: int, at: dt.datetime, seen: dt.datetime | None) -> dict:
    return dict(deadline=deadline, level=level, staff_id=staff, escalated_at=at, seen_at=seen)
