"""The demo store's signed sample documents (issue #3): three store notices, one voided and
replaced, each signed by the sales manager with a deterministic synthetic handwriting
(`demo_signature`, also the signature of the other demo records).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import math
import random

from app.core.clock import utcnow
from app.core.dto import Actor, SignatureCapture
from app.documents import documents
from app.store import store
from db.uow import Database

WRONG_ADDRESS = "上海市闵行区浦锦路2228号（近浦江镇地铁站）"  # v1's misprint: 2228 for 2288
VOID_REASON = "地址更正"


def demo_signature(seed: int = 1, *, width: int = 600) -> tuple[list, bytes]:
    """A handwriting-like signature: (pad strokes, transparent PNG), the same for a seed.

    The strokes use the pad's format (ui/widgets/signature_pad.py): [x, y, t_ms, pressure]
    with x, y from 0 to 1 across a 3:1 area. Three quick loops of varying height, as a
    three-character name written in running script; then the PNG is drawn from them."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    strokes, t = [], 0
    x0 = 0.08
    for part in range(3):
        span = rng.uniform(0.2, 0.26)
        loops = rng.randint(2, 3)
        points = []
        for i in range(41):
            u = i / 40
            x = x0 + span * u + 0.035 * math.sin(2 * math.pi * loops * u + part)
            y = (
                0.5
                + 0.24 * math.sin(2 * math.pi * loops * u + rng.uniform(-0.2, 0.2)) * (1 - 0.5 * u)
                - 0.06 * part * u
            )
            points.append(
                [round(x, 4), round(min(0.95, max(0.05, y)), 4), t, round(0.55 + 0.35 * math.sin(math.pi * u), 3)]
            )
            t += 12
        strokes.append(points)
        x0 += span + 0.04
        t += 180  # pen lifted between characters
    strokes.append([[0.12, 0.84, t, 0.6], [0.45, 0.8, t + 90, 0.8], [0.74, 0.82, t + 180, 0.5]])

    # Draw the pen's coverage big, then shrink it: smooth (antialiased) edges. The PNG is one
    # ink under that alpha in palette form, as the pad's (ui/widgets/signature_ink.py).
    scale = 3
    w, h = width * scale, width * scale // 3
    coverage = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(coverage)
    for stroke in strokes:
        for (xa, ya, _, pa), (xb, yb, _, pb) in zip(stroke, stroke[1:], strict=False):
            line_w = max(1, round(width * 0.0065 * scale * (0.55 + 0.9 * (pa + pb) / 2)))
            draw.line([(xa * w, ya * h), (xb * w, yb * h)], fill=255, width=line_w, joint="curve")
    image = coverage.resize((width, width // 3), Image.Resampling.LANCZOS).convert("P")  # index = alpha
    image.putpalette((20, 32, 107) * 256)
    out = io.BytesIO()
    image.save(out, format="PNG", transparency=bytes(range(256)), compress_level=9)
    return strokes, out.getvalue()


# The manager signs each notice a little after it was prepared (issue #17.20: a signature
# dated before the document it signs, or before the version it replaces, reads as forged).
SIGNED_AFTER = dt.timedelta(minutes=2)


def _manager_signature(manager: Actor, seed: int) -> SignatureCapture:
    """Dated from the real clock, not the demo's `now`: the archive stamps a document with the
    time it is issued (documents.prepare_document), which is now, whatever day the demo
    data describes."""
    strokes, png = demo_signature(seed)
    return SignatureCapture(manager.full_name, "manager", utcnow() + SIGNED_AFTER, strokes, png)


def add_documents(db: Database, manager: Actor, now: dt.datetime) -> bool:
    """The three store notices, adding only the missing steps (idempotent). `now` is the demo's
    clock; the notices and their signatures take the real one (see _manager_signature)."""
    from app.documents.layout import SignatureDTO, SignerRole
    from app.documents.sample_notice import render_store_notice

    query = documents.DocumentQuery(doc_type="store_notice", include_voided=True)
    have = documents.list_documents(db.uow(), actor=manager, query=query)
    added = False
    if not have:
        # v1 as it was first posted, with the misprinted house number.
        wrong = dataclasses.replace(store.get_store(db.uow()), address=WRONG_ADDRESS)
        sig = _manager_signature(manager, seed=7)
        drawn = [SignatureDTO(sig.signer_name, SignerRole.MANAGER, sig.signed_at, sig.png)]
        documents.issue_document(
            db.uow(),
            actor=manager,
            doc_type="store_notice",
            subject_type="store",
            subject_id=wrong.id,
            subject_ref=wrong.legal_name,
            language="bilingual",
            signatures=[sig],
            render=lambda number, version, at: render_store_notice(
                wrong, number=number, version=version, language="bilingual", issued_at=at, signatures=drawn
            ),
        )
        have = documents.list_documents(db.uow(), actor=manager, query=query)
        added = True
    first = min(have, key=lambda d: (d.number, d.version))
    if not any(d.number == first.number and d.version > 1 for d in have):
        documents.issue_store_notice(
            db.uow(),
            actor=manager,
            language="bilingual",
            signatures=[_manager_signature(manager, seed=7)],
            replaces=first.number,
            reason=VOID_REASON,
        )
        added = True
    if not any(d.language == "zh" for d in have):
        documents.issue_store_notice(
            db.uow(), actor=manager, language="zh", signatures=[_manager_signature(manager, seed=7)]
        )
        added = True
    return added
