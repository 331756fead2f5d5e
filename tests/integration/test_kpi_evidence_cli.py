"""`showroom admin evidence-pack` (issue #20.5): builds the period's pack with a progress bar on
stderr as a signed-in administrator or sales manager, refuses a call without an account or by
someone else in a sentence, and the pack it writes verifies with the auditor's script."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from db.models import Role
from tests.admin_cli import admin_cli
from tests.factories import isolated_data_dir, make_store, make_user  # noqa: F401

pytestmark = pytest.mark.usefixtures("isolated_data_dir")

ROOT = Path(__file__).resolve().parents[2]
PERIOD = ("--from", "2026-11-01", "--to", "2026-11-30")


def _ready(uow) -> None:
    make_store(uow)
    make_user(uow, Role.ADMIN, username="root")


def test_the_cli_builds_a_pack_that_verifies(uow, db_url, tmp_path, capsys):
    _ready(uow)
    out = tmp_path / "pack.zip"
    assert admin_cli("evidence-pack", *PERIOD, "--out", out, "--seed", "42", "--database-url", db_url) == 0
    printed = capsys.readouterr()
    assert f"written to {out}" in printed.out and "seed 42" in printed.out
    assert "10/10" in printed.err and "[##############################]" in printed.err  # the progress bar
    with zipfile.ZipFile(out) as z:
        manifest = json.loads(z.read("manifest.json"))
    assert (manifest["period"]["from"], manifest["period"]["to"], manifest["seed"]) == ("2026-11-01", "2026-11-30", 42)
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "verify_evidence_pack.py"), str(out)])
    assert check.returncode == 0


def test_the_cli_refuses_without_an_account_in_a_sentence(uow, db_url, tmp_path, capsys):
    _ready(uow)
    out = tmp_path / "pack.zip"
    assert admin_cli("evidence-pack", *PERIOD, "--out", out, "--database-url", db_url, user=None) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "--user NAME" in err and "Traceback" not in err
    assert not out.exists()


def test_the_cli_refuses_a_consultant_and_a_backwards_period(uow, db_url, tmp_path, capsys):
    _ready(uow)
    make_user(uow, Role.CONSULTANT, username="wang")
    out = tmp_path / "pack.zip"
    assert admin_cli("evidence-pack", *PERIOD, "--out", out, "--database-url", db_url, user="wang") != 0
    err = capsys.readouterr().err
    assert "'wang' may not run 'evidence-pack'" in err and "Traceback" not in err and not out.exists()
    args = ("evidence-pack", "--from", "2026-11-30", "--to", "2026-11-01", "--out", out, "--database-url", db_url)
    assert admin_cli(*args) == 2
    assert "the period ends (2026-11-01) before it starts (2026-11-30)" in capsys.readouterr().err
