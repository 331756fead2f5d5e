"""Complaints for the tests (issue #19.3): received through the real service."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

from app.customer_care.api import ComplaintInput, receive_complaint

_seq = itertools.count(1)


def complaint_input(handler_id: int, **overrides) -> ComplaintInput:
    data = ComplaintInput(
        channel="front_desk",
        category="sales_service",
        summary="交车时承诺的脚垫未到 / Floor mats promised at delivery never came",
        contact_name="李女士",
        contact_mobile=f"1380000{next(_seq) % 10_000:04d}",
        handler_id=handler_id,
    )
    return dataclasses.replace(data, **overrides)


def make_complaint(uow, actor, handler_id: int, hours_ago: float = 0, **overrides):
    """A complaint received `hours_ago` hours before now (server time)."""
    if hours_ago:
        received = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(hours=hours_ago)
        overrides["received_at"] = received
    return receive_complaint(uow(), actor=actor, data=complaint_input(handler_id, **overrides))
