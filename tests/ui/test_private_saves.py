"""A PDF saved from the preview is readable by the app's user only (issue #15.4, 个人信息保护法
art. 51(2)): a test-drive agreement names the customer."""

from __future__ import annotations

import os
import stat

import pytest

from tests.ui.test_pdf_preview import notice, open_preview  # noqa: F401
from ui.widgets import pdf_preview_dialog


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes (Windows: owner-only ACL)")
def test_save_as_writes_an_owner_only_file(
    qtbot,
    sync_ops,
    notice,
    tmp_path,  # noqa: F811
    monkeypatch,
):
    old = os.umask(0o022)  # the usual umask: a plain write would give 0644
    try:
        target = tmp_path / "agreement.pdf"
        target.write_bytes(b"an older copy")
        dialog = open_preview(qtbot, notice)
        monkeypatch.setattr(
            pdf_preview_dialog.QFileDialog, "getSaveFileName", lambda *args: (str(target), "PDF (*.pdf)")
        )
        dialog.save_button.click()
    finally:
        os.umask(old)
    assert target.read_bytes() == notice
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
