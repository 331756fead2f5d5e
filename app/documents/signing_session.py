"""What every document of a batch shares while it is numbered and signed (issue #17, speed):
the store's address (the signature's location), the active certificate with its signer made
ready once, and a block of numbers taken in one commit. A batch of 60 cards then decrypts the
key, builds the signer and commits a number once, not 60 times.

Numbers are taken as before, ahead of rendering and committed at once; a batch that stops
early (cancelled, refused) leaves the rest of its block unused: skipped, never reused, like
the number of a document whose rendering fails (documents.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from app.core.dto import Actor
from app.core.clock import utcnow
from app.documents.numbers import allocate_number, format_number, number_year, take_number
from app.documents.store_signer import StoreSigner, store_signer
from db.uow import UnitOfWork


@dataclass
class SigningSession:
    """Open with `open_signing_session`; pass to prepare_document for each document."""

    location: str
    certificate_id: int
    signer: StoreSigner
    block: int = 1  # how many numbers to take at once, per type and year
    _free: dict[tuple[str, int], list[int]] = field(default_factory=dict)

    def new_number(self, uow: UnitOfWork, doc_type: str, year: int) -> str:
        """The next number of this type and year, from the block taken for the batch."""
        free = self._free.setdefault((doc_type, year), [])
        if not free:
            last = allocate_number(uow, doc_type=doc_type, year=year, count=self.block)
            free.extend(range(last - self.block + 1, last + 1))
        return format_number(doc_type, year, free.pop(0))


def open_signing_session(
    uow: UnitOfWork, *, actor: Actor, new_numbers: int = 1, location: str | None = None
) -> SigningSession:
    """The active certificate (created lazily, as for one document) made ready to sign, and
    room for `new_numbers` new document numbers per type and year. `location`: the store's
    address when the caller has just read the store (else it is read here)."""
    from app.documents.certificates import certificate_for_signing
    from app.store.api import get_store

    certificate_id, certificate = certificate_for_signing(uow, actor=actor)
    if location is None:
        location = get_store(uow).address
    return SigningSession(location, certificate_id, store_signer(certificate), max(1, new_numbers))


def signing_session_in(s, *, location: str, doc_types: Sequence[str]) -> SigningSession | None:
    """open_signing_session inside the caller's transaction, with one number of each of
    `doc_types` taken for this year (issue #18.11: two sessions and a commit fewer a
    contract). The caller commits at once (the numbers' counters stay locked until then);
    a number unused (the year turned meanwhile, a refusal) is skipped, never reused. None
    when the store has no certificate yet: open_signing_session creates it."""
    from app.documents.certificates import active_for_signing

    found = active_for_signing(s)
    if found is None:
        return None
    session = SigningSession(location, found[0], store_signer(found[1]))
    year = number_year(utcnow())
    for doc_type in doc_types:  # last: the counters are locked from here to the commit
        session._free[(doc_type, year)] = [take_number(s, doc_type=doc_type, year=year)]
    return session
