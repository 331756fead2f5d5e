"""PDF rendering: CJK text survives (pdftotext), fonts are embedded (pdffonts), page x of y,
signature images, golden bytes in invariant mode, and a clear error when no CJK font exists.

The poppler tools are installed in CI (toolchain.md); a test skips, saying so, where they are not.
Golden file: SHOWROOM_UPDATE_GOLDEN=1 pytest tests/unit/test_documents_render.py rewrites it.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.documents.fonts import (
    ENV_VAR,
    FontCandidate,
    FontConfig,
    check_fonts,
    load_config,
    parse_override,
    register_fonts,
)
from app.documents.layout import DocumentMeta, SignatureDTO, SignerRole, Text, numbered, render_flowing, signature_block
from app.documents.sample_notice import render_store_notice
from app.core.errors import ShowroomError
from app.core.dto import StoreDTO

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
WQY = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
ISSUED = dt.datetime(2025, 6, 1, 2, 0)  # naive UTC = 10:00 in Shanghai
STORE = StoreDTO(
    1,
    "上海浦江汽车销售服务有限公司",
    "上海市闵行区虹梅南路 1888 号 A&B <展厅>",
    "021-64001234",
    "021-64005678",
    "https://pujiang-4s.example.cn",
    3,
)


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} not installed (Debian: apt-get install poppler-utils)")
    return path


def pdftotext(pdf: bytes, tmp_path: Path, page: int | None = None) -> str:
    src = tmp_path / "doc.pdf"
    src.write_bytes(pdf)
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run([tool("pdftotext"), *pages, str(src), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def signature(role=SignerRole.MANAGER, name="王建国") -> SignatureDTO:
    png = (GOLDEN / "signature_manager.png").read_bytes()
    return SignatureDTO(name, role, dt.datetime(2025, 6, 1, 2, 30), png)


def notice(language: str, **kw) -> bytes:
    kw.setdefault("signatures", [signature()])
    return render_store_notice(STORE, number="GS-2025-0007", version=3, language=language, issued_at=ISSUED, **kw)


# --- text and language --------------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh", "en", "bilingual"])
def test_store_notice_text_reads_back(language, tmp_path):
    text = pdftotext(notice(language), tmp_path)
    # User data is escaped, not parsed as markup: "&" and "<展厅>" survive.
    for value in (
        STORE.legal_name,
        "A&B <展厅>",
        "021-64001234",
        "021-64005678",
        "12345",
        STORE.website,
        "GS-2025-0007",
        "王建国",
        "2025-06-01 10:30",
    ):
        assert value in text, value
    zh, en = "投诉电话" in text, "Complaint phone" in text
    expected = {"zh": (True, False), "en": (False, True), "bilingual": (True, True)}
    assert (zh, en) == expected[language]
    if language != "en":
        assert "第 1 / 1 页" in text and "文件编号" in text and "门店公示信息" in text
    if language != "zh":
        assert "Page 1 of 1" in text and "Store information notice" in text


def test_store_notice_cites_the_complaint_channels_4_1_3_5_and_4_5_2_1(tmp_path):
    text = pdftotext(notice("zh"), tmp_path)
    # 4.1.3.5: complaint phone and website shown; 3.15: Shanghai 12345; 3.17: 72-hour reply
    assert "上海市民服务热线" in text and "72小时" in text and "4.5.2.1" in text


def test_issue_date_is_printed_in_shanghai_time(tmp_path):
    pdf = render_store_notice(
        STORE, number="N1", version=1, language="en", issued_at=dt.datetime(2025, 6, 1, 18, 0)
    )  # 02:00 next day
    assert "Issued: 2025-06-02" in pdftotext(pdf, tmp_path)


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        notice("fr")


# --- fonts --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh", "en", "bilingual"])
def test_only_embedded_fonts_no_helvetica(language, tmp_path):
    src = tmp_path / "doc.pdf"
    src.write_bytes(notice(language))
    out = subprocess.run([tool("pdffonts"), str(src)], capture_output=True, text=True, check=True)
    rows = out.stdout.splitlines()[2:]
    assert rows, out.stdout
    for row in rows:
        # columns: name type encoding emb sub uni id gen -> emb is 5th from the end
        assert row.split()[-5] == "yes", f"unembedded font: {row}"
    assert "Helvetica" not in out.stdout


def test_fonts_config_lists_wenquanyi_first():
    assert load_config().candidates[0] == FontCandidate(WQY, 0)


def test_check_fonts_is_cheap_and_finds_the_font():
    path = check_fonts(environ={})
    assert path.exists()
    assert check_fonts(environ={}, thorough=True) == register_fonts(environ={}).path


def test_missing_override_font_is_a_clear_error(tmp_path):
    missing = tmp_path / "nope.ttc"
    with pytest.raises(ShowroomError) as e:
        register_fonts(environ={ENV_VAR: f"{missing},0"})
    assert e.value.code == "cjk_font_missing"
    assert e.value.params["searched"] == [str(missing)]
    with pytest.raises(ShowroomError, match="cjk_font_missing"):
        check_fonts(environ={ENV_VAR: str(missing)})


def test_no_usable_candidate_is_cjk_font_missing_with_reasons(tmp_path):
    cff = tmp_path / "NotoSansCJK-Regular.otf"
    # An OpenType/CFF table directory: what Noto Sans CJK looks like to the cheap check.
    cff.write_bytes(b"OTTO" + struct.pack(">HHHH", 1, 16, 0, 0) + b"CFF " + bytes(12))
    config = FontConfig((FontCandidate(tmp_path / "absent.ttc"), FontCandidate(cff)))
    with pytest.raises(ShowroomError) as e:
        register_fonts(config, environ={})
    assert e.value.code == "cjk_font_missing"
    assert e.value.params["searched"] == [str(tmp_path / "absent.ttc"), str(cff)]
    assert "not found" in e.value.params["reasons"][str(tmp_path / "absent.ttc")]
    assert "TrueType" in e.value.params["reasons"][str(cff)]


def test_font_without_chinese_is_rejected():
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not dejavu.exists():
        pytest.skip("DejaVuSans.ttf not installed")
    with pytest.raises(ShowroomError) as e:
        register_fonts(FontConfig((FontCandidate(dejavu),)), environ={})
    assert "lacks characters" in e.value.params["reasons"][str(dejavu)]


def test_config_file_relative_paths_and_env_override(tmp_path):
    (tmp_path / "fonts.json").write_text(
        '{"candidates": [{"path": "bundled/cjk.ttf"}, {"path": "%s", "subfont_index": 0}]}' % WQY.as_posix(),
        encoding="utf-8",
    )
    config = load_config(tmp_path / "fonts.json")
    assert config.candidates[0].path == tmp_path / "bundled" / "cjk.ttf"
    if WQY.exists():
        assert register_fonts(config, environ={}).path == WQY
        assert register_fonts(environ={ENV_VAR: f"{WQY},0"}).path == WQY


def test_broken_config_is_font_config_invalid(tmp_path):
    (tmp_path / "fonts.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ShowroomError, match="font_config_invalid"):
        load_config(tmp_path / "fonts.json")


@pytest.mark.parametrize(
    "value, expected",
    [
        ("C:/Windows/Fonts/msyh.ttc,1", FontCandidate(Path("C:/Windows/Fonts/msyh.ttc"), 1)),
        ("/fonts/a,b.ttf", FontCandidate(Path("/fonts/a,b.ttf"), 0)),
        (" /fonts/x.ttc , 2 ", FontCandidate(Path("/fonts/x.ttc"), 2)),
    ],
)
def test_parse_override(value, expected):
    assert parse_override(value) == expected


# --- pages, signatures, golden ------------------------------------------------------------


def _long_meta(language="bilingual") -> DocumentMeta:
    return DocumentMeta("test_long", "T-0001", 2, language, ISSUED, STORE, Text("长文件", "Long"))


def _long_story(ctx):
    para = Text("第{}段：试乘试驾前请出示有效驾驶证。", "Paragraph {}: show a valid licence first.")
    story = []
    for i in range(1, 41):
        story += ctx.paragraphs(Text(para.zh.format(i), para.en.format(i)))
    return story


def test_two_page_document_numbers_every_page(tmp_path):
    pdf = render_flowing(_long_meta(), _long_story)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 2
    for page in (1, 2):
        text = pdftotext(pdf, tmp_path, page)
        assert f"第 {page} / 2 页" in text and f"Page {page} of 2" in text
        assert "文件编号 No. T-0001" in text and "版本 v2" in text
        assert STORE.legal_name in text and "021-64005678" in text  # header on every page


def _page_images(pdf: bytes) -> list[tuple[int, int, bool]]:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    xobjects = page["/Resources"].get("/XObject", {})
    found = []
    for ref in xobjects.values():
        obj = ref.get_object()
        if obj["/Subtype"] == "/Image":
            found.append((int(obj["/Width"]), int(obj["/Height"]), "/SMask" in obj))
    return found


def test_signature_png_is_drawn_with_its_transparency():
    assert _page_images(notice("bilingual", signatures=())) == []
    # 360x120 RGBA of one ink: the ink as a 1x1 image, under its alpha as a 360x120 soft mask
    # (tests/unit/test_pad_image.py).
    assert _page_images(notice("bilingual")) == [(1, 1, True)]


def test_several_signers_each_get_a_box(tmp_path):
    sigs = [
        signature(SignerRole.CUSTOMER, "李雷"),
        signature(SignerRole.CONSULTANT, "韩梅梅"),
        signature(SignerRole.ESCORT, "张伟"),
    ]
    pdf = render_flowing(_long_meta("zh"), lambda ctx: [signature_block(ctx, sigs)])
    text = pdftotext(pdf, tmp_path)
    for label in ("客户", "销售顾问", "陪同人员", "李雷", "韩梅梅", "张伟"):
        assert label in text
    assert len(_page_images(pdf)) == 1  # the same PNG is embedded once and drawn three times


def test_junk_signature_image_is_signature_image_invalid():
    bad = SignatureDTO("王建国", SignerRole.MANAGER, ISSUED, b"not a png")
    with pytest.raises(ShowroomError) as e:
        notice("zh", signatures=[bad])
    assert e.value.code == "signature_image_invalid"
    assert e.value.params == {"signer": "王建国", "role": "manager"}


def test_invariant_renders_are_identical():
    assert notice("bilingual", invariant=True) == notice("bilingual", invariant=True)


def test_a_paragraph_taller_than_a_page_reads_the_same_every_time(tmp_path):
    """Issue #18.11: a paragraph's layout is kept per process for the same text and style; a
    paragraph split over pages gets lines of its own, so the next document is not changed."""
    clause = Text("试乘试驾前请出示有效驾驶证，" * 400 + "完。", "Show a valid licence first, " * 300 + "end.")

    def story(ctx):  # a numbered clause: both languages in one paragraph of several fragments
        return ctx.paragraphs(Text("开头", "Start")) + numbered(ctx, [clause]) + ctx.paragraphs(Text("结尾", "End"))

    first, again = (render_flowing(_long_meta(), story, invariant=True) for _ in range(2))
    assert first == again and len(PdfReader(io.BytesIO(first)).pages) >= 3
    assert "结尾" in pdftotext(again, tmp_path, len(PdfReader(io.BytesIO(again)).pages))


def test_preformatted_text_keeps_its_spaces_beside_the_same_paragraph():
    """The per-process layout is for plain paragraphs: preformatted text is never given a
    paragraph's collapsed spaces."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph
    from reportlab.platypus.xpreformatted import XPreformatted

    style = ParagraphStyle("plain")
    assert [f.text for f in Paragraph("VIN   LSV", style).frags] == ["VIN LSV"]
    assert [f.text for f in XPreformatted("VIN   LSV", style).frags] == ["VIN   LSV"]


def test_golden_store_notice_bilingual():
    golden = GOLDEN / "store_notice_bilingual.pdf"
    fonts = register_fonts()
    if fonts.path != WQY:
        pytest.skip(f"golden bytes are for {WQY}; this machine renders with {fonts.path}")
    pdf = notice("bilingual", invariant=True)
    if os.environ.get("SHOWROOM_UPDATE_GOLDEN") == "1":
        golden.write_bytes(pdf)
    if not golden.exists():
        pytest.fail(f"{golden} is missing: generate it with SHOWROOM_UPDATE_GOLDEN=1")
    import reportlab

    assert pdf == golden.read_bytes(), (
        f"store notice differs from {golden} (reportlab {reportlab.Version}). If the change "
        "is intended, look at the new PDF, then rerun with SHOWROOM_UPDATE_GOLDEN=1."
    )


def test_importing_documents_does_not_load_pyhanko():
    code = (
        "import sys, app.documents.signing, app.documents.sample_notice\n"
        "print(sorted(m for m in sys.modules if m.startswith('pyhanko')))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
