"""3.18 顾客满意率 (T/CSCA 120031 5.2.1 b, 3.18: 销售服务回访满意数 / 顾客销售服务回访总数) counts
the follow-ups of the sales service only, as docs/kpis_design.md defines it: the answer sheets of
the store's delivery survey and sales follow-up survey, never those of a questionnaire the store
adds about something else (here a workshop visit), through the real survey services."""

from __future__ import annotations

import datetime as dt

from app.customer_care.api import publish_survey_template, record_survey
from app.customer_care.surveys import default_definitions
from app.kpis.api import KpiCode, Period, Side, compute_kpis, kpi_records
from tests.factories import isolated_data_dir  # noqa: F401  (fixture)
from tests.integration.test_kpi_care_factories import people  # noqa: F401  (fixture)
from tests.integration.test_kpi_care_surveys import HAPPY, UNHAPPY, deal_of, sheet

APRIL = Period.month(dt.date(2026, 4, 1))
LATER = dt.datetime(2026, 6, 1)
WORKSHOP = {
    **default_definitions()["delivery"],
    "key": "workshop_visit",
    "title_zh": "维修保养满意度调查",
    "title_en": "Workshop visit survey",
}


def test_only_the_sales_questionnaires_count_in_3_18(uow, people):
    li, manager, carer = people["li"], people["manager"], people["carer"]
    at = dt.datetime(2026, 4, 2, 3, 0)
    deal = deal_of(uow, li, manager, "大众", at)
    delivery = sheet(uow, carer, deal, HAPPY, at + dt.timedelta(days=1))
    follow_up = record_survey(
        uow(), actor=carer, template_key="sales_follow_up", customer_id=deal[1], deal_id=deal[0],
        answers={"overall": 2, "price_clear": True, "recommend": "maybe"}, now=at + dt.timedelta(days=7),
    )  # fmt: skip
    publish_survey_template(uow(), actor=manager, definition=WORKSHOP)
    for answers, days in ((HAPPY, 10), (UNHAPPY, 11)):  # the car's first service: not a sales follow-up
        record_survey(uow(), actor=carer, template_key="workshop_visit", customer_id=deal[1], deal_id=deal[0],
                      answers=answers, now=at + dt.timedelta(days=days))  # fmt: skip
    report = compute_kpis(uow(), actor=manager, period=APRIL, as_of=LATER)
    figure = {f.code: f for f in report.store.figures}[KpiCode.SATISFACTION]
    assert (figure.numerator, figure.denominator, figure.value_bp) == (1, 2, 5000)
    counted = kpi_records(uow(), actor=manager, code=KpiCode.SATISFACTION, period=APRIL, side=Side.DENOMINATOR,
                          as_of=LATER)  # fmt: skip
    assert [r.id for r in counted] == [delivery.id, follow_up.id]


def test_the_questionnaires_3_18_names_are_the_stores_sales_surveys():
    """Renaming a default questionnaire must not silently empty 3.18."""
    from app.kpis.formulas_care_surveys import SALES_SERVICE_SURVEYS

    assert set(SALES_SERVICE_SURVEYS) <= set(default_definitions())
