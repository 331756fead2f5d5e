"""Benchmark rows of the deal board (issue #18.11): its first screen, as a manager and as a
consultant sees it, against reading the same 100 deals by hand (bench/run.py adds them). The
note gives the service's CPU time, the steadier figure on a loaded machine."""

from __future__ import annotations

import statistics
import time


def _cpu_median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return statistics.median(times)


def deal_board_rows(table, url: str, label: str, repeat: int) -> None:
    from sqlalchemy import text

    from app.sales.board import deal_board
    from bench.run import Row, _actor, median_time
    from db.uow import Database
    from ui.sales.deal_table_model import DealPageModel

    db = Database(url)
    try:
        for who in ("manager", "c01"):
            actor = _actor(db, who)

            def service(actor=actor):
                model = DealPageModel()
                model.set_page(deal_board(db.uow(), actor=actor), None)
                return model.rowCount()

            def baseline():
                with db.engine.connect() as conn:
                    return conn.execute(text("select d.* from deal d order by d.id desc limit 100")).fetchall()

            service()
            s, b = median_time(service, repeat), median_time(baseline, repeat)
            measure = f"deal board first screen ({who}) on {label}"
            cpu = _cpu_median(service, repeat)
            table.add(Row(measure, s, "s", b, "≤ 50 ms", s <= 0.050, note=f"CPU {cpu * 1000:.0f} ms"))
    finally:
        db.dispose()
