"""The store's signing certificates ("the store's seal"): create, import, list, and the
decrypted key for signing.

One certificate is active and signs new documents; certificates it replaced stay in the
table forever, because documents they signed must still verify as the store's own
(`trusted_certificates_pem`). The certificate is kept in clear (PEM); its private key as
PKCS#8 encrypted with the terminal's key file (app/core/keys.py), bound to the certificate's
fingerprint. Database triggers refuse deleting a certificate or changing anything but its
`active` flag and the wrapping of its key (migration 0002).

The first certificate is self-signed with the store's legal name (app.documents.signing).
It is made by `ensure_store_certificate`, which the set-up (CLI `init`, the UI wizard after
`set_up_store`) calls and which signing calls lazily, so a store is never without one.
"""

from __future__ import annotations

import functools
import io

from typing import cast

from sqlalchemy import Table, select, update
from sqlalchemy.orm import undefer

from app.core import keys
from app.core.clock import utcnow
from app.documents.signing import (
    StoreCertificate,
    create_store_certificate,
    load_pkcs12,
    sign_pdf,
    to_pkcs12,
    verify_pdf,
)
from app.core.errors import Conflict, NotFound, PermissionDenied, SetupRequired, ShowroomError
from app.core.permissions import Action, require
from app.core.dto import Actor, CertificateDTO
from app.core.store_keys import record_key_id
from db.models import SigningCertificate, StaffUser, Store
from db.uow import UnitOfWork

GENERATED, IMPORTED = "generated", "imported"


def _aad(fingerprint: str) -> bytes:
    return b"showroom:signing-certificate:" + fingerprint.encode("ascii")


def _dto(row: SigningCertificate, names: dict[int | None, str]) -> CertificateDTO:
    return CertificateDTO(
        id=row.id,
        subject=row.subject,
        fingerprint=row.fingerprint,
        source=row.source,
        active=row.active,
        not_valid_after=row.not_valid_after,
        created_at=row.created_at,
        created_by_id=row.created_by_id,
        created_by_name=names.get(row.created_by_id),
        version=row.version,
    )


def _names(session, ids) -> dict[int | None, str]:
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return dict(session.execute(select(StaffUser.id, StaffUser.full_name).where(StaffUser.id.in_(ids))).all())


def _active_row(session, *, with_key: bool = False) -> SigningCertificate | None:
    # The newest active one wins should two terminals have made one at the same moment.
    # `with_key`: the (deferred) encrypted key read in the same statement, for signing.
    return session.scalar(_active_query(with_key))


@functools.cache
def _active_query(with_key: bool):
    # Built once: every document signed asks it (issue #18.11).
    query = select(SigningCertificate).where(SigningCertificate.active.is_(True))
    if with_key:
        query = query.options(undefer(SigningCertificate.encrypted_key))
    return query.order_by(SigningCertificate.id.desc()).limit(1)


def _get_dto(uow: UnitOfWork, certificate_id: int) -> CertificateDTO:
    with uow:
        row = uow.session.get(SigningCertificate, certificate_id)
        if row is None:
            raise NotFound(what="certificate", id=certificate_id)
        return _dto(row, _names(uow.session, [row.created_by_id]))


def _store_name(uow: UnitOfWork) -> str:
    with uow:
        name = uow.session.scalar(select(Store.legal_name).limit(1))
    if not name:
        raise SetupRequired()
    return name


def _install(uow: UnitOfWork, cert: StoreCertificate, *, source: str, created_by_id: int | None) -> int:
    """Store `cert` (or find it again) and make it the only active one. The key is
    encrypted before the write transaction; the transaction starts with its write."""
    fingerprint = cert.fingerprint
    blob = keys.encrypt(cert.key_pem, aad=_aad(fingerprint))
    table = cast(Table, SigningCertificate.__table__)
    with uow:
        s = uow.session
        row = SigningCertificate(
            subject=cert.subject,
            fingerprint=fingerprint,
            cert_pem=cert.cert_pem.decode("ascii"),
            encrypted_key=blob,
            source=source,
            active=True,
            not_valid_after=cert.not_valid_after,
            created_by_id=created_by_id,
        )
        existing = s.execute(
            table.update()
            .where(table.c.fingerprint == fingerprint)
            .values(active=True, encrypted_key=blob, version=table.c.version + 1, updated_by_id=created_by_id)
            .returning(table.c.id)
        ).scalar_one_or_none()
        if existing is None:
            s.add(row)
            s.flush()
            new_id = row.id
        else:  # imported again: active again, its key wrapped under this key file
            new_id = existing
        s.execute(
            update(SigningCertificate)
            .where(SigningCertificate.id != new_id, SigningCertificate.active.is_(True))
            .values(active=False, version=SigningCertificate.version + 1, updated_by_id=created_by_id)  # #17.15
            .execution_options(synchronize_session=False)
        )
        # The store's signing key file is now this one: `keys import` checks against it.
        key_id = keys.blob_key_id(blob)
        assert key_id is not None  # just encrypted under this terminal's key
        record_key_id(s, key_id.hex(), name=keys.SIGNING)  # issue #15.2
        uow.commit()
        return new_id


def ensure_store_certificate(uow: UnitOfWork, *, actor: Actor) -> CertificateDTO:
    """The active certificate, creating a self-signed one with the store's name first if
    there is none. Any logged-in user may trigger it (signing needs it); choosing or
    replacing a certificate is `create_certificate` / `import_certificate`, admin only.
    The UI wizard calls this right after `store.set_up_store`."""
    if actor is None:
        raise PermissionDenied(action="ensure_store_certificate")
    with uow:
        row = _active_row(uow.session)
        if row is not None:
            return _dto(row, _names(uow.session, [row.created_by_id]))
    cert = create_store_certificate(_store_name(uow))
    try:
        return _get_dto(uow, _install(uow, cert, source=GENERATED, created_by_id=actor.user_id))
    except Conflict:
        # Two terminals signed the store's first document at the same moment and both made a
        # certificate: the other one's won (its key id is the one recorded), so sign with it.
        with uow:
            row = _active_row(uow.session)
            if row is None:
                raise
            return _dto(row, _names(uow.session, [row.created_by_id]))


def create_certificate(uow: UnitOfWork, *, actor: Actor) -> CertificateDTO:
    """A new self-signed certificate that becomes active (e.g. after the store was renamed,
    or the key file was lost). Old documents keep verifying with the old one."""
    require(actor, Action.MANAGE_CERTIFICATE)
    cert = create_store_certificate(_store_name(uow))
    return _get_dto(uow, _install(uow, cert, source=GENERATED, created_by_id=actor.user_id))


def _trial_pdf() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    canvas = Canvas(buf, invariant=1)
    canvas.drawString(72, 720, "Showroom certificate check")
    canvas.save()
    return buf.getvalue()


def import_certificate(uow: UnitOfWork, *, actor: Actor, pkcs12: bytes, password: str | None) -> CertificateDTO:
    """Import a PKCS#12 (.p12/.pfx) key and certificate; it becomes active.

    Refused with certificate_invalid (reason "unreadable", "incomplete", "key_mismatch", or
    "cannot_sign" when a test signature with it does not verify), or certificate_expired.
    """
    require(actor, Action.MANAGE_CERTIFICATE)
    cert = load_pkcs12(pkcs12, password)
    if cert.not_valid_after < utcnow():
        raise ShowroomError("certificate_expired", expired_at=cert.not_valid_after.isoformat())
    try:
        check = verify_pdf(sign_pdf(_trial_pdf(), cert, reason="check", location="check"), cert.cert_pem)
    except ShowroomError as e:
        if e.code == "certificate_expired":
            raise
        raise ShowroomError("certificate_invalid", reason="cannot_sign") from e
    if check.status != "intact":
        raise ShowroomError("certificate_invalid", reason="cannot_sign")
    return _get_dto(uow, _install(uow, cert, source=IMPORTED, created_by_id=actor.user_id))


def export_certificate(uow: UnitOfWork, *, actor: Actor, password: str) -> bytes:
    """The active key and certificate as a password-protected PKCS#12, for a backup of
    the seal or another installation. Admin only: it contains the private key."""
    require(actor, Action.MANAGE_CERTIFICATE)
    if not password:
        raise ShowroomError("certificate_password_required")
    return to_pkcs12(active_certificate(uow), password)


def list_certificates(uow: UnitOfWork, *, actor: Actor) -> list[CertificateDTO]:
    """Every certificate the store ever had, the active one first, then newest first."""
    require(actor, Action.VIEW_DOCUMENTS)
    with uow:
        rows = uow.session.scalars(
            select(SigningCertificate).order_by(SigningCertificate.active.desc(), SigningCertificate.id.desc())
        ).all()
        names = _names(uow.session, [r.created_by_id for r in rows])
        return [_dto(r, names) for r in rows]


def _decrypt(row: SigningCertificate) -> StoreCertificate:
    key_pem = keys.decrypt(row.encrypted_key, aad=_aad(row.fingerprint))
    return StoreCertificate(key_pem=key_pem, cert_pem=row.cert_pem.encode("ascii"))


def active_certificate(uow: UnitOfWork) -> StoreCertificate:
    """The active certificate with its decrypted key (keep it in memory only). Raises
    certificate_missing when there is none, encryption_key_unavailable (app/core/keys.py) when
    this terminal lacks the key file it was encrypted with."""
    with uow:
        row = _active_row(uow.session)
        if row is None:
            raise ShowroomError("certificate_missing")
        return _decrypt(row)


def active_for_signing(session) -> tuple[int, StoreCertificate] | None:
    """certificate_for_signing in the caller's transaction, None if the store has none yet."""
    row = _active_row(session, with_key=True)
    return None if row is None else (row.id, _decrypt(row))


def certificate_for_signing(uow: UnitOfWork, *, actor: Actor) -> tuple[int, StoreCertificate]:
    """(certificate id, decrypted certificate) for signing, creating the first one lazily.
    One read when the store has its certificate (every document but the first; issue #18.11)."""
    if actor is None:
        raise PermissionDenied(action="ensure_store_certificate")
    with uow:
        row = _active_row(uow.session, with_key=True)
        if row is not None:
            return row.id, _decrypt(row)
    ensure_store_certificate(uow, actor=actor)
    with uow:
        row = _active_row(uow.session, with_key=True)
        if row is None:  # deactivated on another terminal meanwhile
            raise ShowroomError("certificate_missing")
        return row.id, _decrypt(row)


def trusted_certificates(uow: UnitOfWork) -> list[tuple[str, bytes]]:
    """(fingerprint, PEM) of every certificate the store has had, the active one first."""
    with uow:
        rows = uow.session.execute(
            select(SigningCertificate.fingerprint, SigningCertificate.cert_pem).order_by(
                SigningCertificate.active.desc(), SigningCertificate.id.desc()
            )
        ).all()
        return [(fp, pem.encode("ascii")) for fp, pem in rows]


def trusted_certificates_pem(uow: UnitOfWork) -> list[bytes]:
    """All the store's certificates, active or not: an old document signed with a
    replaced certificate must still verify as the store's."""
    return [pem for _, pem in trusted_certificates(uow)]
