"""Issue #15.8: wrong passwords typed on several terminals at once. Four real processes hammer
one account; exactly MAX_FAILED_LOGINS (5) failures lock it, every attempt leaves exactly one
audit row, and nobody sees a raw database error (before the fix: 19 attempts were checked
before the lock and 15 ended in StaleDataError with no audit row).

T/CSCA 120031 4.2.3.2 (protect personal information): the lock-out is what stops password
guessing against an account that can unmask customers' ID numbers.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from app.staff.auth import MAX_FAILED_LOGINS
from db.audit_models import AuditEvent
from db.models import Role, StaffUser
from tests.factories import make_store, make_user

WORKER = Path(__file__).with_name("wrong_passwords.py")
PROCESSES, ATTEMPTS = 4, 6


def test_parallel_wrong_passwords_lock_after_exactly_five_and_are_all_audited(uow, db_url):
    make_store(uow)
    make_user(uow, Role.SALES_MANAGER, username="zhou")
    start = time.time() + 4  # every process imports first, then all start together
    procs = [
        subprocess.Popen(
            [sys.executable, str(WORKER), db_url, "zhou", str(ATTEMPTS), str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    lines, errors = [], []
    for p in procs:
        out, err = p.communicate(timeout=180)
        lines += out.splitlines()
        errors.append(err)
        assert p.returncode == 0, err
    outcomes = Counter(line.split()[0] for line in lines)
    assert not any("Traceback" in e for e in errors), errors
    assert outcomes["ERR"] == 0, [line for line in lines if line.startswith("ERR")]
    assert sum(outcomes.values()) == PROCESSES * ATTEMPTS
    # 4 answer "wrong password, n left"; the 5th locks; every later one finds it locked.
    assert outcomes["FAILED"] == MAX_FAILED_LOGINS - 1
    assert outcomes["LOCKED"] == PROCESSES * ATTEMPTS - (MAX_FAILED_LOGINS - 1)
    with uow() as u:
        rows = u.session.scalars(select(AuditEvent.detail).where(AuditEvent.action == "login_failed")).all()
        user = u.session.scalar(select(StaffUser).where(StaffUser.username == "zhou"))
        assert user.locked_until is not None and user.failed_logins == 0
    reasons = Counter(json.loads(d)["reason"] for d in rows)
    assert sum(reasons.values()) == PROCESSES * ATTEMPTS  # one audit row per attempt
    assert reasons["password"] == MAX_FAILED_LOGINS - 1 and reasons["locked_now"] == 1
