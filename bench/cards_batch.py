"""Card rows of bench/run.py (issue #17, speed): a batch of cards as the user waits for it.

The measure is the whole use case of the showroom page's batch and the CLI's print-cards:
every card numbered, rendered, signed on its own (PAdES), archived with its card record in one
transaction, and the print file written and synced. It runs on a fresh copy of dataset S each
time, so every repetition issues new cards (not re-issues).

The baseline is what any program must do to print the same cards: plain reportlab drawing the
same text lines in the same CJK font, with each card's QR code as a ready-made image (encoded
before the clock starts), written to a file the same way. The earlier baseline encoded the QR
codes inside the clock with the `qrcode` package, whose mask search made it 10× slower than
our drawing, so any ratio against it flattered us.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path


def scratch_copy(url: str) -> str:
    """A copy of the SQLite dataset (SQLite's backup API), to issue cards into."""
    src = Path(url.removeprefix("sqlite:///"))
    dst = Path(tempfile.mkdtemp(prefix="bench-cards-")) / "S-copy.db"
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    return f"sqlite:///{dst}"


def _write(path: Path, pdf: bytes) -> None:
    with path.open("wb") as f:
        f.write(pdf)
        f.flush()
        os.fsync(f.fileno())


def sample_cards(url: str, n: int):
    """CardDTOs of the first `n` cars, for the rendering rows."""
    from sqlalchemy import select

    from app.inventory.vehicles import vehicle_dto
    from app.showroom.vehicle_card import CardDTO
    from app.store.store import get_store
    from db.models import Vehicle
    from db.uow import Database

    db = Database(url)
    try:
        store = get_store(db.uow())
        with db.uow() as uow:
            vs = [vehicle_dto(v) for v in uow.session.scalars(select(Vehicle).order_by(Vehicle.id).limit(n))]
    finally:
        db.dispose()
    now = dt.datetime(2026, 11, 1, 2, 0)
    return [
        CardDTO(card_number=f"VC-2026-{i:06d}", version=1, issued_at=now, vehicle=v, store=store)
        for i, v in enumerate(vs, start=1)
    ]


def qr_images(cards) -> list:
    """Each card's QR code as a ready-made PNG image (made before the baseline's clock starts)."""
    import qrcode
    from reportlab.lib.utils import ImageReader

    from app.showroom.qr import card_payload

    images = []
    for card in cards:
        qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0, box_size=4)
        qr.add_data(card_payload(card).encode("utf-8"))
        buf = io.BytesIO()
        qr.make_image().save(buf, format="PNG")
        images.append(ImageReader(io.BytesIO(buf.getvalue())))
    return images


def bare_canvas(cards, images) -> bytes:
    """reportlab alone: the same text lines on A5 pages in the same CJK font, and the ready
    QR images drawn at 50 mm."""
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    from app.documents.fonts import register_fonts

    fonts = register_fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A5)
    for card, image in zip(cards, images, strict=True):
        v = card.vehicle
        y = 560
        lines = [
            card.store.legal_name,
            f"{v.brand} {v.model} {v.trim}",
            f"VIN {v.vin}",
            f"厂商指导价 ¥{v.guide_price_fen // 100:,}",
            f"售价 ¥{v.price_fen // 100:,}",
            *v.configuration,
            f"销售热线 {card.store.sales_hotline}",
            f"投诉电话 {card.store.complaint_phone}",
            f"{card.card_number} v{card.version}",
        ]
        for line in lines:
            c.setFont(fonts.regular, 12)
            c.drawString(36, y, line)
            y -= 20
        c.drawImage(image, 270, 20, 50 * mm, 50 * mm)
        c.showPage()
    c.save()
    return buf.getvalue()


def _issuable(url: str, n: int) -> list[int]:
    from sqlalchemy import select

    from db.models import Vehicle
    from db.uow import Database

    db = Database(url)
    try:
        with db.uow() as uow:
            return list(
                uow.session.scalars(
                    select(Vehicle.id)
                    .where(Vehicle.status.in_(("on_display", "in_stock")))
                    .order_by(Vehicle.id)
                    .limit(n)
                )
            )
    finally:
        db.dispose()


def issue_once(url: str, n: int, out: Path) -> tuple[float, float, int]:
    """(seconds, CPU seconds, cards): one batch of up to `n` cards issued on a fresh copy of S, as the
    showroom page and print-cards run it, the print file written and synced."""
    from sqlalchemy import select

    from app.showroom.cards import issue_cards_batch
    from app.staff.auth import actor_of
    from db.models import StaffUser
    from db.uow import Database

    copy = scratch_copy(url)
    ids = _issuable(copy, n)
    db = Database(copy)
    try:
        with db.uow() as uow:
            manager = actor_of(uow.session.scalar(select(StaffUser).where(StaffUser.username == "manager")))
        t, cpu = time.perf_counter(), time.process_time()
        result = issue_cards_batch(db.uow(), actor=manager, vehicle_ids=ids, deliver=lambda pdf: _write(out, pdf))
        took, cpu = time.perf_counter() - t, time.process_time() - cpu
    finally:
        db.dispose()
        Path(copy.removeprefix("sqlite:///")).unlink(missing_ok=True)
    return took, cpu, len(result.cards)


def batch_times(url: str, n: int, repeat: int) -> tuple[float, float, int, tuple[float, float]]:
    """Median (use case, baseline) seconds, the number of cards and the median CPU seconds
    of each (the honest figure on a shared, loaded machine), measured alternately in this
    run after one warm-up of each (pyHanko's import, the font, the QR encoder)."""
    out = Path(tempfile.mkdtemp(prefix="bench-cards-out-")) / "cards.pdf"
    issue_once(url, 1, out)
    ours, bare, count = [], [], 0
    cpu: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        took, used, count = issue_once(url, n, out)
        ours.append(took)
        cpu[0].append(used)
        cards = sample_cards(url, count)
        images = qr_images(cards)
        bare_canvas(cards[:1], images[:1])
        t, used = time.perf_counter(), time.process_time()
        _write(out, bare_canvas(cards, images))
        bare.append(time.perf_counter() - t)
        cpu[1].append(time.process_time() - used)
    medians = (statistics.median(cpu[0]), statistics.median(cpu[1]))
    return statistics.median(ours), statistics.median(bare), count, medians
