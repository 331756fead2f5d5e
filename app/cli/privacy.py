"""`showroom admin` commands for the audit trail and customers' personal data (issue #9, PIPL);
app/cli/__init__.py registers them with `add_commands`.

  verify-audit                  recompute the audit log's keyed chain; exit 1 and name the
                                first broken link if any row was edited, deleted or inserted,
                                or if the log ends before the head this terminal (or the
                                backup file's .audit-head.json) recorded: wiped (issue #15.7)
  rotate-personal-key [--yes]   a new "personal" key file; every *_sealed column re-sealed
  purge --dry-run | --yes [--visitor-months N]
                                anonymise what the retention periods no longer allow
  export-person MOBILE --out FILE.json
                                everything stored about one person (PIPL art. 45)
  delete-person MOBILE [--yes]  a deletion request: anonymise that person where the law allows

Like app/cli/__init__.py, importing this module loads the standard library only. Output is English.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from app import cli as base
from app.cli.messages import say
from app.cli import EXIT_FAIL, EXIT_OK, EXIT_USAGE, CliError

# English lines for this module's error codes (app/cli/text.py holds the shared ones).
FIELD_TEXT = {
    "password_too_simple": "use at least {min} characters of two kinds (letters, digits, signs)",
    "password_is_username": "the password may not be the username",
    "password_too_common": "this password is too well known",
    "password_wrong": "the current password is not right",
    "password_unchanged": "the new password must differ from the current one",
    "purpose_required": "say why the number is needed (at least {min} characters)",
    "retention_exceeds_consent": "the consent text promised at most {max} months",
    "retention_too_short": "at least one month",
}
ERROR_TEXT = {
    "nothing_to_unmask": "no number is stored there",
    "sales_record_retained": "this customer bought a car: the sales record is kept until {until}",
}

REASONS = {
    "edited": "its content no longer matches its hash (the row was edited)",
    "deleted": "it is missing (the row was deleted)",
    "inserted": "it does not link to the row before it (a row was inserted or replaced)",
    "truncated": "it is missing although the chain head names it (rows were cut off the end)",
    # Against a head kept outside the database (issue #15 item 7).
    "wiped": "it is missing although {where} saw the log reach #{anchored} (rows were cut off "
    "or the whole log was wiped)",
    "rewritten": "it is not the row {where} saw committed (the log was rebuilt from there)",
}
ANCHOR_SOURCE = {"terminal": "this terminal", "backup": "the head recorded with this backup"}
ERROR_TEXT["audit_key_unavailable"] = (
    "the audit key file {path} is missing here or is not the store's ({reason}): copy the "
    "store's audit key from a terminal that has it ('showroom admin keys export --key audit' "
    "there, 'showroom admin keys import FILE --key audit' here)"
)


def add_commands(command, group) -> None:
    from app.cli import text as cli_text

    for shared, own in ((cli_text.FIELD_TEXT, FIELD_TEXT), (cli_text.ERROR_TEXT, ERROR_TEXT)):
        for code, line in own.items():
            shared.setdefault(code, line)
    command("verify-audit", cmd_verify_audit, "Check the audit log's hash chain; name the first broken link.")
    p = command(
        "rotate-personal-key", cmd_rotate, "New key for ID/passport/licence numbers; re-seal every *_sealed column."
    )
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p = command("purge", cmd_purge, "Anonymise visitors and sales records past their retention period.")
    p.add_argument("--dry-run", action="store_true", help="only show what would be anonymised")
    p.add_argument("--yes", action="store_true", help="anonymise without asking (anonymising cannot be undone)")
    p.add_argument(
        "--visitor-months",
        type=int,
        default=None,
        metavar="N",
        help="months after the last activity for visitors who never bought "
        "(default: the store's setting, 12 unless changed on the admin page; at most what the "
        "consent text promised)",
    )
    p = command(
        "export-person", cmd_export_person, "Write everything stored about one person (by mobile) to a JSON file."
    )
    p.add_argument("mobile")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.json")
    p = command(
        "delete-person", cmd_delete_person, "A person's deletion request: withdraw consents and anonymise (by mobile)."
    )
    p.add_argument("mobile")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def cmd_verify_audit(args) -> int:
    from app.privacy.audit import verify_chain

    # Checked before the sign-in wrote its audit rows (app/cli_auth._check_audit_first).
    report = getattr(args, "audit_report", None)
    if isinstance(report, Exception):
        raise report
    if report is None:
        db = base._open_database(args)
        try:
            report = verify_chain(db.uow())
        finally:
            db.dispose()
    if report.ok:
        anchored = f" (this terminal last saw #{report.anchored})" if report.anchored else ""
        print(f"Audit log intact: {report.events} events, every link checks out{anchored}.")
        return EXIT_OK
    reason = REASONS.get(report.reason, report.reason).format(
        where=ANCHOR_SOURCE.get(report.anchored_by, "a head kept outside the database"),
        anchored=report.anchored if report.anchored is not None else "?",
    )
    print(f"Audit log BROKEN at event #{report.broken_at}: {reason}.")
    return EXIT_FAIL


def _confirm(args, question: str) -> None:
    if args.yes:
        return
    if not base._is_tty():
        raise CliError(
            say("add --yes to confirm (not asked outside a terminal)", "请加 --yes 确认（不在终端中运行时不会询问）"),
            EXIT_USAGE,
        )
    if input(f"{question} [y/N] ").strip().lower() not in ("y", "yes"):
        raise CliError(say("cancelled; nothing was changed", "已取消；没有做任何更改"))


def cmd_rotate(args) -> int:
    from app.privacy.personal_key import rotate_personal_key

    db = base._open_database(args)
    try:
        _confirm(args, "Re-seal every personal number under a new key?")
        report = rotate_personal_key(db.uow(), actor=base._system_admin(db))
    finally:
        db.dispose()
    print(
        f"Personal-data key rotated: {report.values} values re-sealed, {report.fingerprints} fingerprints recomputed."
    )
    if report.old_key_kept:
        print(
            f"The previous key is kept at {report.old_key_kept} (for older backups). Copy the "
            "new key file to every terminal: 'showroom admin keys export' / 'keys import'."
        )
    return EXIT_OK


def cmd_purge(args) -> int:
    from app.privacy.retention import purge

    db = base._open_database(args)
    try:
        if not args.dry_run:
            _confirm(args, "Anonymise everything past its retention period? This cannot be undone.")
        report = purge(
            db.uow(),
            actor=base._system_admin(db),
            dry_run=args.dry_run,
            visitor_months=args.visitor_months,  # None: the store's setting (issue #17.16)
        )
    finally:
        db.dispose()
    promise = f"; consent text promises at most {report.promised_months} months" if report.promised_months else ""
    print(
        f"Retention: visitors who never bought {report.visitor_months} months, sales "
        f"records 10 years after the last activity{promise}."
    )
    for c in report.candidates:
        print(f"  customer {c.customer_id} ({c.kind}), last activity {c.last_activity.date().isoformat()}")
    for table, record_id in report.records:
        print(f"  {table} {record_id}: personal numbers past the period")
    verb = "would be anonymised" if report.dry_run else "anonymised"
    print(f"Customers {verb}: {len(report.candidates)}; other records: {len(report.records)}.")
    return EXIT_OK


def cmd_export_person(args) -> int:
    from app.privacy.retention import export_person
    from db.private_files import write_private_text

    db = base._open_database(args)
    try:
        data = export_person(db.uow(), actor=base._system_admin(db), mobile=args.mobile)
    finally:
        db.dispose()
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str, sort_keys=True)
    write_private_text(args.out, text + "\n")  # personal data: owner-only (issue #15.4)
    tables = ", ".join(sorted(data["data"]))
    print(f"Wrote everything stored about {args.mobile} to {args.out} ({tables}).")
    return EXIT_OK


def cmd_delete_person(args) -> int:
    from app.privacy.retention import delete_person

    db = base._open_database(args)
    try:
        _confirm(args, f"Withdraw every consent of {args.mobile} and anonymise them now?")
        customer_id = delete_person(db.uow(), actor=base._system_admin(db), mobile=args.mobile)
    finally:
        db.dispose()
    print(f"Customer {customer_id} anonymised and every consent withdrawn.", file=sys.stdout)
    return EXIT_OK
