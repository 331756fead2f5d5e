"""Text pasted into reception's other forms (issue #17.3): a channel's name and the notes of
a visit are stored with their whitespace normalised, and too long is refused, not cut."""

from __future__ import annotations

import pytest

from app.core.clock import utcnow
from app.core.errors import ValidationFailed
from app.reception.duty import set_roster
from app.reception.setup import add_channel
from app.reception.visits import end_visit, start_visit
from db.models import Role
from tests.factories import make_consultants, make_staff, reception_defaults, walk_in


def test_a_pasted_channel_name_is_stored_on_one_line(uow):
    reception_defaults(uow)
    manager = make_staff(uow, Role.SALES_MANAGER)
    channel = add_channel(uow(), actor=manager, code="wechat", name="微信\r\n 视频号\t", name_en=" WeChat\nChannels ")
    assert (channel.name, channel.name_en) == ("微信 视频号", "WeChat Channels")
    with pytest.raises(ValidationFailed) as refused:
        add_channel(uow(), actor=manager, code="long", name="长" * 61)
    assert [(e.field, e.code) for e in refused.value.errors] == [("name", "too_long")]


def test_the_notes_of_a_visit_keep_their_lines_without_carriage_returns(uow):
    reception_defaults(uow)
    desk = make_staff(uow, Role.RECEPTION)
    (li,) = make_consultants(uow, 1)
    set_roster(uow(), actor=desk, consultant_ids=[li.user_id], now=utcnow())
    visit = walk_in(uow, desk, now=utcnow()).visit
    started = start_visit(uow(), actor=li, visit_id=visit.id, expected_version=visit.version)
    ended = end_visit(
        uow(),
        actor=li,
        visit_id=visit.id,
        expected_version=started.version,
        outcome="information",
        intent_level="C",
        notes="asked about  range\r\n\r\n\r\ncomes back\tSaturday ",
    )
    assert ended.visit.notes == "asked about range\n\ncomes back Saturday"
