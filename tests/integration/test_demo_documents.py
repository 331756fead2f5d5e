"""The demo's signed store notices (issue #17.20): each handwritten signature is dated after the
document it signs, whatever day the demo data describes; the replacement v2 is signed after v1
was issued, not before."""

from __future__ import annotations

import datetime as dt

import pytest

from app.demo.documents import add_documents
from app.documents import documents
from db.models import Role
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


@pytest.mark.parametrize("demo_day", [dt.datetime(2026, 1, 5, 2, 0), None])
def test_demo_signatures_are_dated_after_the_documents_they_sign(uow, database, demo_day):
    make_store(uow)
    manager = make_user(uow, Role.SALES_MANAGER, full_name="周建国")
    assert add_documents(database, manager, demo_day or dt.datetime.now(dt.UTC).replace(tzinfo=None))
    query = documents.DocumentQuery(doc_type="store_notice", include_voided=True)
    docs = sorted(documents.list_documents(uow(), actor=manager, query=query), key=lambda d: d.issued_at)
    assert len(docs) == 3 and all(d.signatures for d in docs)
    for doc in docs:
        for sig in doc.signatures:
            assert sig.signed_at > doc.issued_at, (doc.number, doc.version)
    v1 = next(d for d in docs if d.version == 1 and d.replaced_by_version)
    v2 = next(d for d in docs if d.number == v1.number and d.version == 2)
    assert v2.signatures[0].signed_at > v1.issued_at
