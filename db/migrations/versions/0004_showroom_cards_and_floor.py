"""showroom cards and floor: card register, promotions, charging-pile offer, zones, positions

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 02:43:51.526216

Tables for issue #5 (T/CSCA 120031-2023 4.2.1.2 一车一卡, 4.2.1.5 NEV zone, 4.3.2.1
promotions, 4.1.3.5 charging piles): vehicle_card (with a partial unique index: at most one
current card per car), promotion, charging_pile_offer, display_zone, display_position.

Seeds the default floor: two showroom zones and the separate NEV zone (4.2.1.5), four
positions each. Copied here on purpose (a migration must not change when app code does);
app.showroom.cards_floor.DEFAULT_FLOOR holds the same list and a test keeps the two equal.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

DEFAULT_FLOOR = [
    ("展厅A区", False, 1, ("A1", "A2", "A3", "A4")),
    ("展厅B区", False, 2, ("B1", "B2", "B3", "B4")),
    ("新能源专区", True, 3, ("N1", "N2", "N3", "N4")),
]


revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "charging_pile_offer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service", sa.String(length=200), nullable=False),
        sa.Column("fee_fen", sa.Integer(), nullable=False),
        sa.Column("included", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_charging_pile_offer")),
    )
    op.create_table(
        "display_zone",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("is_nev_zone", sa.Boolean(), nullable=False),
        sa.Column("sort", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_display_zone")),
        sa.UniqueConstraint("name", name=op.f("uq_display_zone_name")),
    )
    op.create_table(
        "display_position",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("zone_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("sort", sa.Integer(), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["staff_user.id"], name=op.f("fk_display_position_updated_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(["vehicle_id"], ["vehicle.id"], name=op.f("fk_display_position_vehicle_id_vehicle")),
        sa.ForeignKeyConstraint(
            ["zone_id"], ["display_zone.id"], name=op.f("fk_display_position_zone_id_display_zone")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_display_position")),
        sa.UniqueConstraint("vehicle_id", name=op.f("uq_display_position_vehicle_id")),
        sa.UniqueConstraint("zone_id", "code", name="uq_display_position_zone_code"),
    )
    with op.batch_alter_table("display_position", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_display_position_zone_id"), ["zone_id"], unique=False)

    op.create_table(
        "promotion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("rules", sa.Text(), nullable=False),
        sa.Column("conditions", sa.Text(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["staff_user.id"], name=op.f("fk_promotion_updated_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(["vehicle_id"], ["vehicle.id"], name=op.f("fk_promotion_vehicle_id_vehicle")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotion")),
        sa.UniqueConstraint("vehicle_id", name=op.f("uq_promotion_vehicle_id")),
    )
    op.create_table(
        "vehicle_card",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), nullable=False),
        sa.Column("card_number", sa.String(length=40), nullable=False),
        sa.Column("card_version", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("layout", sa.String(length=10), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by_id", sa.Integer(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.Column("end_reason", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["document.id"], name=op.f("fk_vehicle_card_document_id_document")),
        sa.ForeignKeyConstraint(
            ["issued_by_id"], ["staff_user.id"], name=op.f("fk_vehicle_card_issued_by_id_staff_user")
        ),
        sa.ForeignKeyConstraint(["vehicle_id"], ["vehicle.id"], name=op.f("fk_vehicle_card_vehicle_id_vehicle")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vehicle_card")),
    )
    with op.batch_alter_table("vehicle_card", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vehicle_card_card_number"), ["card_number"], unique=False)
        batch_op.create_index(batch_op.f("ix_vehicle_card_vehicle_id"), ["vehicle_id"], unique=False)
        batch_op.create_index(
            "uq_vehicle_card_current",
            ["vehicle_id"],
            unique=True,
            sqlite_where=sa.text("status = 'current'"),
            postgresql_where=sa.text("status = 'current'"),
        )

    zone = sa.table(
        "display_zone",
        sa.column("id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("is_nev_zone", sa.Boolean),
        sa.column("sort", sa.Integer),
    )
    position = sa.table(
        "display_position",
        sa.column("zone_id", sa.Integer),
        sa.column("code", sa.String),
        sa.column("sort", sa.Integer),
        sa.column("updated_at", sa.DateTime),
        sa.column("version", sa.Integer),
    )
    now = sa.func.current_timestamp()
    for name, nev, sort, codes in DEFAULT_FLOOR:
        # No explicit ids: PostgreSQL's sequences would not know about them.
        op.execute(zone.insert().values(name=name, is_nev_zone=nev, sort=sort))
        zone_id = sa.select(zone.c.id).where(zone.c.name == name).scalar_subquery()
        for i, code in enumerate(codes, start=1):
            op.execute(position.insert().values(zone_id=zone_id, code=code, sort=i, updated_at=now, version=1))


def downgrade() -> None:
    with op.batch_alter_table("vehicle_card", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_vehicle_card_current",
            sqlite_where=sa.text("status = 'current'"),
            postgresql_where=sa.text("status = 'current'"),
        )
        batch_op.drop_index(batch_op.f("ix_vehicle_card_vehicle_id"))
        batch_op.drop_index(batch_op.f("ix_vehicle_card_card_number"))

    op.drop_table("vehicle_card")
    op.drop_table("promotion")
    with op.batch_alter_table("display_position", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_display_position_zone_id"))

    op.drop_table("display_position")
    op.drop_table("display_zone")
    op.drop_table("charging_pile_offer")
