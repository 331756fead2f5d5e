"""Five years of sales for dataset S (issue #18.11): about 6,000 contracts with their deals, quotes,
payments and handovers, plus open deals still at the quote stage.

Each contract sells a car of its own (a delivered car in the inventory, ids after the stock of
bench/generate.py), to a customer whose lead was ordered. Stages as a store would have them at the
end of the period: most contracts fulfilled (handed over), a few cancelled, the last weeks' still
live (signed, part paid, settled). The rows are those the services write (same columns and
history rows: a contract its first revision, a payment its receipt number, a handover its 三包
dates); archived PDFs are not generated (the documents step of bench/generate.py covers the
archive's size).
"""

from __future__ import annotations

import datetime as dt

YEAR = dt.timedelta(days=365)
FEES = (("registration", "上牌代办", 50_000), ("insurance", "保险代办", 0), ("loan", "贷款代办", 100_000))


def add_sales_rows(g) -> None:
    """Called by bench/generate_modules.add_module_rows for dataset S (as many contracts as PDIs)."""
    from app.core import personal_data

    rng, n = g.rng, g.size.pdis
    ordered = [i for i, first in sorted(g.customer_first.items()) if rng.random() < 0.3][: n + n // 6]
    price_list_id = _price_list(g)
    first_vehicle = len(g.vehicle_rows) + 1
    field = "contract.buyer_id"
    id_number = "11010519491231002X"
    sealed = personal_data.seal(id_number, field=field)  # one buyer's number: sealing is not timed here
    fingerprint = personal_data.fingerprint(id_number, field=field)
    rows: dict[str, list[dict]] = {t: [] for t in _TABLES}
    for k, customer_id in enumerate(ordered):
        created, consultant, brand, model = g.customer_first[customer_id]
        deal_id = k + 1
        contracted = k < n
        vehicle_id = first_vehicle + k if contracted else None
        price = 15_000_000 + rng.randrange(0, 20_000_000, 100)
        signed = created + dt.timedelta(days=rng.randrange(1, 30), hours=rng.random())
        status = _contract_status(g, signed, rng) if contracted else None
        stage = {None: "quote", "fulfilled": "delivered", "cancelled": "cancelled", "signed": "ready"}[status]
        rows["deal"].append(_deal(deal_id, customer_id, consultant, vehicle_id, brand, model, stage, created, signed))
        fee = FEES[k % 3]
        rows["quote"].append(
            _quote(deal_id, price_list_id, vehicle_id, brand, model, price + fee[2], created, consultant)
        )
        for pos, (kind, text, amount) in enumerate((("vehicle", model, price), ("service", fee[1], fee[2])), 1):
            rows["quote_line"].append(
                dict(
                    quote_id=deal_id,
                    position=pos,
                    kind=kind,
                    price_list_item_id=None,
                    description=text,
                    description_en="",
                    quantity=1,
                    amount_fen=amount,
                    provider="本店" if kind == "service" else "",
                    timing="",
                )
            )
        if not contracted:
            continue
        rows["vehicle"].append(_vehicle(g, vehicle_id, brand, model, price, created, status))
        rows["contract"].append(
            _contract(deal_id, vehicle_id, price, signed, status, consultant, sealed, fingerprint, g.users["manager"])
        )
        rows["contract_revision"].append(
            dict(
                contract_id=deal_id,
                revision=1,
                terms={},
                reason="",
                document_id=None,
                signed_at=signed,
                signed_by_id=consultant,
            )
        )
        _money_and_handover(g, rows, deal_id, vehicle_id, price + fee[2], signed, status, consultant)
    for table in _TABLES:
        g._insert(table, rows[table])
    _number_counters(g, rows)


def _number_counters(g, rows: dict[str, list[dict]]) -> None:
    """The contract and receipt numbers written here are taken: each type's counter for the
    year starts after them, as the services would have left it (else the first contract
    signed on S in the current year takes a number a generated one holds)."""
    from sqlalchemy import text

    last: dict[tuple[str, int], int] = {}
    taken = (("sales_contract", rows["contract"], "number"), ("payment_receipt", rows["payment"], "receipt_no"))
    for doc_type, table, column in taken:
        for row in table:
            _, year, sequence = row[column].rsplit("-", 2)
            key = (doc_type, int(year))
            last[key] = max(last.get(key, 0), int(sequence))
    with g.db.engine.begin() as conn:
        for (doc_type, year), sequence in last.items():
            key = dict(t=doc_type, y=year, n=sequence)
            conn.execute(text("delete from document_sequence where doc_type = :t and year = :y and last < :n"), key)
            conn.execute(
                text(
                    # The casts: PostgreSQL deduces :t as text in the select list and as varchar in the
                    # subquery, and psycopg refuses a parameter with two types.
                    "insert into document_sequence (doc_type, year, last) select cast(:t as varchar(40)), "
                    "cast(:y as integer), cast(:n as integer) where not exists "
                    "(select 1 from document_sequence where doc_type = cast(:t as varchar(40)) and year = cast(:y as integer))"
                ),
                key,
            )


_TABLES = ("vehicle", "deal", "quote", "quote_line", "contract", "contract_revision", "payment", "handover")


def _price_list(g) -> int:
    g._insert(
        "price_list",
        [
            dict(
                id=1,
                title="价格公示",
                effective_from=g.start.date(),
                status="published",
                notes="",
                published_at=g.start,
                published_by_id=g.users["manager"],
                notice_document_id=None,
                created_at=g.start,
                created_by_id=g.users["manager"],
                updated_at=g.start,
                updated_by_id=g.users["manager"],
                version=1,
            )
        ],
    )
    return 1


def _contract_status(g, signed: dt.datetime, rng) -> str:
    from bench.generate import END

    if END - signed < dt.timedelta(days=20):
        return "signed"  # the last weeks' contracts are still live
    return "cancelled" if rng.random() < 0.03 else "fulfilled"


def _deal(deal_id, customer_id, consultant, vehicle_id, brand, model, stage, created, signed) -> dict:
    return dict(
        id=deal_id,
        lead_id=customer_id,
        customer_id=customer_id,
        consultant_id=consultant,
        stage=stage,
        vehicle_id=vehicle_id,
        brand=brand,
        model=model,
        trim="",
        cancel_reason="客户放弃" if stage == "cancelled" else "",
        created_at=created,
        created_by_id=consultant,
        stage_changed_at=signed,
        updated_at=signed,
        updated_by_id=consultant,
        version=1,
    )


def _quote(deal_id, price_list_id, vehicle_id, brand, model, total, created, consultant) -> dict:
    return dict(
        id=deal_id,
        deal_id=deal_id,
        revision=1,
        price_list_id=price_list_id,
        vehicle_id=vehicle_id,
        brand=brand,
        model=model,
        trim="",
        total_fen=total,
        discount_fen=0,
        discount_approved_by_id=None,
        discount_reason="",
        valid_until=None,
        document_id=None,
        document_number=f"QT-{deal_id:06d}",
        signed_at=created,
        superseded_at=None,
        created_at=created,
        created_by_id=consultant,
    )


def _vehicle(g, vehicle_id, brand, model, price, created, status) -> dict:
    from bench.generate import _vin

    car_status = {"fulfilled": "delivered", "signed": "sold", "cancelled": "in_stock"}[status]
    return dict(
        id=vehicle_id,
        vin=_vin(vehicle_id),
        brand=brand,
        model=model,
        trim="",
        model_year=created.year,
        exterior_color="白色",
        interior_color="黑色",
        powertrain="ICE",
        guide_price_fen=price,
        price_fen=price,
        configuration=["LED 大灯"],
        power_kw=120,
        production_date=(created - dt.timedelta(days=40)).date(),
        status=car_status,
        defect_notes="",
        repair_notes="",
        notes="",
        created_at=created,
        updated_at=created,
        updated_by_id=g.users["manager"],
        version=1,
    )


def _contract(deal_id, vehicle_id, price, signed, status, consultant, sealed, fingerprint, manager) -> dict:
    live = status == "signed"
    return dict(
        id=deal_id,
        deal_id=deal_id,
        quote_id=deal_id,
        number=f"HT-{signed.year}-{deal_id:06d}",
        revision=1,
        status=status,
        buyer_name="客户",
        buyer_id_type="resident_id",
        buyer_id_sealed=sealed,
        buyer_id_masked="**************002X",
        buyer_id_fingerprint=fingerprint,
        buyer_address_sealed=None,
        buyer_phone_masked="",
        agent_name="",
        agent_id_type=None,
        agent_id_sealed=None,
        agent_id_masked=None,
        id_verified_at=signed,
        id_verified_by_id=consultant,
        vehicle_id=vehicle_id,
        live_vehicle_id=vehicle_id if live else None,
        vin="",
        engine_no=f"E{deal_id:08d}",
        certificate_no=f"WDA{deal_id:012d}",
        configuration=["LED 大灯"],
        price_fen=price,
        price_words="",
        payment_method="lump_sum",
        loan_lender="",
        loan_amount_fen=0,
        deposit_kind="earnest",
        deposit_fen=500_000,
        delivery_place="本店交付区",
        delivery_date=(signed + dt.timedelta(days=14)).date(),
        max_delivery_odometer_km=50,
        delivery_appointment_at=None,
        special_terms="",
        document_id=None,
        special_terms_document_id=None,
        entrustment_document_id=None,
        signed_at=signed,
        invoice_no=f"0310{deal_id:08d}" if status == "fulfilled" else None,
        invoice_date=(signed + dt.timedelta(days=10)).date() if status == "fulfilled" else None,
        fulfilled_at=signed + dt.timedelta(days=12) if status == "fulfilled" else None,
        ended_at=signed + dt.timedelta(days=3) if status == "cancelled" else None,
        end_reason="客户放弃" if status == "cancelled" else "",
        created_by_id=consultant,
        updated_at=signed,
        updated_by_id=manager,
        version=1,
    )


def _money_and_handover(g, rows, contract_id, vehicle_id, due, signed, status, consultant) -> None:
    finance = g.users["finance"]
    paid = [("earnest", 500_000, signed)]
    if status != "cancelled":
        paid.append(("final", due - 500_000, signed + dt.timedelta(days=5)))
    else:
        paid.append(("refund", 500_000, signed + dt.timedelta(days=4)))
    for kind, amount, at in paid:
        rows["payment"].append(
            dict(
                contract_id=contract_id,
                kind=kind,
                amount_fen=amount,
                method="transfer",
                receipt_no=f"SK-{at.year}-{len(rows['payment']) + 1:06d}",
                refund_request_id=None,
                note="",
                document_id=None,
                received_at=at,
                recorded_by_id=finance,
            )
        )
    if status != "fulfilled":
        return
    delivered = signed + dt.timedelta(days=12)
    start = delivered.date()
    rows["handover"].append(
        dict(
            contract_id=contract_id,
            vehicle_id=vehicle_id,
            pdi_inspection_id=None,
            id_fingerprint="",
            documents=[{"code": "certificate", "number": f"WDA{contract_id:012d}"}],
            gifts=[],
            onboard_items=[],
            explanations=["operation", "warranty", "sanbao", "repairers", "safety"],
            odometer_km=12,
            delivered_at=delivered,
            delivered_by_id=consultant,
            warranty_start=start,
            sanbao_until=start + 2 * YEAR,
            sanbao_km=50_000,
            repair_warranty_until=start + 3 * YEAR,
            repair_warranty_km=60_000,
            document_id=None,
            document_number=None,
            warranty_document_id=None,
            warranty_document_number=None,
        )
    )
