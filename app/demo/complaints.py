"""Demo complaints and public notices (issue #19.8), through the real services, so a new user
finds the board in every state: one from the 12345 hotline still open and near its 72-hour
deadline (amber), one overdue and escalated to the manager (red), one answered late, one
closed with the customer's confirmation; and the complaint-process notice in force.
Received times lie in the past of the server's clock (a work order's time); what the store
did is stamped with the server's time, as always. Idempotent: a store with complaints is
left alone.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from app.customer_care.api import (
    ComplaintInput,
    close_complaint,
    default_notice,
    escalate_due,
    get_complaint,
    publish_notice,
    receive_complaint,
    record_first_response,
)
from app.staff.auth import actor_of
from db.complaint_models import Complaint
from db.models import StaffUser
from db.uow import Database

HANDLER = "wang.lei"
# (hours ago, channel, category, name, mobile, what about, what happened)
COMPLAINTS = (
    (60, "hotline_12345", "delivery", "陈女士", "13761234501", "12345工单：交车时承诺的脚垫和贴膜未兑现", "open"),
    (80, "phone", "price_and_fees", "赵先生", "13761234502", "上牌服务费与报价单不一致", "open"),
    (100, "front_desk", "sales_service", "钱先生", "13761234503", "试驾预约后到店无人接待", "late"),
    (30, "online", "vehicle_quality", "孙女士", "13761234504", "新车右后门异响", "closed"),
)


def _ago(hours: int) -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(hours=hours)


def add_complaint_demo(db: Database, manager) -> bool:
    with db.uow() as uow:
        if uow.session.scalar(select(func.count()).select_from(Complaint)):
            return False
        handler = actor_of(uow.session.scalars(select(StaffUser).where(StaffUser.username == HANDLER)).one())
    for hours, channel, category, name, mobile, summary, fate in COMPLAINTS:
        data = ComplaintInput(channel, category, summary, name, mobile, handler.user_id, received_at=_ago(hours))
        c = receive_complaint(db.uow(), actor=manager, data=data)
        if fate in ("late", "closed"):
            record_first_response(db.uow(), actor=handler, complaint_id=c.id, text="已致电客户致歉，正在核实处理。")
        if fate == "closed":
            version = get_complaint(db.uow(), actor=manager, complaint_id=c.id).version
            close_complaint(
                db.uow(), actor=manager, complaint_id=c.id, expected_version=version,
                result="更换右后门密封条，异响消除，客户试车确认。", confirmation="confirmed",
            )  # fmt: skip
    escalate_due(db.uow())
    today = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=8)).date()
    publish_notice(db.uow(), actor=manager, data=default_notice("complaint_process", today))
    return True
