"""A pad signature drawn into a PDF (app/documents/layout.py signature boxes): the pad's PNG as
an RGB image with its alpha as a soft mask, as reportlab's `Image(..., mask="auto")` draws it,
made cheaper (issue #18.11, speed).

reportlab names an image by the MD5 of its decoded pixels (480 kB for a 600×200 pad) and
deflates them at zlib's default level, which is slow on a signature's long runs of empty
pixels: about 14 ms of CPU a signature, a contract has two. Here the PNG's own bytes name it
(the same image is still embedded once and drawn wherever it recurs) and the pixels are
deflated at level 1: about a third of the time, ~7 kB more a signature. The page shows the
same pixels.

The pad draws in one ink (ui/widgets/signature_ink.py): every pixel that shows has the same
colour, only its alpha varies. Such a signature is embedded as a 1×1 image of the ink with the
alpha as its full-size soft mask, which ISO 32000-1 §11.6.5.3 allows (the soft mask and its
image are each mapped onto the unit square, whatever their sizes): one deflate of the alpha
(120 kB for a 600×200 pad) instead of that and the 360 kB of RGB. Each pixel is drawn as
before, ink × alpha over the page. A PNG of more than one colour is embedded as a whole RGB
image with its soft mask, as before.

The pad's own PNG is that one ink in palette form, whose image data is already the soft mask's
stream (app/documents/pad_png.py): it is copied into the PDF as it is, with no decode and no
deflate at all.
"""

from __future__ import annotations

import hashlib
import io
import zlib

from PIL import Image as PILImage
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFImageXObject, PDFName, PDFStream
from reportlab.platypus import Flowable

from app.documents.pad_png import pad_alpha
from app.documents.pdf_templates import filled, stream, template

LEVEL = 1  # zlib level of the pixels (see the module docstring)


_HEADS: dict[tuple, tuple[bytes, ...]] = {}  # each kind of image's dictionary, formatted once
_SIZES = ("Width", "Height", "Columns", "Length", "SMask")


def _head(kind: tuple, entries: dict, document, values: dict) -> bytes:
    """An image's dictionary as reportlab formats it, from a template per `kind` of image
    (issue #18.11: ~50 µs an image; its sizes, length and soft mask filled in)."""
    pieces = _HEADS.get(kind)
    if pieces is None:
        pieces = _HEADS[kind] = template(entries, document, _SIZES)
    return filled(pieces, document, values)


class _Image(PDFImageXObject):
    """reportlab's image XObject, its dictionary formatted from a template (`_head`)."""

    def format(self, document):
        content, smask = self.streamContent, getattr(self, "smask", None)
        decode = tuple(self._decode) if getattr(self, "_decode", None) else None
        if self.mask or self.colorSpace == "DeviceCMYK" or isinstance(content, str):
            return super().format(document)  # what this module never makes: reportlab's own way
        entries = {
            "Type": PDFName("XObject"), "Subtype": PDFName("Image"), "Width": self.width, "Height": self.height,
            "BitsPerComponent": self.bitsPerComponent, "ColorSpace": PDFName(self.colorSpace),
            "Filter": PDFArray(list(map(PDFName, self._filters))), "Length": len(content),
        }  # fmt: skip
        if decode:
            entries["Decode"] = PDFArray(list(decode))
        if smask:
            entries["SMask"] = smask
        kind = ("image", self.bitsPerComponent, self.colorSpace, decode, tuple(self._filters), bool(smask))
        values = {"Width": self.width, "Height": self.height, "Length": len(content), "SMask": smask}
        out = stream(_head(kind, entries, document, values), content, document)
        return super().format(document) if out is None else out


def _xobject(name: str, width: int, height: int, color_space: str, pixels: bytes) -> PDFImageXObject:
    image = _Image(name)  # no source: the fields are set here
    image.width, image.height, image.bitsPerComponent = width, height, 8
    image.colorSpace = color_space
    image._filters = ("FlateDecode",)
    image.streamContent = zlib.compress(pixels, LEVEL)
    image.mask = None
    return image


class _PngRows(PDFImageXObject):
    """A soft mask whose stream is a PNG's image data as it is: deflated rows, each led by its
    PNG filter byte, read through the PNG predictors (ISO 32000-1 §7.4.4.4, /Predictor 15)."""

    def __init__(self, name: str, width: int, height: int, rows: bytes) -> None:
        super().__init__(name)  # no source: the fields are set here
        self.width, self.height, self.streamContent = width, height, rows

    def format(self, document):
        content = self.streamContent
        parms = {"Predictor": 15, "Colors": 1, "BitsPerComponent": 8, "Columns": self.width}
        entries = {
            "Type": PDFName("XObject"),
            "Subtype": PDFName("Image"),
            "Width": self.width,
            "Height": self.height,
            "BitsPerComponent": 8,
            "ColorSpace": PDFName("DeviceGray"),
            "Filter": PDFName("FlateDecode"),  # a name: poppler reads a dictionary of parameters
            "DecodeParms": PDFDictionary(parms),  # only for a single filter, not an array of one
            "Length": len(content),
        }
        values = {"Width": self.width, "Height": self.height, "Columns": self.width, "Length": len(content)}
        out = stream(_head(("png rows",), entries, document, values), content, document)
        if out is None:  # an encrypted PDF: reportlab's stream encrypts the content
            plain = PDFStream(content=content)
            plain.dictionary.dict.update(entries)
            return plain.format(document)
        return out


def _one_ink(im: PILImage.Image, alpha: PILImage.Image) -> bytes | None:
    """The RGB of every pixel that shows (alpha > 0) when it is one colour, else None: the
    histogram of those pixels (one pass in C) has one value in each of R, G and B."""
    counts = im.histogram(mask=alpha)
    ink = []
    for band in range(3):
        shown = [value for value, n in enumerate(counts[256 * band : 256 * (band + 1)]) if n]
        if len(shown) != 1:
            return None
        ink.append(shown[0])
    return bytes(ink)


def _objects(png: bytes, name: str) -> tuple[PDFImageXObject, PDFImageXObject | None]:
    """The image, and its soft mask when the PNG has transparency (a 1×1 image of the ink
    when all that shows is one colour: see the module docstring)."""
    pad = pad_alpha(png)
    if pad is not None:
        return _xobject(name, 1, 1, "DeviceRGB", pad.ink), _PngRows(name + "a", pad.width, pad.height, pad.rows)
    im: PILImage.Image = PILImage.open(io.BytesIO(png))
    if im.mode not in ("RGB", "RGBA"):
        im = im.convert("RGBA" if "A" in im.mode or "transparency" in im.info else "RGB")
    if im.mode != "RGBA":
        return _xobject(name, im.width, im.height, "DeviceRGB", im.tobytes()), None
    alpha = im.getchannel("A")
    ink = _one_ink(im, alpha)
    if ink is None:
        image = _xobject(name, im.width, im.height, "DeviceRGB", im.convert("RGB").tobytes())
    else:
        image = _xobject(name, 1, 1, "DeviceRGB", ink)
    mask = _xobject(name + "a", im.width, im.height, "DeviceGray", alpha.tobytes())
    mask._decode = [0, 1]
    return image, mask


class PadImage(Flowable):
    """The pad's PNG drawn `width` × `height` points; raises what PIL raises for junk bytes
    when drawn (layout.py checks the image before it makes one)."""

    def __init__(self, png: bytes, width: float, height: float) -> None:
        super().__init__()
        self.png, self.drawWidth, self.drawHeight = png, width, height
        self.hAlign = "CENTER"  # as reportlab's Image

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab API
        return self.drawWidth, self.drawHeight

    def draw(self) -> None:
        canv, doc = self.canv, self.canv._doc
        name = "pad" + hashlib.md5(self.png, usedforsecurity=False).hexdigest()
        registered = doc.getXObjectName(name)
        if doc.idToObject.get(registered) is None:  # first time in this PDF (as canvas.drawImage)
            image, mask = _objects(self.png, name)
            canv._setXObjects(image)
            doc.Reference(image, registered)
            doc.addForm(name, image)
            if mask is not None:
                canv._setXObjects(mask)
                image.smask = doc.Reference(mask, doc.getXObjectName(mask.name))
        canv._currentPageHasImages = 1
        canv.saveState()
        canv.scale(self.drawWidth, self.drawHeight)
        canv._code.append(f"/{registered} Do")
        canv.restoreState()
        canv._formsinuse.append(name)
