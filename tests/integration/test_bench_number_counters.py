"""bench/generate.py makes dataset S on SQLite and PostgreSQL alike (issue #20 leftovers): after
writing its contracts and receipts, it sets each document type's counter for the year past the
numbers it wrote, as the services would have left them. On PostgreSQL psycopg refused that
statement once ("inconsistent types deduced for parameter $1, text versus character varying");
this runs it on the test database of the pass (SHOWROOM_TEST_DATABASE_URL in the PostgreSQL one)."""

from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy import select

from bench.generate_sales import _number_counters
from db.models import DocumentSequence


def test_the_generated_numbers_move_the_counters_past_them_twice_over(database):
    rows = {
        "contract": [{"number": "HT-2025-000041"}, {"number": "HT-2025-000007"}, {"number": "HT-2026-000003"}],
        "payment": [{"receipt_no": "SK-2026-000012"}],
    }
    generator = SimpleNamespace(db=database)
    _number_counters(generator, rows)
    _number_counters(generator, rows)  # a counter already there is kept, never a second row
    with database.engine.connect() as conn:
        counters = set(conn.execute(select(DocumentSequence.doc_type, DocumentSequence.year, DocumentSequence.last)))
    assert counters == {("sales_contract", 2025, 41), ("sales_contract", 2026, 3), ("payment_receipt", 2026, 12)}
