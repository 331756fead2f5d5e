"""A terminal that types wrong passwords, for the parallel lock-out test (issue #15.8).

Run as a separate process:  python tests/reliability/wrong_passwords.py URL USERNAME COUNT START

Waits until the wall-clock time START (so that every process begins together), then tries
COUNT wrong passwords through app.staff.auth.login and prints one line per attempt:
`FAILED <remaining>`, `LOCKED` or `ERR <exception type> <text>` (what would reach a user).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main() -> int:
    url, username, count, start = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    from app.core.errors import AccountLocked, LoginFailed
    from app.staff.auth import login
    from db.uow import Database

    database = Database(url)
    time.sleep(max(0.0, start - time.time()))
    for i in range(count):
        try:
            login(database.uow(), username=username, password=f"wrong-password-{i}")
            print("OK", flush=True)
        except AccountLocked:
            print("LOCKED", flush=True)
        except LoginFailed as e:
            print(f"FAILED {e.params.get('remaining')}", flush=True)
        except Exception as e:  # noqa: BLE001 - the parent counts what would reach a user
            print(f"ERR {type(e).__name__} {str(e).splitlines()[0][:200]}", flush=True)
    database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
