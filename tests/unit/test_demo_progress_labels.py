"""The demo's first start shows what it is doing (issue #17: progress, never a raw step name)."""

from __future__ import annotations

import re
from pathlib import Path

from ui.shell.demo_progress import step_label

ROOT = Path(__file__).resolve().parents[2]


def test_every_step_of_the_demo_build_has_a_sentence():
    steps = re.findall(r'step\("(\w+)"', (ROOT / "app/demo/__init__.py").read_text(encoding="utf-8"))
    assert "sales" in steps
    assert [s for s in steps if step_label(s) == s] == []
