"""Permission cases of the management figures (issue #20), for test_permissions.py: each action
maps to a function (uow, actor, manager, tmp_path) that performs it once as `actor`. The figures
and their targets are the sales manager's (5.2.1); the audit pack is management's and the
administrator's (ch. 6)."""

from __future__ import annotations

import datetime as dt

from app.core.clock import store_today
from app.core.permissions import Action
from app.kpis.api import Period, compute_kpis
from app.kpis.evidence import build_evidence_pack
from app.kpis.targets_service import set_target


def view(uow, actor, manager, tmp_path):
    compute_kpis(uow(), actor=actor, period=Period.month(store_today()))


def set_targets(uow, actor, manager, tmp_path):
    set_target(uow(), actor=actor, code="3.11", target_bp=9900, effective_from=store_today(), reason="group standard")


def build_pack(uow, actor, manager, tmp_path):
    day = store_today() - dt.timedelta(days=40)
    build_evidence_pack(uow(), actor=actor, period=Period.month(day), out=tmp_path / "pack.zip")


CASES = {Action.VIEW_KPIS: view, Action.MANAGE_KPI_TARGETS: set_targets, Action.BUILD_EVIDENCE_PACK: build_pack}
RULE_REFUSALS: set = set()
