"""This terminal's audit anchor (app/core/audit_chain.py): it only moves forward, and a file
another terminal wrote since this process's last write is read, not assumed (issue #18.11:
the process skips re-reading the file it wrote itself)."""

from __future__ import annotations

import json
import os

from app.core import audit_chain

URL = "sqlite:////nowhere/anchor-test.db"


def _head(last_id: int) -> dict:
    return {"last_id": last_id, "last_hash": f"h{last_id}", "keyed_from": 1, "key_id": "k"}


def _other_terminal_writes(last_id: int) -> None:
    # Another process: its own temporary file moved over the anchor, as _write does.
    path = audit_chain.anchor_path(URL)
    tmp = path.with_name(path.name + ".other")
    tmp.write_text(json.dumps(_head(last_id)), encoding="utf-8")
    os.replace(tmp, path)


def _anchored() -> int:
    head = audit_chain.read_head(audit_chain.anchor_path(URL))
    assert head is not None
    return head["last_id"]


def setup_function() -> None:
    audit_chain.forget_anchor(URL)


def test_the_anchor_moves_forward_only():
    audit_chain.record_anchor(URL, _head(5))
    audit_chain.record_anchor(URL, _head(7))
    audit_chain.record_anchor(URL, _head(6))
    assert _anchored() == 7


def test_a_head_another_terminal_wrote_meanwhile_is_not_pulled_back():
    audit_chain.record_anchor(URL, _head(5))
    _other_terminal_writes(9)
    audit_chain.record_anchor(URL, _head(6))
    assert _anchored() == 9


def test_a_hand_edit_of_the_file_in_place_is_read():
    audit_chain.record_anchor(URL, _head(5))
    path = audit_chain.anchor_path(URL)
    path.write_text(json.dumps(_head(40)), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # even with a forged time: the change time still moves
    audit_chain.record_anchor(URL, _head(6))
    assert _anchored() == 40


def test_a_forgotten_anchor_is_taken_again_from_the_next_head():
    audit_chain.record_anchor(URL, _head(5))
    audit_chain.forget_anchor(URL)
    audit_chain.record_anchor(URL, _head(2))
    assert _anchored() == 2


def test_a_rewind_after_a_restore_goes_back():
    audit_chain.record_anchor(URL, _head(8))
    audit_chain.record_anchor(URL, _head(3), rewind=True)
    audit_chain.record_anchor(URL, _head(4))
    assert _anchored() == 4
