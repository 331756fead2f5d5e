"""Keyset pages of the leads and of the document archive (issue #17, peak memory on dataset S):
read one after the other, the pages give exactly the whole list, in its order, with no row
twice or missing, across equal follow-up dates and leads without one; the first page counts
every match."""

from __future__ import annotations

import datetime as dt

from app.documents import documents
from app.documents.documents import DocumentQuery
from app.reception import leads, visits as reception_visits
from app.reception.leads import LeadQuery
from db.models import Role
from tests.factories import (
    RECEPTION_NOW,
    add_models,
    make_consultants,
    make_document,
    make_staff,
    make_store,
    on_duty,
    reception_defaults,
    walk_in,
)

X, Y = ("比亚迪", "汉 DM-i"), ("特斯拉", "Model Y")


def _all_pages(read, first_query, size: int):
    first = read(first_query(None, size))
    pages, page = [first], first
    while page.next_after is not None:
        page = read(first_query(page.next_after, size))
        assert page.total is None  # counted once, with the first page
        pages.append(page)
    return first.total, [row.id for p in pages for row in p.rows]


def test_lead_pages_give_every_lead_once_in_follow_up_order(uow):
    reception_defaults(uow)
    desk = make_staff(uow, Role.RECEPTION)
    manager = make_staff(uow, Role.SALES_MANAGER)
    add_models(uow, manager, X, Y)
    team = make_consultants(uow, 2)
    for i, intent in enumerate("AACBA"):  # A's fall due on the same day: ties broken by id
        when = RECEPTION_NOW + dt.timedelta(minutes=i)
        on_duty(uow, desk, team, now=when)
        v = walk_in(uow, desk, when, name=f"客户{i}", mobile=f"1391111000{i}", interested_models=[X]).visit
        end = reception_visits.end_visit(
            uow(), actor=manager, visit_id=v.id, expected_version=v.version, outcome="information", intent_level=intent
        )
        if i % 2 == 0:  # a phone enquiry with no follow-up date yet: listed last
            leads.create_lead(
                uow(),
                actor=manager,
                customer_id=end.visit.customer_id,
                brand=Y[0],
                model=Y[1],
                consultant_id=v.consultant_id,
            )
    everyone = [x.id for x in leads.list_leads(uow(), actor=manager)]
    assert len(everyone) == 8 and any(x.next_follow_up is None for x in leads.list_leads(uow(), actor=manager))
    for size in (1, 2, 3, 8):
        total, ids = _all_pages(
            lambda q: leads.list_lead_page(uow(), actor=manager, query=q),
            lambda after, n: LeadQuery(after=after, limit=n),
            size,
        )
        assert (total, ids) == (8, everyone)
    # A consultant's pages hold only their own leads (the service scopes them, 4.2.3.2).
    own = [x.id for x in leads.list_leads(uow(), actor=team[0])]
    total, ids = _all_pages(
        lambda q: leads.list_lead_page(uow(), actor=team[0], query=q),
        lambda after, n: LeadQuery(after=after, limit=n),
        2,
    )
    assert (total, ids) == (len(own), own) and 0 < len(own) < 8


def test_archive_pages_give_every_document_once_newest_first_and_filtered(uow):
    make_store(uow)
    manager = make_staff(uow, Role.SALES_MANAGER)
    for i in range(5):
        make_document(uow, manager, subject_id=i + 1, subject_ref=f"LSVAB2180N200{'9' if i % 2 else '1'}00{i}")
    for text in ("", "N2009"):
        everything = [d.id for d in documents.list_documents(uow(), actor=manager, query=DocumentQuery(text=text))]
        total, ids = _all_pages(
            lambda q: documents.list_document_page(uow(), actor=manager, query=q),
            lambda after, n, text=text: DocumentQuery(text=text, after=after, limit=n),
            2,
        )
        assert (total, ids) == (len(everything), everything)
    assert len(everything) == 2
