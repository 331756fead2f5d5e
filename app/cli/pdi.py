"""`showroom admin pdi-template`: PDI checklist template commands (issue #7; T/CSCA 120031-2023
4.4.1.2); app/cli/__init__.py registers them with `add_commands`.

  pdi-template list                      every published version per brand
  pdi-template export FILE.json [--brand BRAND | --id ID]
                                         the current checklist ("*" by default) as JSON
  pdi-template import FILE.json [--note TEXT] [--approve-omissions]
                                         publish the file as the next version of its brand's
                                         checklist; every problem is listed with its place.
                                         What it leaves out of the standard checklist must be
                                         named in "omissions" with a reason, and the admin
                                         approves those omissions with --approve-omissions
                                         (T/CSCA 120031-2023 4.4.1.2 b)
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
    p.add_argument(
        "--approve-omissions",
        action="store_true",
        help="approve the parts of the standard checklist the file names as omitted, with their reasons",
    )


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
            t = import_template(
                db.uow(), actor=actor, path=args.file, note=args.note, approve_omissions=args.approve_omissions
            )
        except ValidationFailed as e:
            raise CliError(_problems(args.file, e.errors), EXIT_USAGE) from None
    finally:
        db.dispose()
    print(f"Published checklist {t.key} ({t.brand}) v{t.template_version} with {t.item_count} active items.")
    return EXIT_OK


def _problems(path, errors) -> str:
    """Every problem with its place; the parts of the standard checklist left out in words."""
    from app.cli.text import describe_field_error

    lines, unapproved = [], []
    for fe in errors:
        p = fe.params or {}
        if fe.code == "pdi_omission_unnamed":
            only = f" (for {p['powertrains']})" if p.get("powertrains") else ""
            lines.append(f"  {fe.field}: {p['omitted']} {p['zh']} / {p['en']}{only} is left out without a reason")
        elif fe.code == "pdi_omission_unapproved":
            unapproved.append(f"  {p['omitted']} {p['zh']} / {p['en']}: {p['reason']}")
        else:
            lines.append(f"  {describe_field_error(fe)}")  # sentences, not codes (#17.6)
    if unapproved and not lines:
        head = say(
            "{path} leaves out {n} part(s) of the standard checklist (T/CSCA 120031 4.4.1.2 b); "
            "nothing was imported. Approve these omissions with --approve-omissions:",
            "{path} 省略了标准检查表的 {n} 个部分（T/CSCA 120031 4.4.1.2 b），没有导入任何内容。"
            "如确认省略，请加 --approve-omissions 批准：",
            path=path,
            n=len(unapproved),
        )
        return head + "\n" + "\n".join(unapproved)
    head = say(
        "{path} has {n} problem(s); nothing was imported:",
        "{path} 有 {n} 处问题；没有导入任何内容：",
        path=path,
        n=len(lines),
    )
    return head + "\n" + "\n".join(lines)
