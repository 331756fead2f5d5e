"""The store's certificate made ready to sign many documents quickly (issue #17, speed: a batch
of 60 cards, each signed on its own, spent 61 % of its time in pyHanko).

Three costs are paid once per certificate instead of once per document:
  - parsing the key and certificate and building pyHanko's signer (`store_signer` keeps the
    ready signer while the certificate is in use);
  - pyHanko's trial signature that sizes the room kept for the signature: the room is fixed
    from the certificate's size;
  - assembling the CMS container with asn1crypto. The first signature is made by pyHanko as
    before; its container is the template of the next ones, in which only the message
    digest and the signature value differ (PAdES B-B has no signing-time attribute: the time
    is the signature dictionary's /M). The template is used only if rebuilding the first
    container from its parts gives back exactly pyHanko's bytes, and only for the same kind
    of call; anything else is signed by pyHanko in full. The signature value itself is
    always computed by pyHanko's signer over the new signed attributes.
Every document still gets its own complete PAdES signature (pyHanko and pdfsig verify each).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import threading

from app.core.errors import ShowroomError
from app.documents.signing import StoreCertificate

# Room kept in the PDF for the signature container (hex, so twice its DER size): the
# certificate, the signed attributes (which name the issuer twice) and the signature value.
_RESERVE_MARGIN = 2048


def _tlv(tag: int, content: bytes) -> bytes:
    """One DER element: tag, definite length, content."""
    n = len(content)
    if n < 0x80:
        return bytes((tag, n)) + content
    size = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes((tag, 0x80 | len(size))) + size + content


class _Template:
    """The DER parts of a CMS SignedData container with one SignerInfo, around its signed
    attributes (message digest `digest`) and its signature value."""

    def __init__(self, content_info, digest: bytes):
        signed_data = content_info["content"]
        if len(signed_data["signer_infos"]) != 1:
            raise ValueError("not one signer")
        info = signed_data["signer_infos"][0]
        attrs = info["signed_attrs"]
        if any(a["type"].native == "signing_time" for a in attrs) or info["unsigned_attrs"].dump():
            raise ValueError("the container has parts that change with time")
        self.attrs = attrs.contents
        if self.attrs.count(digest) != 1:
            raise ValueError("the message digest is not found once")
        self.digest = digest
        names = list(info)
        self.info_head = b"".join(info[n].dump() for n in names[: names.index("signed_attrs")])
        self.info_mid = info["signature_algorithm"].dump()
        parts = list(signed_data)
        if parts[-1] != "signer_infos" or names[-2:] != ["signature", "unsigned_attrs"]:
            raise ValueError("unexpected layout")
        self.data_head = b"".join(signed_data[n].dump() for n in parts[:-1])
        self.content_type = content_info["content_type"].dump()

    def to_sign(self, digest: bytes) -> bytes:
        """The signed attributes as the signature covers them (a SET, RFC 5652 §5.4)."""
        return _tlv(0x31, self.attrs.replace(self.digest, digest))

    def container(self, digest: bytes, signature: bytes) -> bytes:
        attrs = self.attrs.replace(self.digest, digest)
        info = _tlv(0x30, self.info_head + _tlv(0xA0, attrs) + self.info_mid + _tlv(0x04, signature))
        signed_data = _tlv(0x30, self.data_head + _tlv(0x31, info))
        return _tlv(0x30, self.content_type + _tlv(0xA0, signed_data))


def _template_signer(signing_cert, signing_key, cert_registry):
    """A pyHanko SimpleSigner that reuses its first container as the template of the next."""
    from pyhanko.sign.signers import SimpleSigner

    class TemplateSigner(SimpleSigner):
        _template: _Template | None = None
        _kind: tuple | None = None
        _lock = threading.Lock()

        async def async_sign(
            self,
            data_digest: bytes,
            digest_algorithm: str,
            dry_run=False,
            use_pades=False,
            timestamper=None,
            signed_attr_settings=None,
            is_pdf_sig=True,
            encap_content_info=None,
        ):
            kind = (digest_algorithm, use_pades, dry_run, is_pdf_sig, timestamper, encap_content_info)
            template = self._template if kind == self._kind else None
            if template is not None:
                signature = await self.async_sign_raw(template.to_sign(data_digest), digest_algorithm)
                return template.container(data_digest, signature)
            result = await super().async_sign(
                data_digest, digest_algorithm, dry_run, use_pades, timestamper, signed_attr_settings, is_pdf_sig,
                encap_content_info,
            )  # fmt: skip
            if not dry_run and timestamper is None and encap_content_info is None:
                self._learn(result, data_digest, kind)
            return result

        def _learn(self, result, data_digest: bytes, kind: tuple) -> None:
            try:
                template = _Template(result, data_digest)
                signature = result["content"]["signer_infos"][0]["signature"].native
                if template.container(data_digest, signature) != result.dump():
                    return  # not rebuilt byte for byte: keep signing in full
            except (ValueError, KeyError, TypeError):
                return
            with self._lock:
                self._template, self._kind = template, kind

    return TemplateSigner(signing_cert=signing_cert, signing_key=signing_key, cert_registry=cert_registry)


class StoreSigner:
    """The store's certificate made ready to sign (see the module docstring). Made by
    `store_signer`; `sign` is app.documents.signing.sign_pdf."""

    def __init__(self, cert: StoreCertificate):
        from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        self.subject = cert.subject
        self._not_after: dt.datetime = cert.certificate.not_valid_after_utc
        self._expired_at = cert.not_valid_after.isoformat()
        signing_cert = next(load_certs_from_pemder_data(cert.cert_pem))
        self._signer = _template_signer(
            signing_cert,
            load_private_key_from_pemder_data(cert.key_pem, passphrase=None),
            SimpleCertificateStore.from_certs([signing_cert]),
        )
        self._reserve = 2 * (len(signing_cert.dump()) + _RESERVE_MARGIN)

    def sign(self, pdf_bytes: bytes, *, reason: str, location: str, field_name: str = "ShowroomSignature") -> bytes:
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.pdf_utils.misc import PdfError
        from pyhanko.sign import signers
        from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter
        from pyhanko.sign.general import SigningError

        if self._not_after < dt.datetime.now(dt.UTC):
            raise ShowroomError("certificate_expired", expired_at=self._expired_at)
        meta = signers.PdfSignatureMetadata(
            field_name=field_name,
            reason=reason,
            location=location,
            md_algorithm="sha256",
            subfilter=SigSeedSubFilter.PADES,  # ETSI.CAdES.detached: PAdES baseline B-B
            # A certification signature allowing no changes (ISO 32000-1 §12.8.2.2, DocMDP P=1):
            # viewers then flag any later revision. The store signs last (the handwritten
            # signatures are images already drawn by `render`), so nothing legitimate follows.
            certify=True,
            docmdp_permissions=MDPPerm.NO_CHANGES,
        )
        try:
            writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
            out = signers.PdfSigner(meta, self._signer).sign_pdf(writer, bytes_reserved=self._reserve)
        except SigningError as e:  # e.g. the field is already signed
            raise ShowroomError("signing_failed", reason=str(e)) from e
        except (PdfError, ValueError, KeyError, TypeError) as e:
            raise ShowroomError("pdf_invalid", reason=str(e)) from e
        return out.getvalue()


@functools.lru_cache(maxsize=2)
def store_signer(cert: StoreCertificate) -> StoreSigner:
    """The ready signer of this certificate, kept while it is in use (its key is in memory
    anyway, in the StoreCertificate the caller holds)."""
    return StoreSigner(cert)
