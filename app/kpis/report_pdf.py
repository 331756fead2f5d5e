"""The monthly KPI report as a bilingual PDF (月度KPI报告, issue #20.4): the store, the period,
the eight T/CSCA 120031 5.2.1 figures against their targets with the verdict, charts of actual
against target and of the last 12 months (the trend of `kpi_trend`), the figures per sales
consultant, and what each figure counts.

It is a statistical extract for the manager's meeting and the evidence pack, not a document of
the archive: it is NOT signed with the store's certificate nor archived (app.documents.api
archives documents with a customer or a record behind them; a report is recomputed from the
records at any time). It is rendered `invariant` (reportlab's fixed creation date and file ID):
the same data and `as_of` give the same bytes, so the evidence pack's hashes repeat.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.clock import utcnow
from app.core.dto import Actor, StoreDTO
from app.core.errors import SetupRequired
from app.core.permissions import Action, require
from app.documents.layout import (
    DocumentMeta,
    RenderContext,
    centred_small,
    heading,
    labelled,
    render_flowing,
    table_style,
    title_flowables,
)
from app.kpis import report_pdf_text as words
from app.kpis.api import figures_in
from app.kpis.definitions import KPIS
from app.kpis.dto import GroupBy, KpiReportDTO
from app.kpis.periods import Period
from app.kpis.report_pdf_charts import bars_chart, trend_chart
from app.kpis.report_pdf_tables import USABLE, consultant_table, definitions, summary_table
from app.store.api import store_dto
from db.models import Store
from db.uow import UnitOfWork

TREND_MONTHS = 12


@dataclass(frozen=True)
class MonthReport:
    """What the PDF shows, read in one transaction."""

    store: StoreDTO
    report: KpiReportDTO  # the period, per consultant
    trend: list[KpiReportDTO]  # the store's last TREND_MONTHS months, the period's last one included


def gather(session: Session, period: Period, as_of: dt.datetime) -> MonthReport:
    """The figures of `period` per consultant and the trend, inside an open read (the same
    figures `compute_kpis` and `kpi_trend` give)."""
    store = session.scalar(select(Store))
    if store is None:
        raise SetupRequired()
    report = figures_in(session, period, by=GroupBy.CONSULTANT, as_of=as_of)
    trend = [figures_in(session, m, by=None, as_of=as_of) for m in period.months_back(TREND_MONTHS)]
    return MonthReport(store_dto(store), report, trend)


def render_month_report(uow: UnitOfWork, *, actor: Actor, period: Period, as_of: dt.datetime | None = None) -> bytes:
    """The report of `period` with its figures taken at `as_of` (now when None), as PDF bytes."""
    require(actor, Action.VIEW_KPIS)
    as_of = as_of or utcnow()
    with uow:
        data = gather(uow.session, period, as_of)
    return render_pdf(data, as_of)


def render_pdf(data: MonthReport, as_of: dt.datetime) -> bytes:
    """Pure: the gathered figures -> PDF bytes (no database)."""
    period = data.report.period
    meta = DocumentMeta(words.DOC_TYPE, f"KPI-{period.label}", 1, "bilingual", as_of, data.store, words.TITLE)
    return render_flowing(meta, lambda ctx: _story(ctx, data, as_of), invariant=True)


def _period_line(ctx: RenderContext, period: Period, as_of: dt.datetime) -> str:
    span = f"{period.label}（{period.first_day.isoformat()} – {period.last_day.isoformat()}）"
    when = f"{words.store_time_text(as_of)}（{words.SHANGHAI_TIME.zh} {words.SHANGHAI_TIME.en}）"
    return f"{labelled(words.PERIOD, span, ctx.language)}　·　{labelled(words.AS_OF, when, ctx.language)}"


def _trend_grid(ctx: RenderContext, trend: list[KpiReportDTO]) -> Table:
    """The eight small trend charts, two a row in 5.2.1 order."""
    width = USABLE / 2
    charts = [trend_chart(d.code, trend, ctx.fonts, width - 2 * mm) for d in KPIS]
    rows = [charts[i : i + 2] for i in range(0, len(charts), 2)]
    table = Table(rows, colWidths=[width, width])
    table.setStyle(
        table_style(
            ctx.fonts,
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        )
    )
    return table


def _story(ctx: RenderContext, data: MonthReport, as_of: dt.datetime) -> list[Flowable]:
    report = data.report
    story: list[Flowable] = title_flowables(ctx, words.TITLE)
    story += [centred_small(ctx, _period_line(ctx, report.period, as_of)), Spacer(1, 3 * mm)]
    story += heading(ctx, words.H_SUMMARY)
    story.append(summary_table(ctx, report.store.figures))
    story += heading(ctx, words.H_BARS)
    story.append(bars_chart(report.store.figures, ctx.fonts, USABLE))
    story += heading(ctx, words.H_TREND)
    story.append(_trend_grid(ctx, data.trend))
    story += heading(ctx, words.H_CONSULTANTS)
    story += consultant_table(ctx, report.groups)
    story += heading(ctx, words.H_DEFINITIONS)
    story += definitions(ctx)
    return story
