"""The front-desk check-in form (展厅前台接待, T/CSCA 120031 4.2.1.1), made for the keyboard.

The cursor waits in the name (issue #17.8): a walk-in gives name and mobile, the customer
ticks the consent notice, then the source channel is picked by typing a few letters of it
(type-ahead over the Chinese and English names) and Enter checks them in; an anonymous one
Tabs past name and mobile. The rest defaults to walk-in, arrival now, party of one, rotation. Tab walks the fields in the order a receptionist asks, each label's Alt+letter
goes straight to its field; Enter in a text field or Ctrl+Enter anywhere checks the visitor in.

Name and mobile are optional and stored only with consent (PIPL): entering either shows the
current consent notice and a "customer agreed" box; the notice version and the moment it was
first shown go to the service. A known mobile shows the visitor's history and consultant.
The form only builds and reads widgets: saving is the page's job."""

from __future__ import annotations

import datetime as dt
import re
import uuid

from PySide6.QtCore import QEvent, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFormLayout, QWidget

from app.core.clock import from_store_time, store_today, to_store_time, utcnow
from app.reception.checkin import CheckInInput
from ui.shell.i18n import current_language
from ui.reception.checkin_fields import SPLIT, CheckInFields, channel_item_text
from ui.widgets.field_error import FieldErrors


def digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


class CheckInForm(CheckInFields):
    request_key = ""  # set by reset(): identifies this visitor's check-in (issue #16)
    mobile_ready = Signal(str)  # a complete-looking mobile number settled (debounced)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.errors = FieldErrors()
        self.channels: list = []
        self.model_choices: dict[str, tuple[str, str]] = {}
        self.consent_text = None
        self.consent_shown_at: dt.datetime | None = None
        self.known_customer = None
        self._arrival_touched = False
        self._type_touched = False
        self._looked_up = ""  # the mobile number whose history is shown
        self.appointment = None  # an appointment arriving (set from the appointments list)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Issue #17.8: a walk-in starts with who they are, then where they heard of us.
        self._person_rows(form)
        self._visit_rows(form)
        self._assignment_rows(form)
        self._lay_out(form)
        self._keyboard()
        self._wire()
        self.set_consultants([])
        self._follow_clock()

    def _keyboard(self) -> None:
        """Tab order through every input, Ctrl+Enter anywhere, Enter in a line edit."""
        for w in (
            self.channel,
            self.visit_type,
            self.party_size,
            self.with_children,
            self.foreign_visitor,
            self.language,
            self.models,
            self.name,
            self.mobile,
            self.consent_given,
            self.arrival,
            self.consultant,
            self.override_reason,
            self.submit_button,
        ):
            w.setFocusPolicy(w.focusPolicy() | Qt.FocusPolicy.TabFocus)
        chain = [
            self.name,
            self.mobile,
            self.consent_given,
            self.channel,
            self.visit_type,
            self.party_size,
            self.with_children,
            self.foreign_visitor,
            self.language,
            self.models,
            self.arrival,
            self.consultant,
            self.override_reason,
            self.submit_button,
        ]
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)

        for key in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.submitted.emit)
        for edit in (self.language, self.models, self.name, self.mobile, self.override_reason):
            edit.returnPressed.connect(self._return_pressed)
        self.channel.lineEdit().returnPressed.connect(self._return_pressed)
        # Installed after the completer's own filter, so it sees Enter in the suggestions first.
        self.channel.completer().popup().installEventFilter(self)

    def _wire(self) -> None:
        self.with_children.toggled.connect(self.child_banner.setVisible)
        self.foreign_visitor.toggled.connect(self._foreign_toggled)
        self.name.textChanged.connect(lambda _t: self._personal_data_changed())
        self.mobile.textChanged.connect(lambda _t: self._personal_data_changed())
        self.consultant.currentIndexChanged.connect(self._consultant_changed)
        self._mobile_timer = QTimer(self, singleShot=True, interval=400)
        self._mobile_timer.timeout.connect(self._mobile_settled)
        self._clock = QTimer(self, interval=15_000)
        self._clock.timeout.connect(self._follow_clock)
        self._clock.start()

    # --- data from the page --------------------------------------------------------------
    def set_channels(self, channels) -> None:
        current = self.channel_id()
        self.channels = list(channels)
        self.channel.blockSignals(True)
        self.channel.clear()
        for c in self.channels:
            self.channel.addItem(channel_item_text(c), c.id)
        self.channel.setCurrentIndex(-1)
        self.channel.setEditText("")
        if current is not None:
            self.channel.setCurrentIndex(self.channel.findData(current))
        self.channel.blockSignals(False)

    def set_model_choices(self, choices) -> None:
        self.model_choices = {f"{c.brand} {c.model}": (c.brand, c.model) for c in choices}
        self._models_list.setStringList(list(self.model_choices))

    def set_consultants(self, duty) -> None:
        """On-duty consultants for the override combo (first entry: by rotation)."""
        keep = self.consultant.currentData()
        self.consultant.blockSignals(True)
        self.consultant.clear()
        self.consultant.addItem(self.tr("By rotation (轮流接待)"), None)
        for d in duty:
            if d.on_duty:
                self.consultant.addItem(d.consultant_name, d.consultant_id)
        index = self.consultant.findData(keep) if keep is not None else 0
        self.consultant.setCurrentIndex(max(index, 0))
        self.consultant.blockSignals(False)
        self._consultant_changed()

    def set_consent_text(self, text) -> None:
        self.consent_text = text
        if text is None:
            return
        zh = current_language() == "zh_CN"
        self.consent_view.setPlainText(text.text_zh if zh or not text.text_en else text.text_en)
        self.consent_title.setText(
            self.tr("Show the customer this notice (version {version}) and ask for consent:").format(
                version=text.version_label
            )
        )

    def show_history(self, history) -> None:
        """A known mobile: who they are, their consultant, their last visits and leads."""
        self.known_customer = history.customer if history else None
        if history is None:
            self.history.setVisible(False)
            self._personal_data_changed()
            return
        c = history.customer
        lines = [
            self.tr("Known customer: {name}, consultant {consultant}").format(
                name=c.name_masked or "—", consultant=c.consultant_name or self.tr("none yet")
            )
        ]
        if history.visits:
            last = history.visits[0]
            lines.append(
                self.tr("{count} earlier visits; last on {day} with {consultant}").format(
                    count=len(history.visits),
                    day=to_store_time(last.arrival_at).strftime("%Y-%m-%d"),
                    consultant=last.consultant_name or "—",
                )
            )
        else:
            lines.append(self.tr("No earlier visits."))
        for lead in history.leads[:3]:
            lines.append(f"· {lead.brand} {lead.model} ({lead.intent_level or '-'})")
        for a in history.upcoming_appointments[:1]:
            lines.append(
                self.tr("Appointment at {time} with {consultant}").format(
                    time=to_store_time(a.scheduled_at).strftime("%m-%d %H:%M"), consultant=a.consultant_name
                )
            )
        if c.has_consent:
            lines.append(self.tr("Consent on record: no need to ask again."))
        self.history.setText("\n".join(lines))
        self.history.setVisible(True)
        if not self._type_touched and self.visit_type.currentData() == "walk_in":
            self.visit_type.setCurrentIndex(self.visit_type.findData("return_visit"))
        self._personal_data_changed()

    def set_appointment(self, appointment) -> None:
        """A booked customer arrived: the visit is theirs (type appointment, their consultant)."""
        self.appointment = appointment
        if appointment is not None:
            self.appointment_label.setText(
                self.tr(
                    "Appointment arriving: {customer}, {time}, with {consultant}. Choose the channel and check in."
                ).format(
                    customer=appointment.customer_name_masked or "—",
                    time=to_store_time(appointment.scheduled_at).strftime("%H:%M"),
                    consultant=appointment.consultant_name,
                )
            )
            self.visit_type.setCurrentIndex(self.visit_type.findData("appointment"))
        self.appointment_label.setVisible(appointment is not None)
        for w in (self.name, self.mobile, self.visit_type):
            w.setEnabled(appointment is None)

    # --- behaviour -----------------------------------------------------------------------
    def _return_pressed(self) -> None:
        popup = self.channel.completer().popup()
        if popup is not None and popup.isVisible():
            return
        self.submitted.emit()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        """Enter in the channel's suggestions picks the one highlighted (else the letters typed
        decide, see channel_id) and checks the visitor in: one Enter, not two (issue #17.8)."""
        popup = self.channel.completer().popup()
        if (
            watched is popup
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            index = popup.currentIndex()
            popup.hide()
            if index.isValid():
                self.channel.setEditText(index.data())
            self.submitted.emit()
            return True
        return super().eventFilter(watched, event)

    def _foreign_toggled(self, on: bool) -> None:
        self.language.setVisible(on)
        self.foreign_banner.setVisible(on)
        if on:
            self.language.setFocus()

    def _consultant_changed(self, *_args) -> None:
        chosen = self.consultant.currentData() is not None
        self.override_reason.setEnabled(chosen)
        if not chosen:
            self.override_reason.clear()
            self.errors.clear_field("override_reason")

    def _personal_data_changed(self) -> None:
        has_data = bool(self.name.text().strip() or self.mobile.text().strip())
        on_record = self.known_customer is not None and self.known_customer.has_consent
        show = has_data and not on_record
        if show and self.consent_shown_at is None:
            self.consent_shown_at = utcnow()  # PIPL art. 14: when the notice was shown
        self.consent_box.setVisible(show)
        number = digits(self.mobile.text())
        if number != self._looked_up and self._looked_up:
            self._looked_up = ""
            self.known_customer = None
            self.history.setVisible(False)
            self.consent_box.setVisible(has_data)
        if len(number) == 11 and number != self._looked_up:
            self._mobile_timer.start()

    def _mobile_settled(self) -> None:
        number = digits(self.mobile.text())
        if len(number) == 11 and number != self._looked_up:
            self._looked_up = number
            self.mobile_ready.emit(number)

    def _arrival_edited(self) -> None:
        now_local = to_store_time(utcnow()).time().replace(second=0, microsecond=0)
        if self.arrival.time().toString("HH:mm") != now_local.strftime("%H:%M"):
            self._arrival_touched = True

    def _follow_clock(self) -> None:
        if not self._arrival_touched:
            local = to_store_time(utcnow())
            self.arrival.setTime(QTime(local.hour, local.minute))

    # --- reading ---------------------------------------------------------------------------
    def channel_id(self) -> int | None:
        """The chosen channel: the exact item, else the one item the typed text matches."""
        text = self.channel.currentText().strip()
        if not text:
            return None
        exact = self.channel.findText(text, Qt.MatchFlag.MatchFixedString)
        if exact >= 0:
            return self.channel.itemData(exact)
        folded = text.casefold()
        hits = [i for i in range(self.channel.count()) if folded in self.channel.itemText(i).casefold()]
        if len(hits) == 1:
            return self.channel.itemData(hits[0])
        # Several match: the first whose Chinese or English name starts with the letters typed,
        # the top of the suggestions shown ("auto" is Autohome, issue #17.8).
        for i in hits:
            words = re.split(r"[\s·/]+", self.channel.itemText(i).casefold())
            if any(w.startswith(folded) for w in words) or self.channel.itemText(i).casefold().startswith(folded):
                return self.channel.itemData(i)
        return -1  # typed something that is no channel: the service says "unknown value"

    def interested_models(self) -> list[tuple[str, str]]:
        out = []
        folded = {k.casefold(): v for k, v in self.model_choices.items()}
        for part in SPLIT.split(self.models.text().strip()):
            if not part:
                continue
            pair = folded.get(part.casefold())
            if pair is None:
                brand, _, model = part.partition(" ")
                pair = (brand, model)
            out.append(pair)
        return out

    def arrival_at(self) -> dt.datetime | None:
        if not self._arrival_touched:
            return None
        t = self.arrival.time()
        local = dt.datetime.combine(store_today(), dt.time(t.hour(), t.minute()))
        return from_store_time(local)

    def check_in_input(self) -> tuple[CheckInInput, int | None, str | None]:
        """(input, override consultant or None, override reason or None)."""
        visit_type = self.visit_type.currentData()
        chosen = self.consultant.currentData()
        reason = self.override_reason.text().strip()
        requested = override = None
        if chosen is not None:
            # An invited or returning visitor may ask for their consultant (no override);
            # anything else bypasses the rotation and needs a reason.
            if visit_type in ("invited", "return_visit") and not reason:
                requested = chosen
            else:
                override = chosen
        personal = bool(self.name.text().strip() or self.mobile.text().strip())
        data = CheckInInput(
            channel_id=self.channel_id(),
            visit_type=visit_type,
            party_size=self.party_size.value(),
            with_children=self.with_children.isChecked(),
            foreign_visitor=self.foreign_visitor.isChecked(),
            language=self.language.text().strip() or None,
            interested_models=self.interested_models(),
            name=self.name.text().strip() or None,
            mobile=self.mobile.text().strip() or None,
            consent_text_id=self.consent_text.id if (personal and self.consent_text) else None,
            consent_shown_at=self.consent_shown_at if personal else None,
            consent_given=personal and self.consent_given.isChecked(),
            arrival_at=self.arrival_at(),
            requested_consultant_id=requested,
            appointment_id=self.appointment.id if self.appointment else None,
            request_key=self.request_key,
        )
        return data, override, (reason if override is not None else None)

    def reset(self) -> None:
        """Ready for the next visitor: defaults back, focus in the first field."""
        self.request_key = uuid.uuid4().hex  # one visitor, one visit, however often submitted
        self.errors.clear()
        self.other_errors.setVisible(False)
        self.channel.setCurrentIndex(-1)
        self.channel.setEditText("")
        self.visit_type.setCurrentIndex(0)
        self._type_touched = False
        self.party_size.setValue(1)
        self.with_children.setChecked(False)
        self.foreign_visitor.setChecked(False)
        for edit in (self.language, self.models, self.name, self.mobile, self.override_reason):
            edit.clear()
        self.consent_given.setChecked(False)
        self.consent_shown_at = None
        self.known_customer = None
        self._looked_up = ""
        self.history.setVisible(False)
        self.consent_box.setVisible(False)
        self.set_appointment(None)
        self.consultant.setCurrentIndex(0)
        self._arrival_touched = False
        self._follow_clock()
        self.first_field().setFocus()

    def first_field(self) -> QWidget:
        """Where the cursor waits: the name (issue #17.8), or the channel for a booked arrival."""
        return self.name if self.name.isEnabled() else self.channel
