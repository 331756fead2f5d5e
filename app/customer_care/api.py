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
]
