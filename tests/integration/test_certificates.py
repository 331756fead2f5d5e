"""The store's signing certificate (issue #3): created once, kept in the database with its
private key encrypted under a key file outside it (app/core/keys.py), imported from PKCS#12,
replaced without breaking the verification of what the old one signed."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.core import keys
from app.documents.signing import create_store_certificate, load_pkcs12, to_pkcs12
from app.core.errors import SetupRequired, ShowroomError
from app.documents import certificates, documents
from db.models import Role, SigningCertificate
from db.session import sqlite_path
from tests.factories import (
    another_terminal,
    isolated_data_dir,
    make_document,
    make_store,  # noqa: F401
    make_user,
)

pytestmark = pytest.mark.usefixtures("isolated_data_dir")
STORE_NAME = "上海测试汽车销售服务有限公司"


@pytest.fixture()
def admin(uow):
    make_store(uow)
    return make_user(uow, Role.ADMIN, full_name="系统管理员")


def _verify(uow, actor, doc):
    data = documents.get_document_bytes(uow(), actor=actor, document_id=doc.id)
    return documents.verify_document_bytes(uow(), actor=actor, pdf_bytes=data)


def test_ensure_creates_one_self_signed_certificate_with_the_store_name(uow, admin, isolated_data_dir):  # noqa: F811
    first = certificates.ensure_store_certificate(uow(), actor=admin)
    again = certificates.ensure_store_certificate(uow(), actor=admin)
    assert first == again
    assert STORE_NAME in first.subject and "文件签章" in first.subject
    assert (first.source, first.active, first.created_by_name) == ("generated", True, "系统管理员")
    assert first.not_valid_after > dt.datetime.now() + dt.timedelta(days=3600)
    assert [c.id for c in certificates.list_certificates(uow(), actor=admin)] == [first.id]
    key_file = isolated_data_dir / "keys" / "store-signing.key"
    assert key_file.stat().st_size == 32
    if os.name == "posix":
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700


def test_ensure_needs_a_store(uow):
    with pytest.raises(SetupRequired):
        certificates.ensure_store_certificate(uow(), actor=make_user(uow, Role.ADMIN))


def test_the_private_key_is_not_in_the_database_in_clear(uow, admin, database, db_url):
    make_document(uow, admin)  # signs, so the key was used
    cert = certificates.active_certificate(uow())
    key = serialization.load_pem_private_key(cert.key_pem, password=None)
    secrets_ = [
        cert.key_pem,
        b"PRIVATE KEY",
        key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()),
        key.private_numbers().private_value.to_bytes(32, "big"),
    ]
    with uow() as u:
        stored = u.session.query(SigningCertificate).one()
        blob, pem = bytes(stored.encrypted_key), stored.cert_pem
    assert pem.encode() == cert.cert_pem and blob.startswith(keys.MAGIC)
    assert not any(s in blob for s in secrets_)
    path = sqlite_path(db_url)
    if path is not None:  # the raw file (and its write-ahead log) as a thief would copy it
        database.dispose()
        raw = b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
        assert cert.cert_pem[30:80] in raw or pem[30:80].encode() in raw  # the file is the one
        assert not any(s in raw for s in secrets_)


def test_import_pkcs12_becomes_active_and_old_documents_still_verify(uow, admin):
    before = make_document(uow, admin)
    old = certificates.ensure_store_certificate(uow(), actor=admin)
    bought = create_store_certificate("上海测试汽车销售服务有限公司（新章）")
    imported = certificates.import_certificate(
        uow(), actor=admin, pkcs12=to_pkcs12(bought, "p12-密码"), password="p12-密码"
    )
    assert (imported.source, imported.active, imported.fingerprint) == ("imported", True, bought.fingerprint)
    listed = certificates.list_certificates(uow(), actor=admin)
    assert [(c.fingerprint, c.active) for c in listed] == [(bought.fingerprint, True), (old.fingerprint, False)]
    assert set(certificates.trusted_certificates_pem(uow())) == {bought.cert_pem, old_pem(uow, old.fingerprint)}

    after = make_document(uow, admin)
    assert after.certificate_fingerprint == bought.fingerprint and "新章" in after.signer_subject
    for doc, fingerprint in ((before, old.fingerprint), (after, bought.fingerprint)):
        result = _verify(uow, admin, doc)
        assert (result.status, result.certificate_fingerprint) == ("intact", fingerprint)

    # The same file again: no second row, it simply becomes active again.
    certificates.create_certificate(uow(), actor=admin)
    again = certificates.import_certificate(uow(), actor=admin, pkcs12=to_pkcs12(bought, "x"), password="x")
    assert again.id == imported.id and again.active
    assert len(certificates.list_certificates(uow(), actor=admin)) == 3


def old_pem(uow, fingerprint: str) -> bytes:
    return dict(certificates.trusted_certificates(uow()))[fingerprint]


def test_import_refuses_bad_files(uow, admin):
    good = create_store_certificate("某店")
    cases = [
        (to_pkcs12(good, "right"), "wrong", "certificate_invalid"),
        (b"\x30\x03junk", None, "certificate_invalid"),
        (
            to_pkcs12(create_store_certificate("旧店", valid_days=30, now=dt.datetime(2015, 1, 1)), "pw"),
            "pw",
            "certificate_expired",
        ),
    ]
    for data, password, code in cases:
        with pytest.raises(ShowroomError) as e:
            certificates.import_certificate(uow(), actor=admin, pkcs12=data, password=password)
        assert e.value.code == code
    assert certificates.list_certificates(uow(), actor=admin) == []


def test_create_replaces_the_active_certificate(uow, admin):
    doc = make_document(uow, admin)
    old = certificates.ensure_store_certificate(uow(), actor=admin)
    new = certificates.create_certificate(uow(), actor=admin)
    assert new.fingerprint != old.fingerprint and new.active
    assert _verify(uow, admin, doc).status == "intact"
    assert make_document(uow, admin).certificate_fingerprint == new.fingerprint


def test_export_pkcs12_round_trip(uow, admin):
    cert = certificates.ensure_store_certificate(uow(), actor=admin)
    data = certificates.export_certificate(uow(), actor=admin, password="备份-2026")
    assert load_pkcs12(data, "备份-2026").fingerprint == cert.fingerprint
    with pytest.raises(ShowroomError, match="certificate_password_required"):
        certificates.export_certificate(uow(), actor=admin, password="")


def test_a_terminal_without_the_key_file_cannot_sign_until_it_gets_it(uow, admin, tmp_path, monkeypatch):
    make_document(uow, admin)  # terminal A made the certificate and its key file
    exported = keys.export_key(tmp_path / "kek.bin")
    if os.name == "posix":
        assert stat.S_IMODE(exported.stat().st_mode) == 0o600

    another_terminal(monkeypatch, tmp_path / "terminal-b")
    with pytest.raises(ShowroomError) as e:
        make_document(uow, admin)
    assert (e.value.code, e.value.params["reason"]) == ("encryption_key_unavailable", "missing")

    another_terminal(monkeypatch, tmp_path / "terminal-c")
    keys.load_or_create_key()  # a key file of its own, not the store's
    with pytest.raises(ShowroomError) as e:
        make_document(uow, admin)
    assert e.value.params["reason"] == "wrong_key"
    keys.import_key(exported)
    assert make_document(uow, admin).signed
    kept = list((tmp_path / "terminal-c" / "keys").glob("store-signing.key.*.old"))
    assert len(kept) == 1  # the replaced key file is kept aside, not destroyed


def test_encrypted_blobs_are_bound_to_their_row_and_detect_damage():
    blob = keys.encrypt(b"secret", aad=b"row-1")
    assert keys.decrypt(blob, aad=b"row-1") == b"secret"
    for bad_blob, aad in ((blob, b"row-2"), (blob[:-1] + bytes([blob[-1] ^ 1]), b"row-1"), (b"junk", b"row-1")):
        with pytest.raises(ShowroomError) as e:
            keys.decrypt(bad_blob, aad=aad)
        assert e.value.params["reason"] == "damaged"


def test_the_database_refuses_deleting_or_rewriting_a_certificate(uow, admin, database):
    cert = certificates.ensure_store_certificate(uow(), actor=admin)
    for sql in (
        "DELETE FROM signing_certificate WHERE id = :id",
        "UPDATE signing_certificate SET cert_pem = 'forged' WHERE id = :id",
        "UPDATE signing_certificate SET fingerprint = 'ab' WHERE id = :id",
    ):
        with pytest.raises(IntegrityError):
            with database.engine.begin() as conn:
                conn.execute(text(sql), {"id": cert.id})
    assert certificates.list_certificates(uow(), actor=admin)[0] == cert


def test_two_terminals_making_the_first_certificate_at_once_both_sign_with_one(db_url, uow, admin):
    """Two desks sign the store's first document at the same moment (PostgreSQL really runs
    them together): neither is told to try again, and both end up with the one active seal."""
    from tests.terminals import at_once

    def first_seal(database):
        return certificates.ensure_store_certificate(database.uow(), actor=admin).fingerprint

    got = at_once(db_url, [first_seal, first_seal], refusals=False, timeout=60)
    active = certificates.ensure_store_certificate(uow(), actor=admin).fingerprint
    assert not [g for g in got if g.startswith("raw")], got
    assert active in got
