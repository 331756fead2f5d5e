"""Change a staff account's roles (issue #15.10): one checkbox per role; the service refuses
an empty set and removing the last active administrator, shown beside the roles."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from db.models import Role
from ui.shell.labels import role_label
from ui.widgets.field_error import FieldErrors
from ui.shell.ops import Op


class RolesDialog(QDialog):
    def __init__(self, ctx, staff, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("roles_dialog")
        self.ctx, self.staff = ctx, staff
        self.errors = FieldErrors()
        self.setWindowTitle(self.tr("Roles of {name}").format(name=staff.full_name))
        self.role_boxes: dict[Role, QCheckBox] = {}
        boxes = QWidget()
        grid = QGridLayout(boxes)
        for i, role in enumerate(Role):
            box = QCheckBox(role_label(role.value))
            box.setObjectName(f"role_{role.value}")
            box.setChecked(role in staff.roles)
            self.role_boxes[role] = box
            grid.addWidget(box, i // 2, i % 2)
        note = QLabel(self.tr("The new roles apply from the person's next login."))
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.wrap("roles", boxes))
        layout.addWidget(note)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        self.errors.clear()
        ctx, staff = self.ctx, self.staff
        roles = [r.value for r, box in self.role_boxes.items() if box.isChecked()]

        def work():
            from app.staff.accounts import set_roles

            return set_roles(ctx.uow(), actor=ctx.actor, user_id=staff.id, roles=roles, expected_version=staff.version)

        Op(ctx, self, work).busy(self.buttons).on_success(lambda _staff: self.accept()).on_failure(
            lambda exc: self.errors.report_failure(self, exc)
        ).run()
