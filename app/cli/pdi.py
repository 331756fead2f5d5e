"""`showroom admin pdi-template`: PDI checklist template commands (issue #7; T/CSCA 120031-2023
4.4.1.2); app/cli/__init__.py registers them with `add_commands`.

  pdi-template list                      every published version per brand
  pdi-template export FILE.json [--brand BRAND | --id ID]
                                         the current checklist ("*" by default) as JSON
  pdi-template import FILE.json [--note TEXT]
                                         publish the file as the next version of its brand's
                                         checklist; every problem is listed with its place
Exit 0 on success, 1 on failure, 2 on bad usage or a file with problems (nothing imported).

Like app/cli/__init__.py, importing this module loads the standard library only.
"""

from __future__ import annotations

from pathlib import Path

from app import cli as base
from app.cli.messages import say
from app.cli import EXIT_OK, EXIT_USAGE, CliError


def add_commands(command, group) -> None:
    """Register this module's commands on the `showroom admin` parser."""
    pdi = group("pdi-template", "PDI checklist templates (新车售前检查).")
    pdi("list", cmd_list, "List the published checklist versions, current ones marked.")
    p = pdi("export", cmd_export, "Write a checklist to a JSON file.")
    p.add_argument("file", type=Path)
    p.add_argument("--brand", default="*", help='the brand\'s current checklist (default "*")')
    p.add_argument("--id", type=int, dest="template_id", help="a specific version by its id")
    p = pdi("import", cmd_import, "Publish a JSON checklist as the next version of its brand's checklist.")
    p.add_argument("file", type=Path)
    p.add_argument("--note", default="", help="what changed (kept with the version)")


def cmd_list(args) -> int:
    from app.pdi.templates import list_templates

    db = base._open_database(args)
    try:
        actor = base._system_admin(db)
        for t in list_templates(db.uow(), actor=actor):
            mark = "*current*" if t.current else "replaced"
            print(
                f"{t.id:>4}  {t.brand:<12} v{t.template_version:<3} {t.item_count:>3} items  "
                f"{mark:<9}  {t.published_at:%Y-%m-%d %H:%M}  {t.title_zh}"
            )
    finally:
        db.dispose()
    return EXIT_OK


def cmd_export(args) -> int:
    from app.pdi.templates import export_template

    db = base._open_database(args)
    try:
        actor = base._system_admin(db)
        data = export_template(db.uow(), actor=actor, template_id=args.template_id, brand=args.brand, path=args.file)
    finally:
        db.dispose()
    items = sum(len(s["items"]) for s in data["sections"])
    print(f"Wrote checklist {data['key']} ({data['brand']}) v{data['version']}, {items} items, to {args.file}.")
    return EXIT_OK


def cmd_import(args) -> int:
    from app.core.errors import ValidationFailed
    from app.pdi.templates import import_template

    db = base._open_database(args)
    try:
        actor = base._system_admin(db)
        try:
            t = import_template(db.uow(), actor=actor, path=args.file, note=args.note)
        except ValidationFailed as e:
            from app.cli.text import describe_field_error

            lines = [f"  {describe_field_error(fe)}" for fe in e.errors]  # sentences, not codes (#17.6)
            head = say(
                "{path} has {n} problem(s); nothing was imported:",
                "{path} 有 {n} 处问题；没有导入任何内容：",
                path=args.file,
                n=len(lines),
            )
            raise CliError(head + "\n" + "\n".join(lines), EXIT_USAGE) from None
    finally:
        db.dispose()
    print(f"Published checklist {t.key} ({t.brand}) v{t.template_version} with {t.item_count} active items.")
    return EXIT_OK
