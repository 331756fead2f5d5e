"""The GUI's command line (main.parse_gui_args): the usual starts are read without argparse's
parser, so `locale` is not imported before the login window paints (issue #17, first window
≤ 1.2× a bare one); every start gives the Namespace argparse gives."""

import subprocess
import sys
from pathlib import Path

import pytest

import main

ROOT = Path(__file__).resolve().parents[2]

SAME_AS_ARGPARSE = [
    [],
    ["--demo"],
    ["--lang", "en"],
    ["--lang", "zh_CN", "--demo"],
    ["--database-url", "sqlite:///tmp/s.db", "--lang", "zh_CN"],
    ["--demo", "--database-url", "postgresql+psycopg://u@h/db"],
    ["--database-url", ""],
    # Left to argparse: repeated, abbreviated and `=` forms.
    ["--lang", "en", "--lang", "zh_CN"],
    ["--lang=en"],
    ["--dem"],
    ["--demo", "--demo"],
]


@pytest.mark.parametrize("argv", SAME_AS_ARGPARSE)
def test_the_namespace_is_argparse_s(argv):
    assert main.parse_gui_args(argv) == main._gui_parser().parse_args(argv)


@pytest.mark.parametrize("argv", [["--lang", "fr"], ["--lang"], ["--database-url", "-x"], ["stray"], ["--help"]])
def test_anything_else_is_answered_by_argparse(argv, capsys):
    with pytest.raises(SystemExit):
        main.parse_gui_args(argv)
    out = capsys.readouterr()
    assert "showroom" in out.out + out.err  # argparse's usage line or help, with the program name


def test_the_usual_start_does_not_import_locale():
    code = "import sys, main; main.parse_gui_args(['--database-url', 'sqlite:///x.db', '--lang', 'zh_CN']); "
    code += "print('locale' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", out.stdout + out.stderr
