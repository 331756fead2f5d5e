"""Dataset G on the server: the same rows as bench/generate.py's customer, lead and visit steps,
computed by PostgreSQL from generate_series (millions of rows in a minute instead of an hour of
Python). Deterministic: every value is a fixed function of the row number, no random().

Used by Generator.run for dataset G (bench/generate.py); the columns and history rows match
what the services write (a lead's first `lead_status_change`, a visit's `assignment_log`).
"""

from __future__ import annotations

import time

from sqlalchemy import text

from bench.generate import END, MODELS, SURNAMES, GIVEN

PREFIXES = ("138", "139", "136", "158", "186", "177", "199", "135")


def _arr(values) -> str:
    return "ARRAY[" + ",".join("'" + str(v).replace("'", "''") + "'" for v in values) + "]"


def _int_arr(values) -> str:
    return "ARRAY[" + ",".join(str(int(v)) for v in values) + "]::int[]"


def add_customers_leads_visits(g) -> None:
    n_c, n_v = g.size.customers, g.size.visits
    days = (END - g.start).days
    p = dict(start=g.start, end=END, days=days, nc=n_c, nv=n_v, desk=g.users["desk1"], consent_text=g.consent_text_id)
    consultants = _int_arr(g.consultants)
    channels = _int_arr(g.channels)
    brands = _arr(m[0] for m in MODELS)
    models = _arr(m[1] for m in MODELS)
    surnames = _arr(SURNAMES)
    given = _arr(GIVEN)
    prefixes = _arr(PREFIXES)
    # An opening-hours moment of row i: a day of the period, 9:00-20:00 store time (UTC 1-12).
    when = (
        "(CAST(:start AS timestamp) + ((({i}::bigint * 7919) % :days) * interval '1 day') "
        "+ interval '1 hour' + ((({i}::bigint * 104729) % 39600) * interval '1 second'))"
    )
    statements = [
        "SET LOCAL max_parallel_workers_per_gather = 0",
        f"""INSERT INTO customer (id, name, mobile, mobile_rev, consultant_id, foreign_visitor,
                language, anonymised_at, created_at, updated_at, updated_by_id, version)
            SELECT i, ({surnames})[1 + i % {len(SURNAMES)}] || ({given})[1 + (i * 7) % {len(GIVEN)}]
                      || CASE WHEN i % 2 = 0 THEN ({given})[1 + (i * 13) % {len(GIVEN)}] ELSE '' END,
                   m, reverse(m), ({consultants})[1 + (i * 31) % {len(g.consultants)}], false,
                   NULL, NULL, {when.format(i="i")}, {when.format(i="i")}, :desk, 1
            FROM generate_series(1, :nc) AS i,
                 LATERAL (SELECT ({prefixes})[1 + i % 8]
                          || lpad(((i::bigint * 2654435761) % 100000000)::text, 8, '0') AS m) x""",
        """INSERT INTO consent (customer_id, consent_text_id, purpose, shown_at, given_at,
                recorded_by_id, withdrawn_at, withdrawn_by_id, version)
            SELECT id, :consent_text, 'contact', created_at, created_at, :desk, NULL, NULL, 1
            FROM customer""",
        f"""INSERT INTO lead (id, customer_id, brand, model, consultant_id, status, lost_reason,
                lost_note, intent_level, next_follow_up, source_visit_id, created_at,
                status_changed_at, updated_at, updated_by_id, version)
            SELECT c.id, c.id, ({brands})[1 + (c.id * 13) % {len(MODELS)}],
                   ({models})[1 + (c.id * 13) % {len(MODELS)}], c.consultant_id, s.status,
                   CASE WHEN s.status = 'lost' THEN 'price' END, '',
                   (ARRAY['H','A','B','C'])[1 + c.id % 4],
                   CASE WHEN s.status IN ('new', 'following') THEN (s.changed + interval '7 days')::date END,
                   NULL, c.created_at, s.changed, s.changed, c.consultant_id, 1
            FROM customer c,
                 LATERAL (SELECT CASE WHEN (c.id * 17) % 100 < 15 THEN 'new'
                                      WHEN (c.id * 17) % 100 < 50 THEN 'following'
                                      WHEN (c.id * 17) % 100 < 75 THEN 'ordered' ELSE 'lost' END AS status,
                                 LEAST(CAST(:end AS timestamp),
                                       c.created_at + ((c.id * 29) % 40) * interval '1 day') AS changed) s""",
        """INSERT INTO lead_status_change (lead_id, from_status, to_status, changed_at,
                changed_by_id, reason, note)
            SELECT id, NULL, 'new', created_at, consultant_id, NULL, '' FROM lead""",
        """INSERT INTO lead_status_change (lead_id, from_status, to_status, changed_at,
                changed_by_id, reason, note)
            SELECT id, 'new', status, status_changed_at, consultant_id,
                   CASE WHEN status = 'lost' THEN 'price' END, ''
            FROM lead WHERE status <> 'new'""",
        "ANALYZE customer",
        "ANALYZE lead",
        # Each customer's first visit, then repeat visits (even rows) and anonymous walk-ins.
        f"""INSERT INTO visit (id, arrival_at, visit_type, channel_id, party_size, with_children,
                foreign_visitor, language, interested_models, customer_id, consultant_id,
                assigned_by, assigned_at, override_reason, status, started_at, finished_at,
                outcome, had_test_drive, intent_level, next_follow_up, notes, consent_text_id,
                consent_shown_at, consent_given, checked_in_by_id, created_at, updated_at,
                updated_by_id, version)
            SELECT v.i, v.arrival, CASE WHEN v.i % 7 = 0 THEN 'invited' ELSE 'walk_in' END,
                   ({channels})[1 + v.i % {len(g.channels)}], 1 + v.i % 3, v.i % 11 = 0, false,
                   NULL, json_build_array(json_build_array(v.brand, v.model)), v.customer,
                   v.consultant, 'rotation', v.arrival, NULL, 'finished',
                   v.arrival + ((1 + v.i % 7) * interval '1 minute'),
                   v.arrival + ((16 + v.i % 105) * interval '1 minute'),
                   o.outcome, o.outcome = 'test_drive', (ARRAY['H','A','B','C'])[1 + v.i % 4],
                   NULL, '', CASE WHEN v.customer IS NOT NULL THEN :consent_text END,
                   CASE WHEN v.customer IS NOT NULL THEN v.arrival END, v.customer IS NOT NULL,
                   :desk, v.arrival, v.arrival + ((16 + v.i % 105) * interval '1 minute'),
                   v.consultant, 3
            FROM (
              SELECT i,
                     CASE WHEN i <= :nc THEN c.created_at
                          WHEN i % 2 = 0 AND r.created_at + ((1 + i % 59) * interval '1 day') < CAST(:end AS timestamp)
                               THEN r.created_at + ((1 + i % 59) * interval '1 day')
                          ELSE {when.format(i="i")} END AS arrival,
                     CASE WHEN i <= :nc THEN c.id WHEN i % 2 = 0 THEN r.id END AS customer,
                     COALESCE(CASE WHEN i <= :nc THEN l.consultant_id WHEN i % 2 = 0 THEN r.consultant_id END,
                              ({consultants})[1 + (i * 31) % {len(g.consultants)}]) AS consultant,
                     COALESCE(CASE WHEN i <= :nc THEN l.brand END, ({brands})[1 + (i * 13) % {len(MODELS)}]) AS brand,
                     COALESCE(CASE WHEN i <= :nc THEN l.model END, ({models})[1 + (i * 13) % {len(MODELS)}]) AS model
              FROM generate_series(1, :nv) AS i
              LEFT JOIN customer c ON c.id = i AND i <= :nc
              LEFT JOIN lead l ON l.id = i AND i <= :nc
              LEFT JOIN customer r ON i > :nc AND i % 2 = 0 AND r.id = 1 + (i * 7) % :nc
            ) v,
            LATERAL (SELECT CASE WHEN (v.i * 37) % 100 < 35 THEN 'information'
                                 WHEN (v.i * 37) % 100 < 55 THEN 'quote'
                                 WHEN (v.i * 37) % 100 < 80 THEN 'test_drive'
                                 WHEN (v.i * 37) % 100 < 90 THEN 'order' ELSE 'left' END AS outcome) o""",
        """INSERT INTO assignment_log (visit_id, from_consultant_id, to_consultant_id, method,
                reason, note_code, by_id, at)
            SELECT id, NULL, consultant_id, 'rotation', '', '', :desk, arrival_at FROM visit""",
    ]
    with g.db.engine.begin() as conn:
        for sql in statements:
            t = time.perf_counter()
            conn.execute(text(sql), {k: v for k, v in p.items() if f":{k}" in sql})
            g.log(f"    {' '.join(sql.split()[:3]):<40} {time.perf_counter() - t:6.1f} s")
