"""Change a staff account's roles (issue #15.10): one checkbox per role; the service refuses
an empty set and removing the last active administrator, shown beside the roles. A form
dialog on ServiceFormDialog (issue #16.1); a stale copy of the account opens the conflict box,
whose Reload shows the roles as saved now."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from db.models import Role
from ui.shell.labels import role_label
from ui.shell.service_form_dialog import ServiceCall, ServiceFormDialog
from ui.widgets.field_error import FieldErrors


class RolesDialog(ServiceFormDialog):
    def __init__(self, ctx, staff, parent=None) -> None:
        std = QDialogButtonBox.StandardButton
        body = QWidget()
        super().__init__(ctx, body, FieldErrors(), parent, buttons=std.Ok | std.Cancel)
        self.setObjectName("roles_dialog")
        self.staff = staff
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
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.errors.wrap("roles", boxes))
        layout.addWidget(note)

    def service_call(self) -> ServiceCall | None:
        ctx, staff = self.ctx, self.staff
        roles = [r.value for r, box in self.role_boxes.items() if box.isChecked()]

        def work():
            from app.staff.accounts import set_roles

            return set_roles(ctx.uow(), actor=ctx.actor, user_id=staff.id, roles=roles, expected_version=staff.version)

        return work

    def reload_call(self) -> ServiceCall | None:
        ctx, username = self.ctx, self.staff.username

        def work():
            from app.staff.accounts import find_by_username

            return find_by_username(ctx.uow(), actor=ctx.actor, username=username)

        return work

    def load(self, dto) -> None:
        self.staff = dto
        for role, box in self.role_boxes.items():
            box.setChecked(role in dto.roles)
