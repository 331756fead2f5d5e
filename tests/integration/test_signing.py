"""Store certificate, PAdES signing and verification, cross-checked with poppler's pdfsig.

The store's self-signed certificate is the only trust root: pdfsig calls it "issuer unknown",
which is expected; what pdfsig must confirm is the signature (digest) itself.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.documents.signing import create_store_certificate, load_pkcs12, sign_pdf, to_pkcs12, verify_pdf
from app.documents.sample_notice import render_store_notice
from app.core.errors import ShowroomError
from app.core.dto import StoreDTO

STORE = StoreDTO(
    1,
    "上海浦江汽车销售服务有限公司",
    "上海市闵行区虹梅南路 1888 号",
    "021-64001234",
    "021-64005678",
    "https://pujiang-4s.example.cn",
    3,
)


@pytest.fixture(scope="module")
def cert():
    return create_store_certificate(STORE.legal_name)


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_store_notice(
        STORE, number="GS-2025-0007", version=3, language="bilingual", issued_at=dt.datetime(2025, 6, 1, 2, 0)
    )


@pytest.fixture(scope="module")
def signed(pdf, cert) -> bytes:
    return sign_pdf(pdf, cert, reason="门店公示信息 GS-2025-0007", location="上海")


def pdfsig(data: bytes, tmp_path: Path) -> str:
    exe = shutil.which("pdfsig")
    if exe is None:
        pytest.skip("pdfsig not installed (Debian: apt-get install poppler-utils)")
    path = tmp_path / "signed.pdf"
    path.write_bytes(data)
    out = subprocess.run([exe, str(path)], capture_output=True, text=True)
    return out.stdout + out.stderr


def byte_range(data: bytes) -> list[int]:
    match = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", data)
    assert match, "no /ByteRange"
    return [int(x) for x in match.groups()]


def flip(data: bytes, pos: int) -> bytes:
    changed = bytearray(data)
    changed[pos] ^= 0x01
    return bytes(changed)


def test_store_certificate_is_p256_with_store_name(cert):
    c = x509.load_pem_x509_certificate(cert.cert_pem)
    assert isinstance(c.public_key(), ec.EllipticCurvePublicKey)
    assert c.public_key().curve.name == "secp256r1"
    assert c.subject == c.issuer  # self-signed
    assert c.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == STORE.legal_name
    assert c.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value.endswith("文件签章")
    assert c.extensions.get_extension_for_class(x509.KeyUsage).value.content_commitment
    assert (c.not_valid_after_utc - c.not_valid_before_utc).days == 3650 + 1
    assert len(cert.fingerprint) == 64


def test_long_store_name_fits_x509_limits():
    name = "上海" + "很长的名字" * 20 + "汽车销售服务有限公司"
    c = x509.load_pem_x509_certificate(create_store_certificate(name).cert_pem)
    common_name = c.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    assert len(common_name.encode()) <= 64 and common_name.startswith("上海很长")
    assert len(c.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value) == 64


def test_sign_then_verify_is_intact_and_trusted(signed, cert):
    result = verify_pdf(signed, cert.cert_pem)
    assert (result.status, result.signed, result.intact, result.trusted) == ("intact", True, True, True)
    assert STORE.legal_name in result.signer_subject
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert abs(result.signed_at - now) < dt.timedelta(minutes=5)


def test_signature_is_pades_and_covers_the_whole_file(signed):
    assert b"/ETSI.CAdES.detached" in signed
    a, b, c, d = byte_range(signed)
    assert a == 0 and c + d == len(signed)


def test_pdfsig_reports_the_signature_valid(signed, tmp_path):
    out = pdfsig(signed, tmp_path)
    assert "Signature is Valid" in out, out
    assert "Total document signed" in out


@pytest.mark.parametrize("fraction", [0.0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.95, 0.999])
def test_one_byte_changed_in_signed_range_is_modified(signed, cert, fraction):
    a, b, c, d = byte_range(signed)
    first, second = list(range(a, a + b)), list(range(c, c + d))
    for pos in (first[int(fraction * (len(first) - 1))], second[int(fraction * (len(second) - 1))]):
        result = verify_pdf(flip(signed, pos), cert.cert_pem)
        assert (result.status, result.intact, result.trusted) == ("modified", False, False), pos


def test_changed_page_content_fails_pdfsig_too(signed, cert, tmp_path):
    pos = signed.index(b"stream", signed.index(b"/Contents")) + 20  # inside the first stream
    changed = flip(signed, pos)
    assert verify_pdf(changed, cert.cert_pem).status == "modified"
    out = pdfsig(changed, tmp_path)
    assert "Signature is Valid" not in out, out


def test_damage_that_breaks_parsing_is_modified_not_an_exception(signed, cert):
    for damaged in (
        signed[: len(signed) // 2],
        signed.replace(b"xref", b"xxxx"),
        signed.replace(b"/ByteRange", b"/ByteRangX"),
        b"%PDF-1.4 junk /ByteRange",
    ):
        result = verify_pdf(damaged, cert.cert_pem)
        assert result.status == "modified" and not result.intact


def test_content_added_after_signing_is_modified(signed, cert):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    # A filled rectangle over the page, appended as a new revision after the signature.
    stream = writer.add_object(generic.StreamObject(stream_data=b"0 0 1 rg 50 50 200 200 re f"))
    writer.add_stream_to_page(0, stream)
    out = io.BytesIO()
    writer.write(out)
    result = verify_pdf(out.getvalue(), cert.cert_pem)
    assert (result.status, result.intact) == ("modified", False)


def test_unsigned_pdf(pdf, cert):
    result = verify_pdf(pdf, cert.cert_pem)
    assert (result.status, result.signed, result.intact, result.trusted) == ("unsigned", False, False, False)


def test_other_stores_certificate_is_untrusted(pdf, cert):
    other = create_store_certificate("上海另一家汽车销售有限公司")
    result = verify_pdf(sign_pdf(pdf, other, reason="r", location="上海"), cert.cert_pem)
    assert (result.status, result.intact, result.trusted) == ("untrusted", True, False)
    assert "另一家" in result.signer_subject


def test_no_trusted_certificate_given_is_untrusted(signed):
    assert verify_pdf(signed, None).status == "untrusted"


def test_signing_the_same_field_twice_is_refused(signed, cert):
    with pytest.raises(ShowroomError) as e:
        sign_pdf(signed, cert, reason="again", location="上海")
    assert e.value.code == "signing_failed"


def test_documents_are_certified_no_changes_and_refuse_a_second_signature(signed, cert):
    """ISO 32000-1 §12.8.2.2: a DocMDP certification signature with P=1 (no changes)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import MDPPerm
    from pyhanko.sign.validation import read_certification_data

    certification = read_certification_data(PdfFileReader(io.BytesIO(signed)))
    assert certification is not None and certification.permission == MDPPerm.NO_CHANGES
    with pytest.raises(ShowroomError) as e:
        sign_pdf(signed, cert, reason="countersigned", location="上海", field_name="Second")
    assert e.value.code == "signing_failed"


def test_signing_junk_is_pdf_invalid(cert):
    with pytest.raises(ShowroomError, match="pdf_invalid"):
        sign_pdf(b"not a pdf", cert, reason="r", location="l")


def test_expired_certificate_cannot_sign(pdf):
    old = create_store_certificate("旧门店", valid_days=30, now=dt.datetime(2015, 1, 1))
    with pytest.raises(ShowroomError) as e:
        sign_pdf(pdf, old, reason="r", location="l")
    assert e.value.code == "certificate_expired"
    assert e.value.params["expired_at"].startswith("2015-01-31")


def test_pkcs12_round_trip_signs_and_verifies(pdf, cert):
    data = to_pkcs12(cert, "门店密码-2025")
    loaded = load_pkcs12(data, "门店密码-2025")
    assert loaded.cert_pem == cert.cert_pem and loaded.fingerprint == cert.fingerprint
    signed_again = sign_pdf(pdf, loaded, reason="r", location="上海")
    assert verify_pdf(signed_again, cert.cert_pem).status == "intact"


@pytest.mark.parametrize("password", ["wrong", None, ""])
def test_pkcs12_bad_password_is_certificate_invalid(cert, password):
    data = to_pkcs12(cert, "right")
    with pytest.raises(ShowroomError) as e:
        load_pkcs12(data, password)
    assert e.value.code == "certificate_invalid"


def test_pkcs12_junk_is_certificate_invalid():
    with pytest.raises(ShowroomError, match="certificate_invalid"):
        load_pkcs12(b"\x30\x03junk", "x")


def test_pkcs12_export_needs_a_password(cert):
    with pytest.raises(ShowroomError, match="certificate_password_required"):
        to_pkcs12(cert, "")


def test_junk_trusted_certificate_is_certificate_invalid(signed):
    with pytest.raises(ShowroomError, match="certificate_invalid"):
        verify_pdf(signed, b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
