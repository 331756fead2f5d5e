"""Issue #15.5: a signed document changed after signing never verifies as intact.

Each kind of tampering an auditor tried is made here with the tools an attacker would use
(pyHanko's incremental writer, pypdf) on a document the store really issued, then checked
with `showroom admin verify-document`: its exit code and the change it names. Documents
are certified with DocMDP "no changes" (ISO 32000-1 §12.8.2.2), so every later revision is
reported; a change that shows nothing gets its own verdict, never "unchanged".
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from app.documents import documents
from db.models import Role
from tests.admin_cli import admin_cli
from tests.factories import isolated_data_dir, make_user, signature_capture  # noqa: F401
from tests.integration.test_cli import ready, run  # noqa: F401

pytestmark = pytest.mark.usefixtures("isolated_data_dir")

# Exit codes of verify-document, one per verdict (README, "showroom admin").
INTACT, MODIFIED, CHANGED_UNSEEN, SUPERSEDED_OR_VOIDED = 0, 1, 3, 4


@pytest.fixture()
def manager(uow, ready):  # noqa: F811 - `ready` is the store with an admin, from test_cli
    return make_user(uow, Role.SALES_MANAGER, full_name="周建国")


@pytest.fixture()
def notice(uow, manager):
    return documents.issue_store_notice(uow(), actor=manager, language="bilingual", signatures=[signature_capture()])


@pytest.fixture()
def signed(uow, manager, notice) -> bytes:
    return documents.get_document_bytes(uow(), actor=manager, document_id=notice.id)


def verify(data: bytes, url: str, tmp_path: Path, capsys) -> tuple[int, str]:
    """`showroom admin verify-document` on `data`, in process: (exit code, stdout).
    The one place CLI credentials go: it signs in as the `ready` store's "root" administrator
    (tests/admin_cli.py, issue #15.9)."""
    path = tmp_path / "brought-back.pdf"
    path.write_bytes(data)
    code = admin_cli("verify-document", str(path), "--database-url", url)
    return code, capsys.readouterr().out


def incremental(signed: bytes, change) -> bytes:
    """One incremental update made with pyHanko, as a forger would append it."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _price_appearance(writer):
    """A form XObject that paints a white box and a new price over the old text."""
    from pyhanko.pdf_utils import generic

    font = generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Font"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/Type1"),
            generic.pdf_name("/BaseFont"): generic.pdf_name("/Helvetica"),
        }
    )
    stream = generic.StreamObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/XObject"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/Form"),
            generic.pdf_name("/BBox"): generic.ArrayObject(map(generic.NumberObject, (0, 0, 240, 40))),
            generic.pdf_name("/Resources"): generic.DictionaryObject(
                {generic.pdf_name("/Font"): generic.DictionaryObject({generic.pdf_name("/F1"): font})}
            ),
        },
        stream_data=b"1 1 1 rg 0 0 240 40 re f 0 0 0 rg BT /F1 24 Tf 4 10 Td (Price: 1 RMB) Tj ET",
    )
    return writer.add_object(stream)


def add_signature_field_painting_a_price(writer) -> None:
    """The auditor's attack: an empty signature field whose appearance is a new price."""
    from pyhanko.pdf_utils import generic
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    append_signature_field(writer, SigFieldSpec("Approval", box=(60, 700, 300, 740)))
    fields = writer.root["/AcroForm"]["/Fields"]
    field_ref = next(f for f in fields if f.get_object().get("/T") == "Approval")
    field = field_ref.get_object()
    field["/AP"] = generic.DictionaryObject({generic.pdf_name("/N"): _price_appearance(writer)})
    writer.update_container(field)


def add_free_text_annotation(writer) -> None:
    from pyhanko.pdf_utils import generic

    page_ref, _ = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    annot = writer.add_object(
        generic.DictionaryObject(
            {
                generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
                generic.pdf_name("/Subtype"): generic.pdf_name("/FreeText"),
                generic.pdf_name("/Rect"): generic.ArrayObject(map(generic.NumberObject, (60, 600, 300, 640))),
                generic.pdf_name("/Contents"): generic.TextStringObject("已全额退款"),
                generic.pdf_name("/DA"): generic.TextStringObject("/Helv 12 Tf 0 g"),
                generic.pdf_name("/AP"): generic.DictionaryObject({generic.pdf_name("/N"): _price_appearance(writer)}),
            }
        )
    )
    annots = page.get("/Annots")
    annots = annots.get_object() if annots is not None else generic.ArrayObject()
    annots.append(annot)
    page["/Annots"] = annots
    writer.update_container(page)


def set_info(**entries):
    def change(writer) -> None:
        from pyhanko.pdf_utils import generic

        new = generic.DictionaryObject(dict(writer.trailer["/Info"]))  # keep the other keys
        for key, value in entries.items():
            new[generic.pdf_name("/" + key)] = generic.TextStringObject(value)
        writer.set_info(new)

    return change


def test_issued_document_is_certified_and_verifies_intact(
    ready,
    signed,
    notice,
    tmp_path,  # noqa: F811
    capsys,
):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import MDPPerm
    from pyhanko.sign.validation import read_certification_data

    # ISO 32000-1 §12.8.2.2: certified, DocMDP P=1, so viewers too flag any later change.
    certification = read_certification_data(PdfFileReader(io.BytesIO(signed)))
    assert certification is not None and certification.permission == MDPPerm.NO_CHANGES
    code, out = verify(signed, ready, tmp_path, capsys)
    assert code == INTACT and "brought-back.pdf: intact" in out, out
    assert f"archived as: {notice.number} version 1" in out


def test_signature_field_painting_a_new_price_is_modified(
    ready,
    signed,
    notice,
    tmp_path,  # noqa: F811
    capsys,
):
    forged = incremental(signed, add_signature_field_painting_a_price)
    code, out = verify(forged, ready, tmp_path, capsys)
    assert code == MODIFIED and "brought-back.pdf: modified" in out, out
    assert "changed:     page 1: annotation added (Widget)" in out
    # The signed original is still found: the first revision is the archived file.
    assert f"signed original archived as: {notice.number} version 1" in out
    if exe := shutil.which("pdfsig"):  # poppler agrees the signature is not the whole file
        (tmp_path / "forged.pdf").write_bytes(forged)
        report = subprocess.run([exe, str(tmp_path / "forged.pdf")], capture_output=True, text=True, check=False)
        assert "not total document signed" in (report.stdout + report.stderr).lower()


def test_changed_title_alone_is_modified(ready, signed, tmp_path, capsys):  # noqa: F811
    code, out = verify(incremental(signed, set_info(Title="退款确认书")), ready, tmp_path, capsys)
    assert code == MODIFIED and ": modified" in out, out
    assert "changed:     document title changed" in out


def test_added_annotation_is_modified_and_named(ready, signed, tmp_path, capsys):  # noqa: F811
    code, out = verify(incremental(signed, add_free_text_annotation), ready, tmp_path, capsys)
    assert code == MODIFIED, out
    assert "changed:     page 1: annotation added (FreeText)" in out


def test_metadata_only_update_has_its_own_verdict(ready, signed, tmp_path, capsys):  # noqa: F811
    code, out = verify(incremental(signed, set_info(Producer="Some PDF editor")), ready, tmp_path, capsys)
    assert code == CHANGED_UNSEEN and ": changed: " in out and "unchanged" not in out, out
    line = next(x for x in out.splitlines() if "document metadata changed" in x)
    assert "Producer" in line and line.startswith("  changed:     document metadata changed (")
    assert "document title changed" not in out


def test_bytes_after_eof_have_their_own_verdict(ready, signed, notice, tmp_path, capsys):  # noqa: F811
    code, out = verify(signed + b"\n% appended after signing\n", ready, tmp_path, capsys)
    assert code == CHANGED_UNSEEN and ": changed: " in out, out
    assert "changed:     bytes appended after the end of the signed file" in out
    assert f"signed original archived as: {notice.number} version 1" in out


def test_pypdf_incremental_annotation_is_modified(ready, signed, tmp_path, capsys):  # noqa: F811
    from pypdf import PdfWriter
    from pypdf.annotations import FreeText

    writer = PdfWriter(io.BytesIO(signed), incremental=True)
    writer.add_annotation(0, FreeText(text="Price: 1 RMB", rect=(60, 600, 300, 640)))
    out_buf = io.BytesIO()
    writer.write(out_buf)
    forged = out_buf.getvalue()
    assert forged.startswith(signed)  # really an incremental update
    code, out = verify(forged, ready, tmp_path, capsys)
    assert code == MODIFIED, out
    assert "changed:     page 1: annotation added (FreeText)" in out


def test_pypdf_full_rewrite_breaks_the_signature(ready, signed, tmp_path, capsys):  # noqa: F811
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=io.BytesIO(signed))
    writer.add_metadata({"/Title": "rewritten"})
    out_buf = io.BytesIO()
    writer.write(out_buf)
    code, out = verify(out_buf.getvalue(), ready, tmp_path, capsys)
    assert code == MODIFIED and ": modified" in out, out
    assert "changed:     the signed bytes no longer match the signature" in out


def test_superseded_version_exits_non_zero_and_names_its_replacement(
    uow, ready, manager, notice, signed, tmp_path, capsys
):  # noqa: F811
    documents.issue_store_notice(
        uow(),
        actor=manager,
        language="bilingual",
        signatures=[signature_capture()],
        replaces=notice.number,
        reason="门店电话变更",
    )
    code, out = verify(signed, ready, tmp_path, capsys)
    assert code == SUPERSEDED_OR_VOIDED and ": superseded" in out, out
    assert f"archived as: {notice.number} version 1 (VOIDED since, replaced by version 2)" in out


def test_voided_version_exits_non_zero(
    uow,
    ready,
    manager,
    notice,
    signed,
    tmp_path,  # noqa: F811
    capsys,
):
    documents.void_document(uow(), actor=manager, document_id=notice.id, reason="发错了")
    code, out = verify(signed, ready, tmp_path, capsys)
    assert code == SUPERSEDED_OR_VOIDED and ": voided" in out, out
    assert f"archived as: {notice.number} version 1 (VOIDED since)" in out


def test_tampered_file_in_a_subprocess_prints_no_traceback(ready, signed, tmp_path):  # noqa: F811
    """pyHanko logs its diff-analysis failures with tracebacks; they go to the log file."""
    path = tmp_path / "forged.pdf"
    path.write_bytes(incremental(signed, add_signature_field_painting_a_price))
    out = run("verify-document", str(path), "--database-url", ready, tmp_path=tmp_path)
    assert out.returncode == MODIFIED, out.stdout + out.stderr
    assert "page 1: annotation added (Widget)" in out.stdout
    assert out.stderr == ""
