"""The signature pad and dialog: drawing with mouse, pen and finger, refusing empty and token
signatures, undo/clear, resolution-independent strokes, and a transparent PNG that lands in a
real PDF (app.documents) as an image."""

from __future__ import annotations

import datetime as dt
import io
import json
import math

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QImage, QInputDevice, QMouseEvent, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.documents.layout import SignatureDTO, SignerRole
from app.documents.pad_png import pad_alpha
from app.documents.sample_notice import render_store_notice
from app.core.dto import StoreDTO
from ui.widgets.signature_dialog import SignatureCapture, SignatureDialog, role_label
from ui.widgets import signature_pad
from ui.widgets.signature_ink import INK
from ui.widgets.signature_pad import SignaturePad

STORE = StoreDTO(
    1,
    "上海浦江汽车销售服务有限公司",
    "上海市闵行区虹梅南路 1888 号",
    "021-64001234",
    "021-64005678",
    "https://pujiang-4s.example.cn",
    3,
)


@pytest.fixture()
def pad(qtbot) -> SignaturePad:
    widget = SignaturePad()
    qtbot.addWidget(widget)
    widget.resize(600, 200)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def at(pad: SignaturePad, fx: float, fy: float) -> QPointF:
    """A point given as fractions of the pad's drawing area."""
    a = pad.area()
    return QPointF(a.left() + fx * a.width(), a.top() + fy * a.height())


def send_mouse(widget, kind, pos: QPointF, button, buttons) -> None:
    # QMouseEvent built by hand: a MouseMove carries the held buttons, as a real drag does.
    event = QMouseEvent(
        kind, pos, QPointF(widget.mapToGlobal(pos.toPoint())), button, buttons, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, event)


def draw(pad: SignaturePad, points: list[QPointF]) -> None:
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    send_mouse(pad, QEvent.Type.MouseButtonPress, points[0], left, left)
    for p in points[1:]:
        send_mouse(pad, QEvent.Type.MouseMove, p, none, left)
    send_mouse(pad, QEvent.Type.MouseButtonRelease, points[-1], left, none)


def sign_name(pad: SignaturePad) -> None:
    """Three strokes that look like a hurried written name (≈1.7 pad widths of ink)."""
    draw(pad, [at(pad, 0.12 + 0.5 * t / 60, 0.55 - 0.25 * math.sin(t / 4) * math.exp(-t / 120)) for t in range(60)])
    draw(pad, [at(pad, 0.45 + 0.1 * math.cos(t / 8), 0.45 + 0.25 * math.sin(t / 8)) for t in range(50)])
    draw(pad, [at(pad, 0.6 + 0.2 * t / 40, 0.6 - 0.3 * (t / 40) ** 2) for t in range(40)])


# --- drawing ---------------------------------------------------------------------------------


def test_mouse_drag_draws_a_stroke_in_pad_coordinates(pad, qtbot):
    with qtbot.waitSignal(pad.changed, timeout=1000):
        draw(pad, [at(pad, 0.1 + 0.01 * i, 0.5) for i in range(40)])
    strokes = pad.strokes()
    assert len(strokes) == 1 and len(strokes[0]) == 40
    xs = [p[0] for p in strokes[0]]
    assert xs[0] == pytest.approx(0.1, abs=0.003) and xs[-1] == pytest.approx(0.49, abs=0.003)
    assert all(p[1] == pytest.approx(0.5, abs=0.003) for p in strokes[0])
    assert all(p[3] == 1.0 for p in strokes[0])  # a mouse has full pressure
    times = [p[2] for p in strokes[0]]
    assert times == sorted(times)
    # Really drawn: ink-coloured pixels where the stroke went, paper elsewhere.
    image = pad.grab().toImage()
    ink = image.pixelColor(at(pad, 0.3, 0.5).toPoint())
    assert ink.blue() > ink.red() + 40 and ink.lightness() < 120
    assert image.pixelColor(at(pad, 0.3, 0.2).toPoint()).lightness() > 240


def test_qtest_mouse_helpers_draw_too(pad, qtbot):
    # In Qt 6 QTest.mouseMove carries the pressed button, so a plain qtbot drag draws.
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=at(pad, 0.1, 0.5).toPoint())
    for i in range(1, 30):
        qtbot.mouseMove(pad, at(pad, 0.1 + 0.02 * i, 0.5 + 0.1 * math.sin(i)).toPoint())
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=at(pad, 0.7, 0.5).toPoint())
    assert pad.stroke_count() == 1 and pad.point_count() >= 30


def test_moves_without_a_button_do_not_draw(pad):
    for i in range(20):
        send_mouse(
            pad, QEvent.Type.MouseMove, at(pad, 0.1 + 0.02 * i, 0.5), Qt.MouseButton.NoButton, Qt.MouseButton.NoButton
        )
    assert pad.is_empty()


def test_pen_draws_with_pressure(pad):
    pen = QPointingDevice(
        "test pen",
        7,
        QInputDevice.DeviceType.Stylus,
        QPointingDevice.PointerType.Pen,
        QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
        1,
        3,
    )

    def tablet(kind, pos: QPointF, pressure: float, buttons) -> None:
        QApplication.sendEvent(
            pad,
            QTabletEvent(
                kind,
                pen,
                pos,
                QPointF(pad.mapToGlobal(pos.toPoint())),
                pressure,
                0.0,
                0.0,
                0.0,
                0.0,
                0.0,
                Qt.KeyboardModifier.NoModifier,
                Qt.MouseButton.LeftButton,
                buttons,
            ),
        )

    left = Qt.MouseButton.LeftButton
    tablet(QEvent.Type.TabletPress, at(pad, 0.1, 0.5), 0.2, left)
    for i in range(1, 25):
        tablet(QEvent.Type.TabletMove, at(pad, 0.1 + 0.02 * i, 0.5), 0.2 + 0.03 * i, left)
    tablet(QEvent.Type.TabletRelease, at(pad, 0.6, 0.5), 0.9, Qt.MouseButton.NoButton)
    pressures = [p[3] for p in pad.strokes()[0]]
    assert pad.stroke_count() == 1 and len(pressures) >= 25
    assert pressures[0] == pytest.approx(0.2) and max(pressures) > 0.85


def test_finger_draws_and_a_second_finger_is_ignored(pad):
    device = QTest.createTouchDevice()
    QTest.touchEvent(pad, device).press(0, at(pad, 0.1, 0.5).toPoint()).commit()
    for i in range(1, 20):
        sequence = QTest.touchEvent(pad, device).move(0, at(pad, 0.1 + 0.03 * i, 0.5).toPoint())
        if i == 5:  # a palm lands and lifts while the finger writes
            sequence.press(1, at(pad, 0.9, 0.9).toPoint())
        if i == 6:
            sequence.release(1, at(pad, 0.9, 0.9).toPoint())
        sequence.commit()
    QTest.touchEvent(pad, device).release(0, at(pad, 0.7, 0.5).toPoint()).commit()
    strokes = pad.strokes()
    assert len(strokes) == 1 and len(strokes[0]) == 21  # press, 19 moves, release
    assert max(p[0] for p in strokes[0]) < 0.75  # nothing from the palm at x = 0.9


# --- acceptance ------------------------------------------------------------------------------


def test_empty_pad_is_refused(pad):
    assert pad.is_empty() and not pad.is_acceptable()
    assert pad.problem_code() == "empty" and pad.problem()


def test_a_dot_is_refused(pad):
    draw(pad, [at(pad, 0.5, 0.5)])
    assert pad.stroke_count() == 1 and pad.point_count() == 1
    assert pad.problem_code() == "too_short" and pad.problem()


def test_a_short_dash_is_refused(pad):
    draw(pad, [at(pad, 0.4 + 0.01 * i, 0.5) for i in range(15)])  # 0.14 pad widths
    assert pad.point_count() >= signature_pad.MIN_POINTS
    assert pad.problem_code() == "too_short"


def test_a_scribble_in_one_spot_is_refused(pad):
    # Plenty of ink (back and forth) but all within 5 % of the pad's width.
    points = [at(pad, 0.5 + 0.05 * (i % 2), 0.5 + 0.004 * i) for i in range(40)]
    draw(pad, points)
    assert pad.ink_length() > signature_pad.MIN_INK_LENGTH
    assert pad.problem_code() == "too_small" and pad.problem()


def test_a_written_name_is_accepted(pad):
    sign_name(pad)
    assert pad.stroke_count() == 3 and pad.is_acceptable() and pad.problem() is None


def test_undo_removes_the_last_stroke_and_clear_empties(pad, qtbot):
    sign_name(pad)
    first_two = pad.strokes()[:2]
    with qtbot.waitSignal(pad.changed, timeout=1000):
        pad.undo()
    assert pad.strokes() == first_two
    with qtbot.waitSignal(pad.changed, timeout=1000):
        pad.clear()
    assert pad.is_empty() and pad.strokes() == []
    pad.undo()  # nothing left to undo: no error
    assert pad.is_empty()


def test_strokes_are_json_and_do_not_depend_on_the_widget_size(pad, qtbot):
    sign_name(pad)
    stored = json.loads(json.dumps(pad.strokes()))
    big = SignaturePad()
    qtbot.addWidget(big)
    big.resize(1500, 500)
    big.set_strokes(stored)
    assert big.strokes() == pad.strokes()
    assert big.ink_length() == pytest.approx(pad.ink_length())
    assert QImage.fromData(big.to_png()).size() == QImage.fromData(pad.to_png()).size()
    with pytest.raises(ValueError):
        big.set_strokes([[[0.1, 0.2]]])


# --- PNG export ------------------------------------------------------------------------------


def test_png_is_transparent_ink_cropped_to_the_signature(pad):
    sign_name(pad)
    data = pad.to_png(600)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = QImage.fromData(data)
    assert image.hasAlphaChannel() and image.width() == 600
    assert 150 < image.height() < 400  # cropped: the ink is about 2.5 times wider than tall
    w, h = image.width(), image.height()
    for x, y in ((0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1)):
        assert image.pixelColor(x, y).alpha() == 0
    ink = [
        image.pixelColor(x, y) for y in range(0, h, 3) for x in range(0, w, 3) if image.pixelColor(x, y).alpha() > 200
    ]
    assert len(ink) > 100
    assert all(c.blue() > c.red() and c.lightness() < 110 for c in ink)  # dark blue


def test_png_is_one_ink_under_the_painted_alpha(pad):
    """Issue #18.11: every pixel has the ink's own colour, the antialiased edges too (Qt's
    ARGB32 export rounded theirs a few values off), so the PDF can draw the ink under the
    alpha; the alpha is the coverage the pen painted; the PNG is in palette form."""
    sign_name(pad)
    png = pad.to_png(600)
    assert pad_alpha(png) is not None  # in palette form, which the PDF takes as it is
    image = QImage.fromData(png)
    w, h = image.width(), image.height()
    pixels = [image.pixelColor(x, y) for y in range(h) for x in range(w)]
    assert {(c.red(), c.green(), c.blue()) for c in pixels} == {(INK.red(), INK.green(), INK.blue())}
    alphas = {c.alpha() for c in pixels}
    assert 0 in alphas and 255 in alphas and len(alphas) > 50  # transparent, solid and smooth edges


def test_png_of_an_empty_pad_is_an_error(pad):
    with pytest.raises(ValueError):
        pad.to_png()


def test_png_shows_up_as_an_image_in_a_real_pdf(pad):
    sign_name(pad)
    png = pad.to_png()
    signature = SignatureDTO("王建国", SignerRole.MANAGER, dt.datetime(2025, 6, 1, 2, 30), png)
    pdf = render_store_notice(
        STORE,
        number="GS-2025-0007",
        version=3,
        language="bilingual",
        issued_at=dt.datetime(2025, 6, 1, 2, 0),
        signatures=(signature,),
    )
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert len(page.images) == 1
    size = QImage.fromData(png).size()
    xobject = next(iter(page["/Resources"]["/XObject"].values())).get_object()
    assert "/SMask" in xobject  # the transparency survived: no white box over the form
    # One ink (issue #18.11): the ink as a 1×1 image under the pad's full-size alpha.
    smask = xobject["/SMask"].get_object()
    ink = bytes((INK.red(), INK.green(), INK.blue()))
    assert (xobject["/Width"], xobject["/Height"], xobject.get_data()) == (1, 1, ink)
    assert (smask["/Width"], smask["/Height"]) == (size.width(), size.height())


# --- dialog ----------------------------------------------------------------------------------


@pytest.fixture()
def dialog(qtbot) -> SignatureDialog:
    d = SignatureDialog("王建国", SignerRole.CUSTOMER, document="门店公示信息 GS-2025-0007")
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def test_dialog_shows_who_signs_in_which_role(dialog):
    assert dialog.who.text() == f"{role_label(SignerRole.CUSTOMER)}: 王建国"
    assert "GS-2025-0007" in dialog.document.text()
    assert {role_label(r) for r in SignerRole} == {
        "Customer",
        "Sales consultant",
        "Escort",
        "Technician",
        "Manager",
        "Finance",  # issue #18.5: receipts and settlement statements
    }


def test_ok_on_an_empty_pad_shows_a_message_and_emits_nothing(dialog, qtbot):
    with qtbot.assertNotEmitted(dialog.signed):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.message.isVisible() and dialog.message.text() == dialog.pad.problem()
    assert dialog.isVisible() and dialog.capture is None
    assert not dialog.clear_button.isEnabled() and not dialog.undo_button.isEnabled()


def test_ok_on_a_dot_is_refused_too(dialog, qtbot):
    draw(dialog.pad, [at(dialog.pad, 0.5, 0.5)])
    with qtbot.assertNotEmitted(dialog.signed):
        dialog.ok_button.click()
    assert dialog.message.isVisible() and dialog.isVisible()


def test_signing_emits_a_capture_that_becomes_a_signature_dto(dialog, qtbot):
    sign_name(dialog.pad)
    assert dialog.undo_button.isEnabled()
    with qtbot.waitSignal(dialog.signed, timeout=1000) as blocker:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    capture = blocker.args[0]
    assert isinstance(capture, SignatureCapture) and capture is dialog.capture
    assert capture.signer_name == "王建国" and capture.role is SignerRole.CUSTOMER
    assert capture.signed_at.tzinfo is None  # naive UTC, as app.core.clock gives
    assert abs(dt.datetime.now(dt.UTC).replace(tzinfo=None) - capture.signed_at) < dt.timedelta(minutes=1)
    assert json.loads(json.dumps(capture.strokes_json())) == dialog.pad.strokes()
    dto = capture.to_dto()
    assert isinstance(dto, SignatureDTO) and dto.png == capture.png and dto.role == "customer"
    assert not dialog.isVisible()
    assert dialog.result() == SignatureDialog.DialogCode.Accepted


def test_clear_button_empties_the_pad_and_hides_the_message(dialog, qtbot):
    dialog.ok_button.click()
    assert dialog.message.isVisible()
    sign_name(dialog.pad)
    assert not dialog.message.isVisible()  # an acceptable signature clears the complaint
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert dialog.pad.stroke_count() == 2
    qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    assert dialog.pad.is_empty()


def test_ask_returns_none_when_cancelled(qtbot, monkeypatch):
    monkeypatch.setattr(SignatureDialog, "exec", lambda self: SignatureDialog.DialogCode.Rejected)
    assert SignatureDialog.ask(None, "李娜", "manager") is None
