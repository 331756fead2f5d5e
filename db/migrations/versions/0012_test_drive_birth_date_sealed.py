"""test drive: no birth date in clear, personal numbers masked to their end only (issue #15.1)

Revision ID: 0012
Revises: 0011

A masked ID that kept its first 4 characters (region) and last 4, beside the holder's birth
date in clear, left 1-2 candidates per number in a backup (PIPL art. 51: measures against
leaks). After this revision the file holds the last 4 characters only and no birth date in
clear; docs/privacy.md counts the candidates that remain (at least 10,000).

Upgrade:
  * `birth_date` (clear) is replaced by `birth_date_sealed` and `of_age_on`, the store day for
    which the driver was found 18 or older (T/CSCA 120031-2023 4.2.4.2). Existing rows get
    `of_age_on` = the booked day (Shanghai time, UTC+8 all year) when the driver was of age
    then. A migration never holds the personal key (it lives outside the database, and db/
    must not import app/), so `birth_date_sealed` stays empty for existing rows: a resident
    ID holder's birth date is still inside the sealed ID number, and a passport holder's was
    needed only to re-check the age of a drive moved to an earlier day, which then needs the
    qualification recorded again (PIPL art. 6: no more than the purpose needs). The backup
    that `db.migrate.upgrade` takes before migrating keeps the old values.
  * every `*_masked` value is cut to the new form (`app.core.personal_data.mask`), which needs
    no key: the old form already ended with the characters the new one keeps.

Downgrade restores the columns; birth dates and the old masks cannot be rebuilt without the
key, so `birth_date` comes back empty (a qualified drive not yet started is then qualified
again) and the masks stay in the shorter form.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

MASKED = ("id_number_masked", "licence_number_masked", "permit_number_masked")
STORE_UTC_OFFSET = dt.timedelta(hours=8)  # Asia/Shanghai, no daylight saving since 1991
MIN_AGE = 18


def _remask(masked: str | None) -> str | None:
    """The app.core.personal_data.mask form, from the old mask (frozen copy of the rule)."""
    if masked is None:
        return None
    n = len(masked)
    keep = 4 if n >= 12 else 2 if n >= 6 else 0
    if n == 18 and masked[:2] in ("71", "81", "82", "83"):  # one region code: 2 more hidden
        keep = 2
    return "*" * (n - keep) + masked[n - keep :]


def _age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _as_date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _as_datetime(value) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def upgrade() -> None:
    # Plain ALTER TABLE, not batch mode: a batch copy of test_drive on SQLite would drop the
    # table that test_drive_slot references (foreign keys are on). DROP COLUMN needs SQLite
    # 3.35 (2021); Python 3.11 ships a later one on every platform.
    op.add_column("test_drive", sa.Column("birth_date_sealed", sa.LargeBinary(), nullable=True))
    op.add_column("test_drive", sa.Column("of_age_on", sa.Date(), nullable=True))
    t = sa.table(
        "test_drive",
        sa.column("id", sa.Integer),
        sa.column("birth_date", sa.Date),
        sa.column("planned_start", sa.DateTime),
        sa.column("of_age_on", sa.Date),
        *[sa.column(c, sa.String) for c in MASKED],
    )
    conn = op.get_bind()
    rows = conn.execute(sa.select(t.c.id, t.c.birth_date, t.c.planned_start, *[t.c[c] for c in MASKED])).all()
    for row in rows:
        values: dict[str, object] = {c: _remask(v) for c, v in zip(MASKED, row[3:]) if v is not None}
        if row.birth_date is not None:
            day = (_as_datetime(row.planned_start) + STORE_UTC_OFFSET).date()
            if _age_on(_as_date(row.birth_date), day) >= MIN_AGE:
                values["of_age_on"] = day
        if values:
            conn.execute(sa.update(t).where(t.c.id == row.id).values(**values))
    op.drop_column("test_drive", "birth_date")


def downgrade() -> None:
    op.add_column("test_drive", sa.Column("birth_date", sa.Date(), nullable=True))
    op.drop_column("test_drive", "of_age_on")
    op.drop_column("test_drive", "birth_date_sealed")
