"""`showroom admin print-cards`: issue (archive) the showroom cards that are needed and write
them to one PDF for printing (issue #5, 一车一卡, T/CSCA 120031-2023 4.2.1.2); app/cli/__init__.py
registers it with `add_commands`.

  print-cards --out FILE.pdf [--vin VIN ...] [--stale] [--layout A5|A4|A4_2UP]
      --vin: these cars (each must be in stock or on display);
      --stale: every displayed car whose card is missing or stale (the default without --vin).
Each card is issued into the archive as a signed document (the next version of the car's card
number) and its export recorded in the print ledger; the combined file is not archived itself.
All or nothing (issue #15.6): a car not on sale or an unwritable --out issues no card at all.
Exit 0 when every card was written, 1 on failure, 2 on bad usage (unknown VIN, bad layout).

  reprint-card VIN --out FILE.pdf
      the car's current card exactly as archived, for a damaged or lost one (issue #17.17);
      logged as a reprint, no new version; a stale card is refused (issue a new version).

Like app/cli/__init__.py, importing this module loads the standard library only.
"""

from __future__ import annotations

import os
from pathlib import Path

from app import cli as base
from app.cli.messages import say
from app.cli import EXIT_OK, EXIT_USAGE, CliError

LAYOUTS = ("A5", "A4", "A4_2UP")


def add_commands(command, group) -> None:
    p = command("print-cards", cmd_print_cards, "Issue the needed showroom cards (一车一卡) and write them to one PDF.")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    p.add_argument("--vin", action="append", default=[], metavar="VIN", help="a car to issue a card for (repeatable)")
    p.add_argument("--stale", action="store_true", help="every displayed car whose card is missing or stale (default)")
    p.add_argument("--layout", choices=LAYOUTS, default="A5")
    p.add_argument("--language", choices=("zh", "en", "bilingual"), default="bilingual")
    p = command(
        "reprint-card",
        cmd_reprint_card,
        "Reprint a car's current card (damaged or lost) as archived, logged as a reprint; no new version.",
    )
    p.add_argument("vin")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")


def cmd_reprint_card(args) -> int:
    """Issue #17.17: the current card's archived bytes; a stale card is refused (re-issue it)."""
    from app.cli.documents import reprint_refusal, write_reprint
    from app.inventory import vehicles
    from app.showroom import cards

    db = base._open_database(args)
    try:
        actor = base._system_admin(db)
        v = vehicles.find_by_vin(db.uow(), actor=actor, vin=args.vin)
        if v is None:
            raise CliError(f"no vehicle with VIN {args.vin.strip().upper()}", EXIT_USAGE)
        with reprint_refusal():
            reprint = cards.reprint_card(db.uow(), actor=actor, vehicle_id=v.id)
        write_reprint(db, actor, reprint, args.out)
    finally:
        db.dispose()
    return EXIT_OK


def cmd_print_cards(args) -> int:
    """All or nothing (issue #15.6): the output is checked first, the PDF is written and
    synced to a temporary file beside it before the cards are issued in one transaction,
    and renamed into place only after that commit. Any failure before the commit issues
    nothing and removes the temporary file."""
    out: Path = args.out
    tmp = _reserve(out)
    issued = False
    try:
        db = base._open_database(args)
        try:
            actor = base._system_admin(db)
            result = _issue(db, actor, args, tmp)
            if result is None:
                return EXIT_OK
            issued = True
            _publish(tmp, out)
            _record_export(db, actor, result, out)
        finally:
            db.dispose()
    finally:
        if not issued:
            _discard(tmp)
    print(f"Wrote {len(result.cards)} card(s), layout {args.layout}, to {out}.")
    return EXIT_OK


def _issue(db, actor, args, tmp: Path):
    """The batch, or None when every displayed car already has a current card."""
    from app.showroom import cards
    from app.inventory import vehicles

    ids: list[int] = []
    for vin in args.vin:
        v = vehicles.find_by_vin(db.uow(), actor=actor, vin=vin)
        if v is None:
            raise CliError(
                say("no vehicle with VIN {vin}", "没有 VIN 为 {vin} 的车辆", vin=vin.strip().upper()), EXIT_USAGE
            )
        ids.append(v.id)
    if args.stale or not ids:
        ids += [i for i in cards.cars_needing_cards(db.uow(), actor=actor) if i not in ids]
    if not ids:
        print("Every displayed car has a current card; nothing to print.")
        return None
    return cards.issue_cards_batch(
        db.uow(),
        actor=actor,
        vehicle_ids=ids,
        layout=args.layout,
        language=args.language,
        deliver=lambda pdf: _write_synced(tmp, pdf, args.out),
    )


def _record_export(db, actor, result, out: Path) -> None:
    from app.documents.documents import record_print

    for c in result.cards:
        record_print(
            db.uow(),
            actor=actor,
            document_id=c.document_id,
            printer=f"file:{out.resolve()}"[:200],
            copies=1,
            kind="export",
        )
        print(f"{c.vin}  {c.card_number} v{c.card_version}")


def _cannot_write(out: Path, e: OSError | str) -> CliError:
    reason = e if isinstance(e, str) else (e.strerror or str(e))
    return CliError(
        say(
            "cannot write {out}: {reason}; no card was issued",
            "无法写入 {out}：{reason}；未签发任何车卡",
            out=out,
            reason=reason,
        )
    )


def _reserve(out: Path) -> Path:
    """Before anything is issued: an empty temporary file in the target's folder (so the
    final rename stays on one disk), proof that the folder is writable."""
    import tempfile

    if out.is_dir():
        raise _cannot_write(out, "it is a folder")
    if out.exists() and not os.access(out, os.W_OK):  # Windows: a read-only file
        raise _cannot_write(out, "the file is read-only")
    try:
        fd, name = tempfile.mkstemp(
            prefix=f".{out.name}.", suffix=".partial", dir=out.parent if str(out.parent) else "."
        )
    except OSError as e:
        raise _cannot_write(out, e) from None
    os.close(fd)
    return Path(name)


def _write_synced(tmp: Path, pdf: bytes, out: Path) -> None:
    """The whole PDF on disk (fsync) before the issue commits: a full disk stops the batch."""
    try:
        with open(tmp, "wb") as f:
            f.write(pdf)
            f.flush()
            os.fsync(f.fileno())
    except OSError as e:
        raise _cannot_write(out, e) from None


def _publish(tmp: Path, out: Path) -> None:
    """After the commit: the cards are issued, so a failed rename must not lose the PDF. It
    stays at its temporary name, which the message gives (e.g. the target is open in a PDF
    viewer on Windows)."""
    try:
        os.replace(tmp, out)
    except OSError as e:
        raise CliError(
            say(
                "the cards were issued but {out} could not be replaced ({reason}); the PDF is at {tmp}: rename it",
                "车卡已签发，但无法替换 {out}（{reason}）；PDF 在 {tmp}：请自行改名",
                out=out,
                reason=e.strerror or e,
                tmp=tmp,
            )
        ) from None


def _discard(tmp: Path) -> None:
    try:
        tmp.unlink(missing_ok=True)
    except OSError:  # nothing of value is in it: the cards were not issued
        pass
