"""A pad signature in a PDF (app/documents/pad_image.py, issue #18.11): a signature of one ink
is that ink as a 1×1 image under its full-size alpha (ISO 32000-1 §11.6.5.3), any other PNG a
whole RGB image under its alpha; poppler draws both the same.

The poppler tools are installed in CI (toolchain.md); a test skips, saying so, where they are not.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

from app.demo import demo_signature
from app.documents.layout import SignatureDTO, SignerRole
from app.documents.sample_notice import render_store_notice
from app.core.dto import StoreDTO

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
STORE = StoreDTO(1, "上海浦江汽车销售服务有限公司", "上海市闵行区虹梅南路 1888 号", "021-64001234", "", "", 3)
INK = (20, 32, 107)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _one_ink(size=(360, 120)) -> Image.Image:
    """INK under an alpha of solid strokes and smooth edges (black under the transparent
    pixels, as a PNG may have)."""
    alpha = Image.new("L", size, 0)
    for x in range(20, 340):
        for y in range(40, 80):
            alpha.putpixel((x, y), min(255, (y - 40) * 12, (80 - y) * 12))
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    image.paste(Image.new("RGBA", size, INK + (255,)), mask=alpha.point(lambda v: 255 if v else 0))
    image.putalpha(alpha)
    return image


def _pdf(png: bytes) -> bytes:
    signature = SignatureDTO("王建国", SignerRole.MANAGER, dt.datetime(2025, 6, 1, 2, 30), png)
    issued = dt.datetime(2025, 6, 1, 2)
    return render_store_notice(STORE, number="N-1", version=1, language="zh", issued_at=issued, signatures=(signature,))


def _image_and_mask(pdf: bytes):
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    (ref,) = page["/Resources"]["/XObject"].values()
    image = ref.get_object()
    return image, image["/SMask"].get_object()


def test_one_ink_is_a_1x1_image_under_the_full_alpha():
    png = _one_ink()
    image, mask = _image_and_mask(_pdf(_png(png)))
    assert (image["/Width"], image["/Height"], image["/ColorSpace"]) == (1, 1, "/DeviceRGB")
    assert image.get_data() == bytes(INK)
    assert (mask["/Width"], mask["/Height"], mask["/ColorSpace"]) == (360, 120, "/DeviceGray")
    assert mask.get_data() == png.getchannel("A").tobytes()


def test_a_signature_of_two_colours_keeps_its_rgb_image():
    png = _one_ink()
    png.putpixel((100, 60), (200, 0, 0, 255))
    image, mask = _image_and_mask(_pdf(_png(png)))
    assert (image["/Width"], image["/Height"]) == (360, 120)
    assert image.get_data() == png.convert("RGB").tobytes()
    assert mask.get_data() == png.getchannel("A").tobytes()


def test_the_golden_and_demo_signatures_are_one_ink():
    """The signatures the tests and the bench draw are one ink, as the pad's are."""
    for png in ((GOLDEN / "signature_manager.png").read_bytes(), demo_signature(1)[1], demo_signature(2)[1]):
        assert _image_and_mask(_pdf(png))[0]["/Width"] == 1


def _page(pdf: bytes, tmp_path: Path, name: str) -> Image.Image:
    tool = shutil.which("pdftoppm")
    if tool is None:
        pytest.skip("pdftoppm not installed (Debian: apt-get install poppler-utils)")
    src = tmp_path / f"{name}.pdf"
    src.write_bytes(pdf)
    subprocess.run([tool, "-r", "150", "-png", "-singlefile", str(src), str(tmp_path / name)], check=True)
    return Image.open(tmp_path / f"{name}.png").convert("RGB")


def test_poppler_draws_the_ink_as_the_whole_image(tmp_path):
    """The same signature, once as one ink and once with a near-invisible pixel of another
    colour (alpha 1, so a whole RGB image): the pages differ by at most one level."""
    one = _one_ink()
    one.paste(Image.new("RGBA", one.size, INK + (0,)), mask=ImageChops.invert(one.getchannel("A")))
    two = one.copy()
    two.putpixel((5, 5), (255, 0, 0, 1))
    assert [_image_and_mask(_pdf(_png(png)))[0]["/Width"] for png in (one, two)] == [1, 360]
    drawn = ImageChops.difference(_page(_pdf(_png(one)), tmp_path, "one"), _page(_pdf(_png(two)), tmp_path, "two"))
    assert max(high for _, high in drawn.getextrema()) <= 1
