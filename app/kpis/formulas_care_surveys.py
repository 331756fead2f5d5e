"""3.18 顾客满意率 (5.2.1 b): satisfied sales follow-up answer sheets over all sales follow-up
answer sheets recorded in the period (`survey_response.recorded_at`; "satisfied" is what the
template's rule derived when the sheet was recorded, 4.5.2.3). A sheet recorded after `as_of`
does not count yet.

3.18 counts the follow-ups of the sales service (销售服务回访) only: the answer sheets of the
store's two sales questionnaires, the delivery survey (交车满意度调查) and the sales follow-up
survey (销售回访调查), in every version published of them. A questionnaire the store adds about
anything else (a workshop visit, an event) is not 3.18's (docs/kpis_design.md).

Consultant: the consultant of the deal the sheet is about; brand: that deal's car (the car sold,
or the brand the deal is for while no car is chosen). A sheet about no deal goes to the group
None of either grouping, so the groups add up to the store.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.kpis.definitions import KpiCode
from app.kpis.dto import RecordKind, RecordRef
from app.kpis.formulas_care_rows import Row, RowFormula, in_period, period_params
from app.kpis.periods import Period
from db.care_models import SurveyResponse, SurveyTemplate
from db.models import Vehicle
from db.sales_models import Deal


# The questionnaires (`survey_template.key`) whose answer sheets are 3.18's: the store's two
# sales ones (resources/customer_care/surveys/delivery.json and sales_follow_up.json).
SALES_SERVICE_SURVEYS = ("delivery", "sales_follow_up")

# The answer sheets recorded in the period, with the consultant and car of their deal. The
# questionnaire is checked on the rows rather than in SQL, so the database ranges over the
# recording-time index (the period's sheets), not over the questionnaire's every sheet (issue #20.8).
# The deal's consultant and car are a probe per sheet (None when it is about no deal, as an outer
# join gives): joined, PostgreSQL hashed every deal of the store for a month's fifty sheets.
_CONSULTANT = select(Deal.consultant_id).where(Deal.id == SurveyResponse.deal_id).correlate(SurveyResponse)
_BRAND = (
    select(func.coalesce(Vehicle.brand, Deal.brand))
    .select_from(Deal)
    .outerjoin(Vehicle, Vehicle.id == Deal.vehicle_id)
    .where(Deal.id == SurveyResponse.deal_id)
    .correlate(SurveyResponse)
)
SHEETS = (
    select(
        SurveyResponse.id,
        SurveyTemplate.key,
        SurveyResponse.recorded_at,
        SurveyResponse.satisfied,
        _CONSULTANT.scalar_subquery(),
        _BRAND.scalar_subquery(),
    )  # fmt: skip
    .join(SurveyTemplate, SurveyTemplate.id == SurveyResponse.template_id)
    .where(in_period(SurveyResponse.recorded_at))
)


class SatisfactionRate(RowFormula):
    code = KpiCode.SATISFACTION

    def rows(self, session: Session, period: Period, as_of: dt.datetime) -> list[Row]:
        return [
            # The sheet's reference: its questionnaire and number, never the customer's name.
            Row(RecordRef(RecordKind.SURVEY, sid, at, f"{key} #{sid}", consultant, brand or ""), bool(ok), True)
            for sid, key, at, ok, consultant, brand in session.connection().execute(
                SHEETS, period_params(period, as_of)
            )
            if key in SALES_SERVICE_SURVEYS
        ]
