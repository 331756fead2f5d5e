"""The public module of customer care (issue #19): other features and the UI import from here,
never from its other modules. Shared by the follow-up/survey/recovery part and the complaints
and public-notices part: keep each list sorted."""

from app.customer_care.clock import DELIVERY_CALL_HOURS, MAX_TRIES, delivery_call_due, server_now
from app.customer_care.delivery import plan_after_delivery
from app.customer_care.dto import (
    CareNoticeDTO,
    CareSettingsDTO,
    OutcomeDTO,
    PlannedDTO,
    RecoveryCaseDTO,
    SurveyQuestionDTO,
    SurveyResponseDTO,
    SurveyTemplateDTO,
    TaskDTO,
    TaskListDTO,
)
from app.customer_care.kpis import CareKpiDTO, get_care_kpis
from app.customer_care.leads import plan_lead_follow_ups
from app.customer_care.notices import ASSIGNED, ESCALATED, acknowledge_care_notices, list_care_notices
from app.customer_care.recovery import (
    COMPENSATION_TYPES,
    FAILURE_CLASSES,
    approve_compensation,
    list_recovery_cases,
    propose_compensation,
    record_apology,
)
from app.customer_care.settings import get_care_settings, list_care_staff, save_care_settings, set_first_service_days
from app.customer_care.survey_export import export_surveys
from app.customer_care.surveys import list_survey_templates, publish_survey_template, record_survey
from app.customer_care.tasks import count_care_tasks, list_care_tasks, record_task_outcome

# --- Complaints and the working-day calendar (issue #19.3; h-care2) --------------------------
from app.customer_care.calendar import (
    WorkingCalendar,
    WorkingDayDTO,
    enter_calendar_year,
    list_entered_years,
    library_years,
    list_overrides,
    set_working_day,
    working_calendar,
    years_to_enter,
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
from app.customer_care.papers import complaint_receipt_pdf  # the PDF module loads when used
from app.customer_care.complaints import receive_complaint

# Public notices (issue #19.5; h-care2).
from app.customer_care.notice_defaults import default_notice
from app.customer_care.notice_dto import NoticeDTO, NoticeInput
from app.customer_care.papers import render_notice_poster
from app.customer_care.notice_versions import list_notices, publish_notice, record_notice_print, stale_notices

__all__ = [
    "ASSIGNED",
    "COMPENSATION_TYPES",
    "CareKpiDTO",
    "CareNoticeDTO",
    "CareSettingsDTO",
    "DELIVERY_CALL_HOURS",
    "ESCALATED",
    "FAILURE_CLASSES",
    "MAX_TRIES",
    "OutcomeDTO",
    "PlannedDTO",
    "RecoveryCaseDTO",
    "SurveyQuestionDTO",
    "SurveyResponseDTO",
    "SurveyTemplateDTO",
    "TaskDTO",
    "TaskListDTO",
    "acknowledge_care_notices",
    "approve_compensation",
    "get_care_kpis",
    "count_care_tasks",
    "delivery_call_due",
    "export_surveys",
    "get_care_settings",
    "list_care_notices",
    "list_care_staff",
    "list_care_tasks",
    "list_recovery_cases",
    "list_survey_templates",
    "plan_after_delivery",
    "plan_lead_follow_ups",
    "propose_compensation",
    "publish_survey_template",
    "record_apology",
    "record_survey",
    "record_task_outcome",
    "save_care_settings",
    "server_now",
    "set_first_service_days",
    # --- complaints, the working-day calendar and public notices (h-care2), sorted ---
    "BoardDTO",
    "BoardRow",
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
    "years_to_enter",
]
