"""`showroom admin` commands for the audit trail and customers' personal data (issue #9, PIPL);
app/cli.py registers them with `add_commands`.

  verify-audit                  recompute the audit log's hash chain; exit 1 and name the
                                first broken link if any row was edited, deleted or inserted
  rotate-personal-key [--yes]   a new "personal" key file; every *_sealed column re-sealed
  purge [--dry-run]             anonymise what the retention periods no longer allow
  export-person MOBILE --out FILE.json
                                everything stored about one person (PIPL art. 45)
  delete-person MOBILE [--yes]  a deletion request: anonymise that person where the law allows

Like app/cli.py, importing this module loads the standard library only. Output is English.
"""

from __future__ import annotations

from app import cli as base
from app.cli import EXIT_FAIL, EXIT_OK

REASONS = {
    "edited": "its content no longer matches its hash (the row was edited)",
    "deleted": "it is missing (the row was deleted)",
    "inserted": "it does not link to the row before it (a row was inserted or replaced)",
    "truncated": "it is missing although the chain head names it (rows were cut off the end)",
}


def add_commands(command, group) -> None:
    command("verify-audit", cmd_verify_audit,
            "Check the audit log's hash chain; name the first broken link.")


def cmd_verify_audit(args) -> int:
    from app.services.audit import verify_chain

    db = base._open_database(args)
    try:
        report = verify_chain(db.uow())
    finally:
        db.dispose()
    if report.ok:
        print(f"Audit log intact: {report.events} events, every link checks out.")
        return EXIT_OK
    print(f"Audit log BROKEN at event #{report.broken_at}: "
          f"{REASONS.get(report.reason, report.reason)}.")
    return EXIT_FAIL
