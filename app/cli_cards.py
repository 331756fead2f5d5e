"""`showroom admin print-cards`: issue (archive) the showroom cards that are needed and write
them to one PDF for printing (issue #5, 一车一卡, T/CSCA 120031-2023 4.2.1.2); app/cli.py
registers it with `add_commands`.

  print-cards --out FILE.pdf [--vin VIN ...] [--stale] [--layout A5|A4|A4_2UP]
      --vin: these cars (each must be in stock or on display);
      --stale: every displayed car whose card is missing or stale (the default without --vin).
Each card is issued into the archive as a signed document (the next version of the car's card
number) and its export recorded in the print ledger; the combined file is not archived itself.
Exit 0 when every card was written, 1 on failure, 2 on bad usage (unknown VIN, bad layout).

Like app/cli.py, importing this module loads the standard library only.
"""

from __future__ import annotations

from pathlib import Path

from app import cli as base
from app.cli import EXIT_OK, EXIT_USAGE, CliError

LAYOUTS = ("A5", "A4", "A4_2UP")


def add_commands(command, group) -> None:
    p = command("print-cards", cmd_print_cards,
                "Issue the needed showroom cards (一车一卡) and write them to one PDF.")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    p.add_argument("--vin", action="append", default=[], metavar="VIN",
                   help="a car to issue a card for (repeatable)")
    p.add_argument("--stale", action="store_true",
                   help="every displayed car whose card is missing or stale (default)")
    p.add_argument("--layout", choices=LAYOUTS, default="A5")
    p.add_argument("--language", choices=("zh", "en", "bilingual"), default="bilingual")


def cmd_print_cards(args) -> int:
    from app.services import cards, vehicles
    from app.services.documents import record_print
    from db.private_files import write_private_bytes

    db = base._open_database(args)
    try:
        actor = base._system_admin(db)
        ids: list[int] = []
        for vin in args.vin:
            v = vehicles.find_by_vin(db.uow(), actor=actor, vin=vin)
            if v is None:
                raise CliError(f"no vehicle with VIN {vin.strip().upper()}", EXIT_USAGE)
            ids.append(v.id)
        if args.stale or not ids:
            ids += [i for i in cards.cars_needing_cards(db.uow(), actor=actor) if i not in ids]
        if not ids:
            print("Every displayed car has a current card; nothing to print.")
            return EXIT_OK
        result = cards.issue_cards_batch(
            db.uow(), actor=actor, vehicle_ids=ids, layout=args.layout, language=args.language,
            progress=lambda done, total: None)
        try:
            write_private_bytes(args.out, result.pdf)  # owner-only (issue #15.4)
        except OSError as e:
            raise CliError(f"cannot write {args.out}: {e.strerror or e}") from None
        for c in result.cards:
            record_print(db.uow(), actor=actor, document_id=c.document_id,
                         printer=f"file:{args.out.resolve()}"[:200], copies=1, kind="export")
            print(f"{c.vin}  {c.card_number} v{c.card_version}")
    finally:
        db.dispose()
    print(f"Wrote {len(result.cards)} card(s), layout {args.layout}, to {args.out}.")
    return EXIT_OK
