"""The selected complaint under the board (issue #19.3): what it is about, its notes (who wrote
what and when, and which the customer may see) and its archived materials (4.5.2.2), with
"Add material…" to keep a letter, a photo or a recording. Stored files cannot be changed or
removed afterwards: the button only ever adds."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QTextBrowser, QVBoxLayout, QWidget

from app.core.permissions import Action, can
from app.customer_care.api import ComplaintDTO, add_material, get_complaint
from ui.shell.labels import local_time
from ui.shell.ops import Op
from ui.shell.workers import run_op
from ui.widgets.buttons import action_button

# What the archive accepts (app/customer_care/complaint_materials.MEDIA_TYPES), by file ending.
MEDIA_TYPES = {
    ".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
    ".txt": "text/plain", ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".wav": "audio/wav", ".amr": "audio/amr",
}  # fmt: skip


class ComplaintDetail(QWidget):
    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.complaint: ComplaintDTO | None = None
        self.text = QTextBrowser(objectName="complaint_detail_text")
        self.add_button = action_button(
            self.tr("Add material…"), "add_complaint_material", self.add_material,
            visible=can(ctx.actor.roles, Action.HANDLE_COMPLAINTS),
        )  # fmt: skip
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addLayout(bar)
        self.show_complaint(None)

    def load(self, complaint_id: int | None) -> None:
        if complaint_id is None:
            self.show_complaint(None)
            return
        ctx = self.ctx
        run_op(self, lambda: get_complaint(ctx.uow(), actor=ctx.actor, complaint_id=complaint_id), self.show_complaint)

    def _kind(self, kind: str) -> str:
        words = {
            "note": self.tr("Note"),
            "first_response": self.tr("First response"),
            "reply": self.tr("Reply"),
            "result": self.tr("Result"),
            "closure": self.tr("Closure"),
        }
        return words.get(kind, kind)

    def show_complaint(self, c: ComplaintDTO | None) -> None:
        self.complaint = c
        self.add_button.setEnabled(c is not None and c.status == "open")
        if c is None:
            self.text.setPlainText("")
            return
        lines = [f"{c.number} · {c.contact_name} {c.contact_mobile}", c.summary, ""]
        for n in c.notes:
            seen = self.tr(" (customer sees it)") if n.customer_visible else ""
            lines.append(f"{local_time(n.written_at)} {n.written_by} · {self._kind(n.kind)}{seen}: {n.text}")
        if c.materials:
            lines += ["", self.tr("Materials (kept unchanged):")]
            lines += [
                f"{local_time(m.added_at)} {m.filename} ({m.size:,} B, SHA-256 {m.sha256[:12]}…)" for m in c.materials
            ]
        self.text.setPlainText("\n".join(lines))

    def add_material(self) -> None:
        c = self.complaint
        if c is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Keep a file with the complaint"), "",
            self.tr("Letters, photos, recordings (*.pdf *.jpg *.jpeg *.png *.txt *.mp3 *.m4a *.wav *.amr)"),
        )  # fmt: skip
        if not path:
            return
        file = Path(path)
        content, media_type = file.read_bytes(), MEDIA_TYPES.get(file.suffix.lower(), "application/octet-stream")
        ctx = self.ctx
        Op(
            ctx, self,
            lambda: add_material(ctx.uow(), actor=ctx.actor, complaint_id=c.id, filename=file.name,
                                 media_type=media_type, content=content),
        ).busy(self.add_button).on_success(self.show_complaint).run()  # fmt: skip
