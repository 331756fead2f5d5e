"""Test data builders (Stoq's ExampleCreator idea): real rows through the real services."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pytest

from app.domain.validation import vin_check_digit
from app.services import auth
from app.services.dto import Actor, DocumentDTO, SignatureCapture
from app.services.vehicles import VehicleInput
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
        uow.session.add(Store(legal_name="上海测试汽车销售服务有限公司", address="上海市闵行区测试路1号",
                              sales_hotline="021-64000000", complaint_phone="021-64000001",
                              website="https://example.com"))
        uow.commit()


def make_user(uow_factory, *roles: Role, username: str | None = None, **kw) -> Actor:
    username = username or f"user{next(_seq)}"
    with uow_factory() as uow:
        user = StaffUser(username=username, full_name=kw.pop("full_name", username.title()),
                         password_hash=auth.hash_password(kw.pop("password", PASSWORD)),
                         failed_logins=0, active=True, **kw)
        user.roles = [StaffRole(role=r.value) for r in roles]
        uow.session.add(user)
        uow.commit()
        return auth.actor_of(user)


def vehicle_input(**overrides) -> VehicleInput:
    data = dict(vin=make_vin(), brand="大众", model="帕萨特", trim="330TSI 豪华版", model_year=2025,
                exterior_color="白色", interior_color="黑色", powertrain="ICE",
                guide_price_fen=21_990_000, price_fen=19_990_000,
                configuration=["全景天窗", "自适应巡航"], power_kw=137,
                production_date=dt.date(2025, 5, 1), status="in_stock")
    data.update(overrides)
    return VehicleInput(**data)


# --- documents (issue #3) --------------------------------------------------------------------

@pytest.fixture()
def isolated_data_dir(tmp_path, monkeypatch):
    """Key files (app/keys.py) live in the per-user data directory: give each test its own
    instead of the developer's. Use with `pytestmark = pytest.mark.usefixtures(...)`."""
    path = tmp_path / "data"
    monkeypatch.setenv("SHOWROOM_DATA_DIR", str(path))
    return path


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


def make_document(uow_factory, actor: Actor, *, doc_type: str = "vehicle_card",
                  subject_type: str = "vehicle", subject_id: int | None = 1,
                  subject_ref: str = "", **kw) -> DocumentDTO:
    """A signed document of a cheap kind (no CJK layout): for archive tests."""
    from app.services.documents import issue_document

    return issue_document(uow_factory(), actor=actor, doc_type=doc_type,
                          subject_type=subject_type, subject_id=subject_id,
                          subject_ref=subject_ref, language=kw.pop("language", "en"),
                          render=kw.pop("render", simple_render), **kw)
