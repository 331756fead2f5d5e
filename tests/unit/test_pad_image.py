"""A pad signature in a PDF (app/documents/pad_image.py, pad_png.py; issue #18.11): a signature
of one ink is that ink as a 1×1 image under its full-size alpha (ISO 32000-1 §11.6.5.3), the
alpha copied from the pad's palette PNG as it is; any other PNG is a whole RGB image under its
alpha; poppler draws them all the same.

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
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName
from pypdf import PdfReader

from app.demo import demo_signature
from app.documents.layout import SignatureDTO, SignerRole
from app.documents.pad_png import pad_alpha
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


def _palette(image: Image.Image) -> bytes:
    """`image` (one ink under its alpha) in the pad's palette form: index = alpha."""
    indexed = image.getchannel("A").convert("P")
    indexed.putpalette(image.getpixel((0, 0))[:3] * 256)
    out = io.BytesIO()
    indexed.save(out, format="PNG", transparency=bytes(range(256)))
    return out.getvalue()


def test_the_pads_palette_png_goes_in_as_it_is():
    """The PNG's image data is the soft mask's stream, read through the PNG predictors."""
    png = demo_signature(1)[1]
    assert pad_alpha(png) is not None
    image, mask = _image_and_mask(_pdf(png))
    assert (image["/Width"], image["/Height"], image.get_data()) == (1, 1, bytes(INK))
    assert mask._data == pad_alpha(png).rows  # the bytes of the PNG's IDAT, not deflated again
    assert mask["/DecodeParms"] == {"/Predictor": 15, "/Colors": 1, "/BitsPerComponent": 8, "/Columns": 600}
    assert mask.get_data() == Image.open(io.BytesIO(png)).convert("RGBA").getchannel("A").tobytes()


def test_a_palette_png_of_two_colours_or_another_alpha_is_decoded():
    one = _one_ink()
    one.paste(Image.new("RGBA", one.size, INK + (0,)), mask=ImageChops.invert(one.getchannel("A")))
    png = _palette(one)
    assert pad_alpha(png) is not None
    two = Image.open(io.BytesIO(png))
    two.putpalette(INK * 255 + (200, 0, 0))
    assert pad_alpha(_png(two)) is None
    other = Image.open(io.BytesIO(png))
    other.info["transparency"] = bytes(range(255, -1, -1))
    assert pad_alpha(_png(other)) is None
    assert pad_alpha(png[:-30] + png[-29:]) is None  # a byte less in the image data: its CRC fails


def test_poppler_draws_the_palette_form_as_the_same_pixels(tmp_path):
    """The pad's palette PNG (its rows copied) and the RGBA PNG of the same pixels (1×1 ink
    under an alpha deflated here) draw the same page, to the pixel."""
    one = _one_ink()
    one.paste(Image.new("RGBA", one.size, INK + (0,)), mask=ImageChops.invert(one.getchannel("A")))
    palette, rgba = _pdf(_palette(one)), _pdf(_png(one))
    assert "/DecodeParms" in _image_and_mask(palette)[1] and "/DecodeParms" not in _image_and_mask(rgba)[1]
    drawn = ImageChops.difference(_page(palette, tmp_path, "palette"), _page(rgba, tmp_path, "rgba"))
    assert drawn.getbbox() is None


@pytest.mark.parametrize("kind", ["palette", "one ink", "two colours"])
def test_an_images_dictionary_is_formatted_as_reportlab_formats_it(kind):
    """pad_image formats its images' dictionaries from a template per kind of image (issue
    #18.11): the objects are byte for byte those reportlab's PDFStream writes."""
    from reportlab.pdfbase.pdfdoc import PDFDocument, PDFImageXObject, PDFStream

    from app.documents import pad_image

    png = {
        "palette": demo_signature(2)[1],
        "one ink": _png(_one_ink()),
        "two colours": _png(Image.new("RGBA", (40, 20), (200, 0, 0, 255))),
    }[kind]
    for _ in range(2):  # the second time from the template
        doc = PDFDocument()
        image, mask = pad_image._objects(png, "pad1")
        if mask is not None:
            image.smask = doc.Reference(mask, "FormXob.pad1a")
        ours = [o.format(doc) for o in (image, mask) if o is not None]
        if isinstance(mask, pad_image._PngRows):
            plain = PDFStream(content=mask.streamContent)
            parms = {"Predictor": 15, "Colors": 1, "BitsPerComponent": 8, "Columns": mask.width}
            plain.dictionary.dict.update(
                Type=PDFName("XObject"), Subtype=PDFName("Image"), Width=mask.width, Height=mask.height,
                BitsPerComponent=8, ColorSpace=PDFName("DeviceGray"), Filter=PDFName("FlateDecode"),
                DecodeParms=PDFDictionary(parms), Length=len(mask.streamContent),
            )  # fmt: skip
            theirs = [PDFImageXObject.format(image, doc), plain.format(doc)]
        else:
            theirs = [PDFImageXObject.format(o, doc) for o in (image, mask) if o is not None]
        assert ours == theirs
    assert pad_image._HEADS  # the templates were used
