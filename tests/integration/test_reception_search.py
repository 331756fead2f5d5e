"""Finding customers by mobile tail or name, and paging through the visit history (issue #10:
the look-ups the benchmarks time must also be right)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core.errors import PermissionDenied, ValidationFailed
from app.reception.search import VisitHistoryQuery, list_visits, search_customers
from db.models import Role
from tests.factories import RECEPTION_NOW, make_customer, make_staff, make_store, on_duty, reception_defaults, walk_in


@pytest.fixture
def desk(uow):
    make_store(uow)
    reception_defaults(uow)
    return make_staff(uow, Role.RECEPTION)


def test_a_customer_is_found_by_the_last_digits_of_the_mobile(uow, desk):
    make_customer(uow, desk, name="王建国", mobile="13812345678")
    make_customer(uow, desk, name="李娜", mobile="13912340000")
    hits = search_customers(uow(), actor=desk, text="5678")
    assert [(h.name, h.mobile) for h in hits] == [("王建国", "13812345678")]
    assert [h.name for h in search_customers(uow(), actor=desk, text="1234 0000")] == ["李娜"]
    assert [h.name for h in search_customers(uow(), actor=desk, text="+86 139 1234 0000")] == ["李娜"]


def test_a_customer_is_found_by_the_start_of_the_name(uow, desk):
    make_customer(uow, desk, name="王建国", mobile="13812345678")
    make_customer(uow, desk, name="王芳", mobile="13812345679")
    make_customer(uow, desk, name="汪洋", mobile="13812345670")
    assert sorted(h.name for h in search_customers(uow(), actor=desk, text="王")) == ["王建国", "王芳"]
    assert [h.name for h in search_customers(uow(), actor=desk, text="王建")] == ["王建国"]
    assert search_customers(uow(), actor=desk, text="张") == []


def test_too_short_a_search_is_refused_with_a_field_message(uow, desk):
    with pytest.raises(ValidationFailed) as e:
        search_customers(uow(), actor=desk, text="56")
    assert e.value.errors[0].field == "search" and e.value.errors[0].code == "search_too_short"


def test_a_mobile_tail_keeps_working_after_the_mobile_changes(uow, desk):
    from db.reception_models import Customer

    c = make_customer(uow, desk, name="王建国", mobile="13812345678")
    with uow() as u:
        u.session.get(Customer, c.id).mobile = "13700001111"
        u.commit()
    assert search_customers(uow(), actor=desk, text="5678") == []
    assert [h.name for h in search_customers(uow(), actor=desk, text="1111")] == ["王建国"]


def test_consultants_find_only_their_own_customers(uow, desk):
    from db.reception_models import Customer

    mine, other = make_staff(uow, Role.CONSULTANT), make_staff(uow, Role.CONSULTANT)
    a = make_customer(uow, desk, name="王一", mobile="13811110001")
    b = make_customer(uow, desk, name="王二", mobile="13811110002")
    with uow() as u:
        u.session.get(Customer, a.id).consultant_id = mine.user_id
        u.session.get(Customer, b.id).consultant_id = other.user_id
        u.commit()
    assert [h.name for h in search_customers(uow(), actor=mine, text="王")] == ["王一"]
    with pytest.raises(PermissionDenied):
        search_customers(uow(), actor=make_staff(uow, Role.FINANCE), text="王")


def test_the_visit_history_pages_newest_first_without_gaps_or_repeats(uow, desk):
    consultants = [make_staff(uow, Role.CONSULTANT) for _ in range(2)]
    on_duty(uow, desk, consultants)
    ids = [walk_in(uow, desk, now=RECEPTION_NOW + dt.timedelta(minutes=i)).visit.id for i in range(7)]
    manager = make_staff(uow, Role.SALES_MANAGER)
    seen, after = [], None
    while True:
        page = list_visits(uow(), actor=manager, query=VisitHistoryQuery(after=after, limit=3))
        seen += [r.id for r in page.rows]
        after = page.next_after
        if after is None:
            break
    assert seen == list(reversed(ids))
    own = list_visits(uow(), actor=consultants[0]).rows
    assert own and all(r.consultant_name == consultants[0].full_name for r in own)
