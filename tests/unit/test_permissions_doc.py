"""docs/permissions.md is the matrix in app/core/permissions.py, written out; they never drift.

Regenerate with: SHOWROOM_UPDATE_DOCS=1 .venv/bin/python -m pytest tests/unit/test_permissions_doc.py
"""

import os
from pathlib import Path

from app.core.permissions import CLI_COMMANDS, CLI_OPEN_COMMANDS, MATRIX, Action
from db.models import Role

DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"

HEADER = """# Permission matrix

Which role may perform which service action. Generated from `app/core/permissions.py` (the only
place it is defined); every service checks it, and `tests/integration/test_permissions.py`
runs every action as every role against it. A user may hold several roles.

"""


def render() -> str:
    roles = list(Role)
    lines = ["| action | " + " | ".join(r.value for r in roles) + " |", "|---|" + "---|" * len(roles)]
    for a in Action:
        lines.append(f"| {a.value} | " + " | ".join("✔" if r in MATRIX[a] else "" for r in roles) + " |")
    return HEADER + "\n".join(lines) + "\n" + render_cli()


CLI_HEADER = """
## The admin command line

`showroom admin COMMAND` runs as a real staff account (issue #15.9: asked in a terminal, or
`--user NAME` / `$SHOWROOM_USER` with the password in `$SHOWROOM_PASSWORD`) and refuses it
unless one of its roles allows the command's action above. Open without an account: {open}
(`init` only while the database has no store yet).

"""


def render_cli() -> str:
    lines = ["| command | action |", "|---|---|"]
    lines += [f"| {name} | {action.value} |" for name, action in CLI_COMMANDS.items()]
    opened = ", ".join(f"`{c}`" for c in sorted(CLI_OPEN_COMMANDS))
    return CLI_HEADER.format(open=opened) + "\n".join(lines) + "\n"


def test_permission_doc_matches_the_matrix():
    if os.environ.get("SHOWROOM_UPDATE_DOCS"):
        DOC.write_text(render(), encoding="utf-8")
    assert DOC.read_text(encoding="utf-8") == render(), "regenerate docs/permissions.md (see module docstring)"
