"""One use case, one transaction, documents included (issue #16.2): a signed document is
archived together with the record it belongs to, or not at all. Rendering and signing happen
before the transaction; a conflict found when linking leaves no orphan in the archive."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.errors import Conflict
from app.test_drives import drive_steps as steps
from db.models import Document
from tests.factories import isolated_data_dir, signature_capture  # noqa: F401
from tests.integration.test_test_drives import NOW, drive_ready_to_sign, edit_drive, world  # noqa: F401

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


def _agreements(uow) -> int:
    with uow() as u:
        return u.session.scalar(
            select(func.count()).select_from(Document).where(Document.doc_type == "test_drive_agreement")
        )


def test_agreement_signed_while_the_drive_changed_elsewhere_leaves_no_archived_pdf(world, monkeypatch):  # noqa: F811
    # T/CSCA 120031 4.2.4.1: the signed agreement belongs to exactly one drive record.
    d = drive_ready_to_sign(world)
    from app.test_drives import agreement_pdf as test_drive_agreement

    real_render = test_drive_agreement.render_agreement

    def render_while_another_terminal_saves(*args, **kwargs):
        edit_drive(world, d.id)  # the other terminal's save lands while we render and sign
        return real_render(*args, **kwargs)

    monkeypatch.setattr(test_drive_agreement, "render_agreement", render_while_another_terminal_saves)
    with pytest.raises(Conflict):
        steps.sign_agreement(
            world.uow(),
            actor=world.consultant,
            drive_id=d.id,
            expected_version=d.version,
            signatures=[
                signature_capture("李先生", "customer", 1),
                signature_capture(world.consultant.full_name, "escort", 2),
            ],
            now=NOW,
        )
    assert _agreements(world.uow) == 0  # nothing signed sits unlinked in the archive
    with world.uow() as u:
        from db.drive_models import TestDrive

        assert u.session.get(TestDrive, d.id).agreement_document_id is None
