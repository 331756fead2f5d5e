"""Test data builders (Stoq's ExampleCreator idea): real rows through the real services."""

from __future__ import annotations

import datetime as dt
import functools
import io
import itertools

import pytest

from app.core.validation import vin_check_digit
from app.staff import auth
from app.core.dto import Actor, DocumentDTO, SignatureCapture
from app.inventory.vehicles import VehicleInput
from db.models import Role, StaffRole, StaffUser, Store

_seq = itertools.count(1)
PASSWORD = "correct-horse-1"


def make_vin(serial: int | None = None, wmi: str = "LSV") -> str:
    """A VIN with a correct check digit (ISO 3779)."""
    serial = next(_seq) if serial is None else serial
    vin = f"{wmi}AB218" + "0" + "N2" + f"{serial % 1_000_000:06d}"
    return vin[:8] + vin_check_digit(vin) + vin[9:]


def make_store(uow_factory) -> None:
    with uow_factory() as uow:
        uow.session.add(
            Store(
                legal_name="上海测试汽车销售服务有限公司",
                address="上海市闵行区测试路1号",
                sales_hotline="021-64000000",
                complaint_phone="021-64000001",
                website="https://example.com",
            )
        )
        uow.commit()


@functools.lru_cache(maxsize=None)
def _password_hash(password: str) -> str:
    """argon2 is slow on purpose; one hash per distinct test password is enough."""
    return auth.hash_password(password)


def make_user(uow_factory, *roles: Role, username: str | None = None, **kw) -> Actor:
    username = username or f"user{next(_seq)}"
    with uow_factory() as uow:
        user = StaffUser(
            username=username,
            full_name=kw.pop("full_name", username.title()),
            password_hash=_password_hash(kw.pop("password", PASSWORD)),
            failed_logins=0,
            active=True,
            **kw,
        )
        user.roles = [StaffRole(role=r.value) for r in roles]
        uow.session.add(user)
        uow.commit()
        return auth.actor_of(user)


def vehicle_input(**overrides) -> VehicleInput:
    data = dict(
        vin=make_vin(),
        brand="大众",
        model="帕萨特",
        trim="330TSI 豪华版",
        model_year=2025,
        exterior_color="白色",
        interior_color="黑色",
        powertrain="ICE",
        guide_price_fen=21_990_000,
        price_fen=19_990_000,
        configuration=["全景天窗", "自适应巡航"],
        power_kw=137,
        production_date=dt.date(2025, 5, 1),
        status="in_stock",
    )
    data.update(overrides)
    return VehicleInput(**data)


# --- documents (issue #3) --------------------------------------------------------------------


@pytest.fixture()
def isolated_data_dir(tmp_path, monkeypatch):
    """Key files (app/core/keys.py) live in the per-user data directory: give each test its own
    instead of the developer's. Use with `pytestmark = pytest.mark.usefixtures(...)`."""
    path = tmp_path / "data"
    monkeypatch.setenv("SHOWROOM_DATA_DIR", str(path))
    return path


def another_terminal(monkeypatch, path) -> None:
    """Act as another terminal of the same store from here on: its own data directory, with
    the store's audit key copied there, as docs/operations.md tells (every terminal that
    writes needs it, issue #15 item 7); any other key file it must get by itself."""
    from app.core import keys

    audit = keys.key_path("audit")
    key = audit.read_bytes() if audit.exists() else None
    monkeypatch.setenv("SHOWROOM_DATA_DIR", str(path))
    if key is not None:
        copy = keys.key_dir() / "audit-from-first-terminal.bin"
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(key)
        keys.import_key(copy, "audit")
        copy.unlink()


def simple_pdf(text: str = "Showroom test document") -> bytes:
    """A small unsigned PDF (reportlab, Helvetica: ASCII text only)."""
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    canvas = Canvas(buf, invariant=1)
    canvas.drawString(72, 720, text)
    canvas.save()
    return buf.getvalue()


def simple_render(number: str, version: int, issued_at: dt.datetime) -> bytes:
    """A `render` for issue_document that prints the number, version and time."""
    return simple_pdf(f"{number} v{version} {issued_at.isoformat()}")


def signature_capture(name: str = "周建国", role: str = "manager", seed: int = 3) -> SignatureCapture:
    from app.demo import demo_signature

    strokes, png = demo_signature(seed)
    return SignatureCapture(name, role, dt.datetime(2026, 1, 5, 2, 30), strokes, png)


def make_document(
    uow_factory,
    actor: Actor,
    *,
    doc_type: str = "vehicle_card",
    subject_type: str = "vehicle",
    subject_id: int | None = 1,
    subject_ref: str = "",
    **kw,
) -> DocumentDTO:
    """A signed document of a cheap kind (no CJK layout): for archive tests."""
    from app.documents.documents import issue_document

    return issue_document(
        uow_factory(),
        actor=actor,
        doc_type=doc_type,
        subject_type=subject_type,
        subject_id=subject_id,
        subject_ref=subject_ref,
        language=kw.pop("language", "en"),
        render=kw.pop("render", simple_render),
        **kw,
    )


# --- reception (issue #4) ----------------------------------------------------------------------

RECEPTION_NOW = dt.datetime(2026, 3, 10, 2, 0)  # naive UTC: 10:00 in Shanghai, a Tuesday


def reception_defaults(uow_factory) -> None:
    """Default channels and consent text v1 (migration 0003 seeds them; PostgreSQL test runs
    truncate every table, so tests add them again)."""
    from app.reception.setup import ensure_reception_defaults

    ensure_reception_defaults(uow_factory())


def channel_id(uow_factory, code: str = "walk_by") -> int:
    from sqlalchemy import select

    from db.reception_models import SourceChannel

    with uow_factory() as uow:
        return uow.session.scalar(select(SourceChannel.id).where(SourceChannel.code == code))


def consent_text_id(uow_factory) -> int:
    from app.reception.setup import current_consent_text

    return current_consent_text(uow_factory(), now=RECEPTION_NOW).id


def make_staff(uow_factory, *roles: Role, username: str | None = None, full_name: str | None = None) -> Actor:
    """make_user without hashing a password each time (argon2 is slow on purpose): reception
    tests create many staff. They log in with PASSWORD all the same."""
    username = username or f"staff{next(_seq)}"
    with uow_factory() as uow:
        user = StaffUser(
            username=username,
            full_name=full_name or username.title(),
            password_hash=_password_hash(PASSWORD),
            failed_logins=0,
            active=True,
        )
        user.roles = [StaffRole(role=r.value) for r in roles]
        uow.session.add(user)
        uow.commit()
        return auth.actor_of(user)


def make_consultants(uow_factory, count: int, prefix: str = "consultant") -> list[Actor]:
    return [make_staff(uow_factory, Role.CONSULTANT, username=f"{prefix}{next(_seq)}") for _ in range(count)]


def on_duty(uow_factory, desk: Actor, consultants: list[Actor], now: dt.datetime = RECEPTION_NOW):
    from app.reception.duty import set_roster

    return set_roster(uow_factory(), actor=desk, consultant_ids=[c.user_id for c in consultants], now=now)


def check_in_input(uow_factory, **overrides):
    """A walk-in by the walk-by channel, party of one, no personal data."""
    from app.reception.checkin import CheckInInput

    data = dict(channel_id=channel_id(uow_factory))
    if overrides.get("name") or overrides.get("mobile"):
        data.update(consent_text_id=consent_text_id(uow_factory), consent_given=True)
    data.update(overrides)
    return CheckInInput(**data)


def walk_in(uow_factory, desk: Actor, now: dt.datetime = RECEPTION_NOW, **overrides):
    from app.reception.checkin import check_in

    return check_in(uow_factory(), actor=desk, data=check_in_input(uow_factory, **overrides), now=now)


def make_customer(
    uow_factory, desk: Actor, *, name: str = "王先生", mobile: str | None = None, now: dt.datetime = RECEPTION_NOW
):
    from app.reception.customers import register_customer

    mobile = mobile or f"139{next(_seq) % 100_000_000:08d}"
    return register_customer(
        uow_factory(),
        actor=desk,
        name=name,
        mobile=mobile,
        consent_text_id=consent_text_id(uow_factory),
        consent_given=True,
        now=now,
    )


def add_models(uow_factory, manager: Actor, *models: tuple[str, str]) -> None:
    """Put one car of each (brand, model) in the inventory (models of interest come from it)."""
    from app.inventory import vehicles

    for brand, model in models:
        vehicles.add_vehicle(
            uow_factory(), actor=manager, data=vehicle_input(brand=brand, model=model, status="on_display")
        )
