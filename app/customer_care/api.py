"""The public module of customer care: other features, the UI and the command line import what
they need from here, never from its other modules (README, Development)."""

# --- Complaints and the working-day calendar (issue #19.3; h-care2) --------------------------
from app.customer_care.calendar import (
    CalendarUnknown,
    WorkingCalendar,
    WorkingDayDTO,
    enter_calendar_year,
    list_entered_years,
    library_years,
    list_overrides,
    set_working_day,
    working_calendar,
)
from app.customer_care.complaint_board import complaint_board, count_by_channel, get_complaint, list_complaint_handlers
from app.customer_care.complaint_deadlines import ClockState, first_response_due, reply_due
from app.customer_care.complaint_dto import (
    BoardDTO,
    BoardRow,
    ComplaintDTO,
    ComplaintInput,
    EscalationNotice,
    MaterialDTO,
    NoteDTO,
    ProgressDTO,
)
from app.customer_care.complaint_escalation import escalate_due, mark_escalations_seen, my_escalations
from app.customer_care.complaint_handling import add_note, close_complaint, record_first_response, record_reply
from app.customer_care.complaint_materials import add_material, material_content
from app.customer_care.complaint_progress import query_progress
from app.customer_care.complaint_receipt import complaint_receipt_pdf
from app.customer_care.complaints import receive_complaint

# Public notices (issue #19.5; h-care2).
from app.customer_care.notice_defaults import default_notice
from app.customer_care.notice_dto import NoticeDTO, NoticeInput
from app.customer_care.notice_pdf import render_notice_poster
from app.customer_care.notice_versions import list_notices, publish_notice, record_notice_print, stale_notices

__all__ = [
    # --- complaints, the working-day calendar and public notices (h-care2), sorted ---
    "BoardDTO",
    "BoardRow",
    "CalendarUnknown",
    "ClockState",
    "ComplaintDTO",
    "ComplaintInput",
    "EscalationNotice",
    "MaterialDTO",
    "NoteDTO",
    "NoticeDTO",
    "NoticeInput",
    "ProgressDTO",
    "WorkingCalendar",
    "WorkingDayDTO",
    "add_material",
    "add_note",
    "close_complaint",
    "complaint_board",
    "complaint_receipt_pdf",
    "count_by_channel",
    "default_notice",
    "enter_calendar_year",
    "escalate_due",
    "first_response_due",
    "get_complaint",
    "library_years",
    "list_complaint_handlers",
    "list_entered_years",
    "list_notices",
    "list_overrides",
    "mark_escalations_seen",
    "material_content",
    "my_escalations",
    "publish_notice",
    "query_progress",
    "receive_complaint",
    "record_first_response",
    "record_notice_print",
    "record_reply",
    "render_notice_poster",
    "reply_due",
    "set_working_day",
    "stale_notices",
    "working_calendar",
]


# --- end of complaints block ----------------------------------------------------------------
