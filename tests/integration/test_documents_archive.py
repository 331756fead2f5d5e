"""The document archive (issue #3): issue, reprint identical bytes, numbering under
concurrency, void and replace, the print ledger, immutability enforced by the database
itself (raw SQL on SQLite and PostgreSQL), and verification of intact and tampered files."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import subprocess
import threading

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.documents.signing import create_store_certificate, sign_pdf
from app.core.errors import Conflict, NotFound, ShowroomError, ValidationFailed
from app.documents import documents
from app.documents.documents import DocumentQuery
from db.models import Document, DocumentPrint, DocumentSignature, Role
from tests.factories import (
    isolated_data_dir,
    make_document,
    make_store,  # noqa: F401
    make_user,
    signature_capture,
    simple_pdf,
    simple_render,
)

pytestmark = pytest.mark.usefixtures("isolated_data_dir")
STORE_NAME = "上海测试汽车销售服务有限公司"  # tests.factories.make_store


@pytest.fixture()
def manager(uow):
    make_store(uow)
    return make_user(uow, Role.SALES_MANAGER, full_name="周建国")


@pytest.fixture()
def notice(uow, manager):
    return documents.issue_store_notice(uow(), actor=manager, language="bilingual", signatures=[signature_capture()])


def _bytes(uow, actor, doc) -> bytes:
    return documents.get_document_bytes(uow(), actor=actor, document_id=doc.id)


def _tool(name: str) -> str:
    exe = shutil.which(name)
    if exe is None:
        pytest.skip(f"{name} not installed (Debian: apt-get install poppler-utils)")
    return exe


def _flip_middle(data: bytes) -> bytes:
    changed = bytearray(data)
    changed[len(data) // 2] ^= 0x01
    return bytes(changed)


# --- issue and reprint -----------------------------------------------------------------------


def test_issued_notice_is_archived_signed_and_reprints_identical_bytes(uow, manager, notice):
    year = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=8)).year
    assert re.fullmatch(rf"SN-{year}-000001", notice.number) and notice.version == 1
    assert (notice.doc_type, notice.subject_type, notice.language) == ("store_notice", "store", "bilingual")
    assert notice.issued_by_name == "周建国" and notice.status == "valid" and notice.signed
    assert STORE_NAME in notice.signer_subject and len(notice.certificate_fingerprint) == 64
    first, second = _bytes(uow, manager, notice), _bytes(uow, manager, notice)
    assert first == second and first.startswith(b"%PDF")
    assert hashlib.sha256(first).hexdigest() == notice.sha256 and len(first) == notice.size
    assert b"/ETSI.CAdES.detached" in first
    assert [(s.signer_name, s.role) for s in notice.signatures] == [("周建国", "manager")]
    with uow() as u:
        sig = u.session.query(DocumentSignature).one()
        assert sig.png == signature_capture().png and len(sig.strokes) == 4
        assert all(len(p) == 4 for p in sig.strokes[0])


def test_archived_pdf_prints_the_store_name_and_number(uow, manager, notice, tmp_path):
    path = tmp_path / "notice.pdf"
    path.write_bytes(_bytes(uow, manager, notice))
    out = subprocess.run(
        [_tool("pdftotext"), "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert STORE_NAME in out and notice.number in out and "周建国" in out


def test_pdfsig_reports_the_archived_signature_valid(uow, manager, notice, tmp_path):
    path = tmp_path / "notice.pdf"
    path.write_bytes(_bytes(uow, manager, notice))
    out = subprocess.run([_tool("pdfsig"), str(path)], capture_output=True, text=True)
    assert "Signature is Valid" in out.stdout + out.stderr, out.stdout + out.stderr
    assert "Total document signed" in out.stdout


def test_numbers_count_per_type_and_year(uow, manager):
    a = make_document(uow, manager)
    b = make_document(uow, manager)
    c = documents.issue_store_notice(uow(), actor=manager, language="zh")
    assert a.number.startswith("VC-") and a.number.endswith("-000001")
    assert b.number.endswith("-000002") and c.number.endswith("-000001")
    assert documents.allocate_number(uow(), doc_type="vehicle_card", year=1999) == 1
    assert documents.format_number("pdi_report", 2026, 12) == "PDI-2026-000012"


def test_render_receives_number_version_and_time(uow, manager):
    seen = []

    def render(number, version, issued_at):
        seen.append((number, version, issued_at))
        return simple_render(number, version, issued_at)

    doc = make_document(uow, manager, render=render)
    assert seen == [(doc.number, 1, doc.issued_at)]


def test_two_terminals_issuing_at_once_get_different_numbers(uow, manager, database):
    from db.uow import Database

    other = Database(database.url)  # a second terminal: its own engine and connections
    barrier = threading.Barrier(4)
    numbers, errors = [], []

    def allocate(db):
        try:
            barrier.wait()
            numbers.append(documents.allocate_number(db.uow(), doc_type="pdi_report", year=2030))
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    def issue(db):
        try:
            barrier.wait()
            numbers.append(make_document(db.uow, manager).number)
        except Exception as e:  # noqa: BLE001
            errors.append(e)

    make_document(uow, manager)  # certificate and pyHanko ready before the race
    try:
        for target in (allocate, issue):
            numbers.clear()
            threads = [threading.Thread(target=target, args=(d,)) for d in (database, other, database, other)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(60)
            assert not errors, errors
            assert len(numbers) == 4 and len(set(numbers)) == 4, numbers
    finally:
        other.dispose()
    assert sorted(n for n in numbers) == [f"VC-{numbers[0][3:7]}-00000{i}" for i in (2, 3, 4, 5)]


def test_bad_input_is_refused_before_anything_is_written(uow, manager):
    with pytest.raises(ValidationFailed) as e:
        make_document(
            uow,
            manager,
            doc_type="poem",
            subject_type="planet",
            language="fr",
            signatures=[signature_capture(role="king")],
        )
    assert {(f.field, f.code) for f in e.value.errors} == {
        ("doc_type", "unknown_value"),
        ("subject_type", "unknown_value"),
        ("language", "unknown_value"),
        ("signatures", "unknown_value"),
    }
    with pytest.raises(ShowroomError, match="pdf_invalid"):
        make_document(uow, manager, render=lambda n, v, at: b"not a pdf")
    with uow() as u:
        assert u.session.query(Document).count() == 0


# --- void and replace ------------------------------------------------------------------------


def test_void_needs_a_reason_and_happens_once(uow, manager):
    doc = make_document(uow, manager)
    with pytest.raises(ValidationFailed) as e:
        documents.void_document(uow(), actor=manager, document_id=doc.id, reason="  ")
    assert e.value.errors[0].field == "reason"
    voided = documents.void_document(uow(), actor=manager, document_id=doc.id, reason="开错了车辆")
    assert voided.status == "voided" and voided.void_reason == "开错了车辆"
    assert voided.voided_by_name == "周建国" and voided.replaced_by_id is None
    with pytest.raises(ShowroomError) as e:
        documents.void_document(uow(), actor=manager, document_id=doc.id, reason="again")
    assert e.value.code == "document_already_voided" and e.value.params == {"number": doc.number, "version": 1}
    assert hashlib.sha256(_bytes(uow, manager, doc)).hexdigest() == doc.sha256  # still there
    with pytest.raises(NotFound):
        documents.void_document(uow(), actor=manager, document_id=9999, reason="x")


def test_replacement_is_the_next_version_and_voids_the_old_one(uow, manager, notice):
    with pytest.raises(ValidationFailed):
        documents.issue_store_notice(uow(), actor=manager, language="bilingual", replaces=notice.number, reason="")
    v2 = documents.issue_store_notice(
        uow(), actor=manager, language="bilingual", replaces=notice.number, reason="地址更正"
    )
    assert (v2.number, v2.version, v2.status) == (notice.number, 2, "valid")
    v1 = documents.get_document(uow(), actor=manager, number=notice.number, version=1)
    assert (v1.status, v1.void_reason, v1.replaced_by_id, v1.replaced_by_version) == ("voided", "地址更正", v2.id, 2)
    assert documents.get_document(uow(), actor=manager, number=notice.number).id == v2.id
    assert [d.id for d in documents.list_documents(uow(), actor=manager)] == [v2.id]
    everything = documents.list_documents(uow(), actor=manager, query=DocumentQuery(include_voided=True))
    assert [d.version for d in everything] == [2, 1]
    assert [d.version for d in documents.list_versions(uow(), actor=manager, number=notice.number)] == [1, 2]
    assert _bytes(uow, manager, v1) != _bytes(uow, manager, v2)


def test_a_voided_document_can_be_replaced_later(uow, manager):
    doc = make_document(uow, manager)
    documents.void_document(uow(), actor=manager, document_id=doc.id, reason="wrong car")
    v2 = make_document(uow, manager, replaces=doc.number, reason="reissued for the right car")
    v1 = documents.get_document_by_id(uow(), actor=manager, document_id=doc.id)
    assert v1.void_reason == "wrong car" and v1.replaced_by_id == v2.id and v2.version == 2


def test_replacing_checks_the_number_and_the_type(uow, manager, notice):
    with pytest.raises(NotFound):
        make_document(uow, manager, replaces="VC-1999-000001", reason="x")
    with pytest.raises(ValidationFailed) as e:
        make_document(uow, manager, replaces=notice.number, reason="x")
    assert (e.value.errors[0].field, e.value.errors[0].code) == ("replaces", "doc_type_mismatch")


def test_two_replacements_of_the_same_version_conflict(uow, manager):
    doc = make_document(uow, manager)

    def render_while_another_terminal_replaces(number, version, issued_at):
        make_document(uow, manager, replaces=doc.number, reason="fixed on the other terminal")
        return simple_render(number, version, issued_at)

    with pytest.raises(Conflict):
        make_document(
            uow, manager, replaces=doc.number, reason="fixed here", render=render_while_another_terminal_replaces
        )
    versions = documents.list_versions(uow(), actor=manager, number=doc.number)
    assert [(d.version, d.void_reason) for d in versions] == [(1, "fixed on the other terminal"), (2, None)]


# --- print ledger and queries ----------------------------------------------------------------


def test_every_print_reprint_and_export_is_recorded(uow, manager):
    doc = make_document(uow, manager)
    reception = make_user(uow, Role.RECEPTION, full_name="林晓雨")
    first = documents.record_print(uow(), actor=reception, document_id=doc.id, printer="HP LaserJet 前台", copies=2)
    again = documents.record_print(uow(), actor=manager, document_id=doc.id, printer="PDF")
    saved = documents.record_print(uow(), actor=manager, document_id=doc.id, printer="file:/tmp/x.pdf", kind="export")
    assert (first.kind, again.kind, saved.kind) == ("print", "reprint", "export")
    ledger = documents.list_prints(uow(), actor=manager, document_id=doc.id)
    assert [(p.kind, p.printed_by_name, p.printer, p.copies) for p in ledger] == [
        ("print", "林晓雨", "HP LaserJet 前台", 2),
        ("reprint", "周建国", "PDF", 1),
        ("export", "周建国", "file:/tmp/x.pdf", 1),
    ]
    with pytest.raises(ValidationFailed) as e:
        documents.record_print(uow(), actor=manager, document_id=doc.id, printer="", copies=0, kind="fax")
    assert {f.field for f in e.value.errors} == {"printer", "copies", "kind"}
    with pytest.raises(NotFound):
        documents.record_print(uow(), actor=manager, document_id=999, printer="PDF")


def test_list_filters_by_text_type_and_subject(uow, manager, notice):
    car = make_document(uow, manager, subject_id=7, subject_ref="LSVAB2180N2000123")
    make_document(uow, manager, subject_id=8, subject_ref="LSVAB2180N2000999")

    def numbers(**kw):
        return [d.number for d in documents.list_documents(uow(), actor=manager, query=DocumentQuery(**kw))]

    assert numbers(text="0123") == [car.number]
    assert numbers(text=car.number.lower()) == [car.number]
    assert numbers(doc_type="store_notice") == [notice.number]
    assert numbers(subject_type="vehicle", subject_id=7) == [car.number]
    assert len(numbers(limit=2)) == 2
    with pytest.raises(NotFound):
        documents.get_document(uow(), actor=manager, number="SN-1999-000001")


# --- immutability, below the service ---------------------------------------------------------


def _refused(database, sql: str, **params) -> str:
    with pytest.raises(IntegrityError) as e:
        with database.engine.begin() as conn:
            conn.execute(text(sql), params)
    return str(e.value.orig)


def test_the_database_refuses_edits_and_deletes_of_archived_documents(uow, manager, database):
    doc = make_document(uow, manager, signatures=[signature_capture()])
    other = make_user(uow, Role.CONSULTANT)
    documents.record_print(uow(), actor=manager, document_id=doc.id, printer="PDF")
    for sql in (
        "UPDATE document SET content = :junk WHERE id = :id",
        "UPDATE document SET sha256 = 'abc' WHERE id = :id",
        "UPDATE document SET number = 'SN-2000-000001' WHERE id = :id",
        "UPDATE document SET version = 7 WHERE id = :id",
        "UPDATE document SET doc_type = 'store_notice' WHERE id = :id",
        "UPDATE document SET subject_id = 2 WHERE id = :id",
        "UPDATE document SET issued_by_id = :other WHERE id = :id",
        "UPDATE document SET issued_at = CURRENT_TIMESTAMP WHERE id = :id",
        "UPDATE document SET replaced_by_id = id WHERE id = :id",
        "UPDATE document SET voided_by_id = issued_by_id WHERE id = :id",
        "UPDATE document SET voided_at = CURRENT_TIMESTAMP WHERE id = :id",
        "DELETE FROM document WHERE id = :id",
        "UPDATE document_signature SET signer_name = 'x' WHERE document_id = :id",
        "DELETE FROM document_signature WHERE document_id = :id",
        "UPDATE document_print SET copies = 9 WHERE document_id = :id",
        "DELETE FROM document_print WHERE document_id = :id",
    ):
        message = _refused(database, sql, id=doc.id, junk=b"%PDF-1.4 forged", other=other.user_id)
        assert re.search(r"document\w*_(immutable|append_only|never_deleted)", message), message
    # Voiding sets the void columns once; after that they are frozen too.
    with database.engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE document SET voided_at = CURRENT_TIMESTAMP, void_reason = "
                "'raw void', voided_by_id = issued_by_id WHERE id = :id"
            ),
            {"id": doc.id},
        )
    for sql in (
        "UPDATE document SET void_reason = 'another story' WHERE id = :id",
        "UPDATE document SET voided_at = NULL, void_reason = NULL, voided_by_id = NULL WHERE id = :id",
    ):
        _refused(database, sql, id=doc.id)
    assert _bytes(uow, manager, doc)  # unchanged, hash still checks
    with uow() as u:
        assert u.session.query(DocumentPrint).count() == 1


def test_a_changed_archive_copy_is_reported_corrupt_on_read(uow, manager, database):
    doc = make_document(uow, manager)
    forged = _flip_middle(_bytes(uow, manager, doc))
    # Someone with database rights disables the guard and edits the bytes directly.
    with database.engine.begin() as conn:
        if database.dialect == "postgresql":
            conn.execute(text("ALTER TABLE document DISABLE TRIGGER document_guard_update"))
        else:
            conn.execute(text("DROP TRIGGER document_guard_update"))
        conn.execute(text("UPDATE document SET content = :c WHERE id = :id"), {"c": forged, "id": doc.id})
        if database.dialect == "postgresql":
            conn.execute(text("ALTER TABLE document ENABLE TRIGGER document_guard_update"))
    with pytest.raises(ShowroomError) as e:
        _bytes(uow, manager, doc)
    assert e.value.code == "archive_corrupt"
    assert e.value.params == {"number": doc.number, "version": 1}


# --- verification ----------------------------------------------------------------------------


def test_verify_intact_and_archived(uow, manager, notice):
    result = documents.verify_document_bytes(uow(), actor=manager, pdf_bytes=_bytes(uow, manager, notice))
    assert (result.status, result.ok, result.signed, result.intact, result.trusted) == (
        "intact",
        True,
        True,
        True,
        True,
    )
    assert STORE_NAME in result.signer_subject and result.signed_at is not None
    assert result.certificate_fingerprint == notice.certificate_fingerprint
    assert (result.archived_number, result.archived_version, result.archived_voided) == (notice.number, 1, False)
    same = documents.verify_archived_document(uow(), actor=manager, document_id=notice.id)
    assert same == result


def test_one_byte_changed_is_modified_and_not_archived(uow, manager, notice):
    result = documents.verify_document_bytes(uow(), actor=manager, pdf_bytes=_flip_middle(_bytes(uow, manager, notice)))
    assert (result.status, result.ok, result.intact) == ("modified", False, False)
    assert result.archived_number is None and result.certificate_fingerprint is None


def test_unsigned_and_foreign_pdfs_do_not_verify(uow, manager, notice):
    unsigned = documents.verify_document_bytes(uow(), actor=manager, pdf_bytes=simple_pdf())
    assert (unsigned.status, unsigned.signed) == ("unsigned", False)
    other = create_store_certificate("上海另一家汽车销售服务有限公司")
    foreign = sign_pdf(simple_pdf(), other, reason="r", location="上海")
    result = documents.verify_document_bytes(uow(), actor=manager, pdf_bytes=foreign)
    assert (result.status, result.intact, result.trusted) == ("untrusted", True, False)
    assert "另一家" in result.signer_subject


def test_a_voided_version_is_not_intact_and_says_so(uow, manager, notice):
    # Issue #15.5: a voided document no longer verifies as intact.
    documents.void_document(uow(), actor=manager, document_id=notice.id, reason="过期")
    result = documents.verify_archived_document(uow(), actor=manager, document_id=notice.id)
    assert (result.status, result.ok, result.intact) == ("voided", False, True)
    assert result.archived_voided and result.replaced_by_version is None
