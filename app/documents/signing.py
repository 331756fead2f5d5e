"""Digital signing of generated PDFs with the store's own certificate (PAdES B-B, pyHanko).

The store signs what it issues with a self-signed EC P-256 certificate; verification trusts
exactly that certificate. This is tamper evidence for the archive (domain_reference §4: "store
the signed PDF and its hash"), not a qualified e-seal. pyHanko is imported inside the
functions: `import pyhanko.sign` costs ~0.7 s (toolchain.md), too much for start-up.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa
from cryptography.hazmat.primitives.asymmetric.ed448 import Ed448PrivateKey
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from app.documents.revisions import Change
from app.core.errors import ShowroomError

log = logging.getLogger(__name__)

CN_SUFFIX = " 文件签章"  # "document seal": the certificate's common name
X509_NAME_MAX = 64  # RFC 5280 upper bound for O and CN
# "changed_unseen": changed after signing in a way that shows nothing (issue #15.5).
STATUSES = ("intact", "modified", "changed_unseen", "unsigned", "untrusted")
# Any one of these in the bytes means someone signed this file: a one-byte change can spoil
# one marker (pyHanko then ignores the signature, e.g. for an unknown /SubFilter) but not all.
_SIGNATURE_MARKERS = re.compile(rb"/ByteRange|/SigFlags|/FT\s*/Sig|/Type\s*/Sig|ETSI\.CAdES|adbe\.pkcs7")

# The signed bytes no longer match the signature: a rewritten or edited file.
_BROKEN = Change("signature_broken", True)


@dataclass(frozen=True)
class StoreCertificate:
    """The store's signing key (unencrypted PKCS#8 PEM: keep it only in memory; persist it as
    a password-protected PKCS#12 from `to_pkcs12`) and its self-signed certificate (PEM)."""

    key_pem: bytes
    cert_pem: bytes

    @property
    def certificate(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.cert_pem)

    @property
    def subject(self) -> str:
        return self.certificate.subject.rfc4514_string()

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the certificate, hex: show it so people can compare certificates."""
        return self.certificate.fingerprint(hashes.SHA256()).hex()

    @property
    def not_valid_after(self) -> dt.datetime:
        """Naive UTC, like every app timestamp."""
        return self.certificate.not_valid_after_utc.replace(tzinfo=None)


@dataclass(frozen=True)
class VerificationResult:
    """`status`: "intact" (signed, unchanged, by the trusted store certificate), "modified"
    (changed after signing in a way a reader sees, or too damaged to check),
    "changed_unseen" (changed after signing, but nothing shown changed: metadata, bytes
    after %%EOF), "unsigned", or "untrusted" (unchanged but signed by some other
    certificate, or no trusted certificate was given). `changes` names what changed
    (app.documents.revisions.Change); `signed_length` is how many leading bytes the
    signature covers: that prefix is the file as it was signed."""

    status: str
    signed: bool
    intact: bool
    trusted: bool
    signer_subject: str | None = None
    signed_at: dt.datetime | None = None  # naive UTC, as the signer's clock reported it
    changes: tuple = ()
    signed_length: int | None = None


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _common_name(store_name: str) -> str:
    # cryptography enforces CN <= 64 *UTF-8 bytes* (about 21 Chinese characters), stricter
    # than RFC 5280's 64 characters; O keeps the full name (up to 64 characters).
    name = store_name
    while len((name + CN_SUFFIX).encode("utf-8")) > X509_NAME_MAX:
        name = name[:-1]
    return name + CN_SUFFIX


def create_store_certificate(
    store_name: str, *, valid_days: int = 3650, now: dt.datetime | None = None
) -> StoreCertificate:
    """A fresh key pair and self-signed certificate: O = store name, CN = name + 文件签章.
    Ten years by default: sales archives are kept ten years (domain_reference §3)."""
    store_name = store_name.strip()
    if not store_name:
        raise ValueError("store_name is empty")
    now = now or _utcnow()
    if now.tzinfo is None:  # naive means UTC (app/core/clock.py)
        now = now.replace(tzinfo=dt.UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, store_name[:X509_NAME_MAX]),
            x509.NameAttribute(NameOID.COMMON_NAME, _common_name(store_name)),
        ]
    )
    public = key.public_key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        # A day of slack: terminals' clocks disagree, and a certificate "not yet valid"
        # would make the first documents untrusted.
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=valid_days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        # pyHanko requires non-repudiation (content_commitment) on a signer's key.
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    return StoreCertificate(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()),
        cert.public_bytes(serialization.Encoding.PEM),
    )


def to_pkcs12(cert: StoreCertificate, password: str) -> bytes:
    """Export key and certificate as a password-protected PKCS#12 (.p12) for backup or for
    moving the store's seal to another terminal."""
    if not password:
        raise ShowroomError("certificate_password_required")
    key = serialization.load_pem_private_key(cert.key_pem, password=None)
    # Only key kinds PKCS#12 can hold (the store's own seal is P-256; an imported one may be RSA).
    if not isinstance(
        key, rsa.RSAPrivateKey | dsa.DSAPrivateKey | ec.EllipticCurvePrivateKey | Ed25519PrivateKey | Ed448PrivateKey
    ):
        raise ShowroomError("certificate_invalid", reason="unsupported_key")
    x509_cert = cert.certificate
    friendly = x509_cert.subject.rfc4514_string().encode("utf-8")[:200]
    return pkcs12.serialize_key_and_certificates(
        friendly, key, x509_cert, None, serialization.BestAvailableEncryption(password.encode("utf-8"))
    )


def load_pkcs12(data: bytes, password: str | None) -> StoreCertificate:
    """Read a .p12. Wrong password, junk data, a missing key or a key that does not match
    the certificate all raise ShowroomError("certificate_invalid", reason=...)."""
    try:
        key, cert, _ = pkcs12.load_key_and_certificates(data, password.encode("utf-8") if password else None)
    except (ValueError, TypeError) as e:  # cryptography does not tell bad password from junk
        raise ShowroomError("certificate_invalid", reason="unreadable") from e
    if key is None or cert is None:
        raise ShowroomError("certificate_invalid", reason="incomplete")
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(serialization.Encoding.DER, spki) != cert.public_key().public_bytes(
        serialization.Encoding.DER, spki
    ):
        raise ShowroomError("certificate_invalid", reason="key_mismatch")
    return StoreCertificate(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()),
        cert.public_bytes(serialization.Encoding.PEM),
    )


def sign_pdf(
    pdf_bytes: bytes, cert: StoreCertificate, *, reason: str, location: str, field_name: str = "ShowroomSignature"
) -> bytes:
    """Append an invisible PAdES B-B certification signature (no changes allowed) as an
    incremental update; returns the signed PDF. The visible signatures (pad images) are
    already part of the rendered page. A file that is already certified is refused
    ("signing_failed"): its DocMDP permissions forbid another signature."""
    from app.documents.store_signer import store_signer

    return store_signer(cert).sign(pdf_bytes, reason=reason, location=location, field_name=field_name)


def _damaged(pdf_bytes: bytes) -> VerificationResult:
    # Unreadable after signing is the most likely story; `signed` says whether any trace of
    # a signature is left in the bytes.
    return VerificationResult(
        "modified", signed=bool(_SIGNATURE_MARKERS.search(pdf_bytes)), intact=False, trusted=False, changes=(_BROKEN,)
    )


def _later_changes(reader, sig, status, pdf_bytes: bytes) -> tuple:
    """What happened to the file after the store signed it (issue #15.5). `valid` alone
    stays True after tampering and pyHanko's diff policy lets a new title or appended bytes
    pass (toolchain.md), so neither is used alone: the revisions are compared here."""
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    from app.documents.revisions import revision_changes

    if not (status.intact and status.valid):
        return (_BROKEN,)
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return ()
    if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return (_BROKEN,)  # the signature does not even cover its own revision
    try:
        changes = revision_changes(reader, sig.signed_revision)
    except Exception:  # a later revision too odd to compare is still a change
        log.info("revisions after the signature could not be compared", exc_info=True)
        changes = [Change("revision_unreadable", True)]
    # Bytes after the last %%EOF are no revision at all: invisible, but not the signed file.
    tail_after_eof = pdf_bytes.rstrip(b"\r\n\t\f\x00 ")
    if not changes or not tail_after_eof.endswith(b"%%EOF"):
        changes.append(Change("bytes_appended", False))
    return tuple(changes)


def _verdict(changes: tuple, trusted: bool) -> str:
    if any(c.visible for c in changes):
        return "modified"
    if changes:
        return "changed_unseen"
    return "intact" if trusted else "untrusted"


def verify_pdf(pdf_bytes: bytes, trusted_cert_pem: bytes | None) -> VerificationResult:
    """Check the store's signature (the file's first one) and name every change made after
    it; never raises for a damaged PDF ("modified").

    Trust is the given store certificate only (no OS trust store, no network). The chain is
    checked at the signer-reported signing time, so documents signed while the certificate
    was valid stay "intact" after it expires: archives outlive certificates.
    """
    from pyhanko.keys import load_certs_from_pemder_data
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    roots = []
    if trusted_cert_pem:
        try:
            x509.load_pem_x509_certificate(trusted_cert_pem)  # a clear error for junk
        except ValueError as e:
            raise ShowroomError("certificate_invalid", reason="unreadable") from e
        roots = list(load_certs_from_pemder_data(trusted_cert_pem))
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        embedded = sorted(reader.embedded_signatures, key=lambda e: e.signed_revision)
    except Exception:  # any parser error deep in pyHanko: the bytes are damaged
        log.info("PDF could not be parsed for verification", exc_info=True)
        return _damaged(pdf_bytes)
    if not embedded:
        if _SIGNATURE_MARKERS.search(pdf_bytes):
            return _damaged(pdf_bytes)
        return VerificationResult("unsigned", signed=False, intact=False, trusted=False)
    # The store certifies (DocMDP) and so signs first: any later signature is a change.
    sig = embedded[0]
    try:
        moment = sig.self_reported_timestamp
        context = ValidationContext(trust_roots=roots, allow_fetching=False, moment=moment, revocation_mode="soft-fail")
        status = validate_pdf_signature(sig, context)
        changes = _later_changes(reader, sig, status, pdf_bytes)
        signed_length = int(sig.byte_range[2]) + int(sig.byte_range[3])
    except Exception:  # a tampered file can fail anywhere in asn1crypto/pyHanko
        log.info("signature %s could not be validated", sig.field_name, exc_info=True)
        return _damaged(pdf_bytes)
    trusted = changes[:1] != (_BROKEN,) and bool(roots) and bool(status.trusted)
    subject = x509.load_der_x509_certificate(status.signing_cert.dump()).subject.rfc4514_string()
    reported = status.signer_reported_dt or moment
    signed_at = reported.astimezone(dt.UTC).replace(tzinfo=None) if reported else None
    return VerificationResult(
        _verdict(changes, trusted),
        signed=True,
        intact=not changes,
        trusted=trusted,
        signer_subject=subject,
        signed_at=signed_at,
        changes=changes,
        signed_length=signed_length,
    )
