"""Issue #15.1 (PIPL art. 51): a backup alone must not give back a resident ID number.

Seven test drives are qualified with real-looking, valid resident IDs and a backup is taken
(the live database on PostgreSQL: a dump holds the same rows). An attacker without the
personal key then reads everything in it: every masked form on the drive row and in its
signed agreement, every clear date (a birth date if one is kept, the licence's first issue,
the day the driver was found of age) and, as a free gift, the holder's true province (as if
guessed from the store's city or the mobile number). The candidates are every number that
agrees with all of that, with a county code of the province from python-stdnum's list
(current and retired codes) and with the GB 11643-1999 check character.

Before the fix the mask kept the region's first 4 digits and the birth date was stored in
clear: 1-2 candidates, most numbers rebuilt exactly. Every number must now keep >= 10,000.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import Date, MetaData, select

from app.test_drives import drive_steps as steps
from app.store.backup import take_backup
from db.session import make_engine, sqlite_url
from tests.factories import isolated_data_dir, signature_capture  # noqa: F401
from tests.integration.test_test_drives import NOW, OK, book, make_world, qualification

pytestmark = pytest.mark.usefixtures("isolated_data_dir")

MIN_CANDIDATES = 10_000
WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]  # GB 11643-1999 / ISO 7064 MOD 11-2


def _with_check(body: str) -> str:
    r = (12 - sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11) % 11
    return body + ("X" if r == 10 else str(r))


# (resident ID, licence first issued): Pudong, Xuhui, Suzhou, Hangzhou, Beijing, Shenzhen, and
# a Hong Kong resident's residence permit (one region code, 810000, for every holder).
HOLDERS = [
    (_with_check("31011519850312123"), dt.date(2006, 7, 1)),
    (_with_check("31010419620815042"), dt.date(1990, 3, 15)),
    (_with_check("32050819900101561"), dt.date(2012, 9, 20)),
    (_with_check("33010619780715262"), dt.date(2001, 4, 2)),
    ("11010519491231002X", dt.date(1985, 5, 1)),
    (_with_check("44030519950620331"), dt.date(2016, 11, 11)),
    (_with_check("81000019880420005"), dt.date(2019, 6, 1)),
]


def _qualify_and_sign(w, id_number: str, first_issued: dt.date, start: dt.datetime) -> None:
    c, u = w.consultant, w.uow
    d = book(w, start)
    d = steps.record_id_consent(u(), actor=c, drive_id=d.id, expected_version=d.version, now=NOW)
    d = steps.record_qualification(
        u(),
        actor=c,
        drive_id=d.id,
        expected_version=d.version,
        data=qualification(id_number=id_number, licence_first_issued=first_issued),
        now=NOW,
    )
    d = steps.assign_escort(u(), actor=c, drive_id=d.id, expected_version=d.version, escort_id=c.user_id, now=NOW)
    d = steps.confirm_terms(u(), actor=c, drive_id=d.id, expected_version=d.version, now=NOW)
    d = steps.record_check(
        u(), actor=c, drive_id=d.id, expected_version=d.version, items=OK, odometer_out=1200, now=NOW
    )
    d = steps.record_weather(u(), actor=c, drive_id=d.id, expected_version=d.version, weather="fine", now=NOW)
    steps.sign_agreement(
        u(),
        actor=c,
        drive_id=d.id,
        expected_version=d.version,
        signatures=[signature_capture("李先生", "customer", 1), signature_capture(c.full_name, "escort", 2)],
        now=NOW,
    )


# --- the attacker: only what the file holds, plus public lists ---------------------------------


def _province_codes(province: str) -> list[str]:
    """Every county-level code of a province in python-stdnum's list, retired ones included."""
    import stdnum

    path = Path(stdnum.__file__).parent / "cn" / "loc.dat"
    codes, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if not line.startswith(" "):
            current = line.split()[0]
        elif current == province:
            rest = line.split()[0]
            if not rest.endswith("00"):  # province and city totals name no county
                codes.append(current + rest)
    return codes or [province + "0000"]  # Hong Kong, Macao, Taiwan: one code


def _masks_in(row: dict, pdf_text: str) -> list[str]:
    found = [v for v in row.values() if isinstance(v, str) and len(v) == 18 and "*" in v]
    return found + re.findall(r"[0-9X*]{18}", pdf_text)


def _known(masks: list[str]) -> list[str | None]:
    known: list[str | None] = [None] * 18
    for m in masks:
        for i, ch in enumerate(m):
            if ch != "*":
                known[i] = ch
    return known


def _birth_range(row: dict, date_columns: set[str], today: dt.date) -> tuple[dt.date, dt.date]:
    """Clear birth date if the row keeps one; else bounds from the other clear dates: a
    driver is 18 on `of_age_on`, and a licence is first issued at 18 or later (公安部令第162号
    art. 13)."""
    for name in date_columns:
        if "birth" in name and row.get(name):
            return row[name], row[name]
    latest = today.replace(year=today.year - 18)
    for name in ("of_age_on", "licence_first_issued"):
        if row.get(name):
            latest = min(latest, row[name].replace(year=row[name].year - 18))
    return today.replace(year=today.year - 100), latest


def _weight_mod(digits: str, offset: int) -> int:
    return sum(int(c) * WEIGHTS[offset + i] for i, c in enumerate(digits)) % 11


def _histogram(values: list[str], offset: int) -> list[int]:
    h = [0] * 11
    for v in values:
        h[_weight_mod(v, offset)] += 1
    return h


def _fits(value: str, known: list[str | None], offset: int) -> bool:
    return all(known[offset + i] in (None, ch) for i, ch in enumerate(value))


def candidates(known: list[str | None], province: str, first: dt.date, last: dt.date) -> int:
    """How many numbers agree with the known characters, the region list, the birth range
    and the check character (counted by the check sum's remainder, not one by one)."""
    regions = [r for r in _province_codes(province) if _fits(r, known, 0)]
    days = [(first + dt.timedelta(days=i)).strftime("%Y%m%d") for i in range((last - first).days + 1)]
    days = [d for d in days if _fits(d, known, 6)]
    seqs = [f"{i:03d}" for i in range(1000) if _fits(f"{i:03d}", known, 14)]
    hr, hd, hs = _histogram(regions, 0), _histogram(days, 6), _histogram(seqs, 14)
    total = 0
    for a in range(11):
        for b in range(11):
            for s in range(11):
                check = (12 - (a + b + s) % 11) % 11
                ch = "X" if check == 10 else str(check)
                if known[17] in (None, ch):
                    total += hr[a] * hd[b] * hs[s]
    return total


def _rebuild_all(url: str, today: dt.date) -> dict[str, int]:
    """{true number: candidate count}; the true number is used only to label the result
    and to take its province, never to filter the candidates."""
    engine = make_engine(url)
    meta = MetaData()
    meta.reflect(engine, only=["test_drive", "document"])
    td, doc = meta.tables["test_drive"], meta.tables["document"]
    date_columns = {c.name for c in td.c if isinstance(c.type, Date)}
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(td).order_by(td.c.id))]
        pdfs = {r.id: r.content for r in conn.execute(select(doc.c.id, doc.c.content))}
    engine.dispose()
    out = {}
    for (number, _issued), row in zip(HOLDERS, rows, strict=True):
        pdf = pdfs.get(row["agreement_document_id"]) or b""
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages) if pdf else ""
        known = _known(_masks_in(row, text.replace("\n", "")))
        first, last = _birth_range(row, date_columns, today)
        out[number] = candidates(known, number[:2], first, last)
    return out


def test_pipl_51_resident_ids_cannot_be_rebuilt_from_a_backup(uow, db_url, tmp_path):
    w = make_world(uow)
    for i, (number, issued) in enumerate(HOLDERS):
        _qualify_and_sign(w, number, issued, NOW + dt.timedelta(hours=i))
    if db_url.startswith("sqlite"):
        backup = take_backup(db_url, tmp_path / "backups").path
        url = sqlite_url(backup)
    else:
        url = db_url  # a pg_dump holds these rows; read them where they are
    counts = _rebuild_all(url, NOW.date())
    rebuilt = [n for n, c in counts.items() if c <= 2]
    assert not rebuilt and min(counts.values()) >= MIN_CANDIDATES, counts
