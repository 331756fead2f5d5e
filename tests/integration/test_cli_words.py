"""Issue #17.6: the admin command line speaks in sentences, in Chinese or English, and never
shows a user a raw error code or a traceback.

`print-cards` for a car that is no longer on sale (T/CSCA 120031 4.2.1.2: a card only for a
car on sale) names the car and says why, in the run's language ($SHOWROOM_LANG); and
`verify-document` on a damaged or tampered file gives its verdict with nothing from pyHanko on
the terminal, in process and as a separate program."""

from __future__ import annotations

import pytest

from app.core.errors import ShowroomError
from app.inventory import vehicles
from app.showroom import cards_floor
from db.models import Role
from tests.admin_cli import admin_cli
from tests.factories import isolated_data_dir, make_store, make_user, signature_capture, vehicle_input  # noqa: F401
from tests.integration.test_cli import run
from tests.sales_factories import make_sold_vehicle

pytestmark = pytest.mark.usefixtures("isolated_data_dir")


@pytest.fixture()
def store(uow, db_url):
    make_store(uow)
    cards_floor.ensure_default_floor(uow())
    make_user(uow, Role.ADMIN, username="root")
    return db_url, make_user(uow, Role.SALES_MANAGER, full_name="周建国")


@pytest.fixture()
def sold_car(uow, store):
    _, manager = store
    return make_sold_vehicle(uow, manager)  # sold as a contract leaves it (issue #18.4)


def _print_cards(db_url, vin, tmp_path, capsys) -> tuple[int, str]:
    code = admin_cli("print-cards", "--out", str(tmp_path / "cards.pdf"), "--vin", vin, "--database-url", db_url)
    return code, capsys.readouterr().err


def test_4_2_1_2_print_cards_for_a_sold_car_says_so_in_english(store, sold_car, tmp_path, capsys):
    code, err = _print_cards(store[0], sold_car.vin, tmp_path, capsys)
    assert code == 1 and err.count("\n") == 1
    assert sold_car.vin in err and "is sold" in err and "no card was issued" in err
    assert "card_vehicle_not_available" not in err and "status=" not in err


def test_4_2_1_2_print_cards_for_a_sold_car_says_so_in_chinese(store, sold_car, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SHOWROOM_LANG", "zh_CN")
    code, err = _print_cards(store[0], sold_car.vin, tmp_path, capsys)
    assert code == 1 and err.count("\n") == 1
    assert sold_car.vin in err and "已售" in err and "只能为在库或展示中的车辆签发信息卡" in err
    assert "未签发任何车卡" in err and "帕萨特" in err
    assert "card_vehicle_not_available" not in err and "sold" not in err


def test_the_commands_own_refusals_are_in_chinese_too(store, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SHOWROOM_LANG", "zh_CN")
    code, err = _print_cards(store[0], "LSVAU2A37N2183999", tmp_path, capsys)
    assert code == 2 and "没有 VIN 为 LSVAU2A37N2183999 的车辆" in err
    (tmp_path / "notes.txt").write_text("not a pdf")
    assert admin_cli("verify-document", str(tmp_path / "notes.txt"), "--database-url", store[0]) == 2
    assert "不是 PDF 文件" in capsys.readouterr().err


def test_a_code_no_table_knows_reads_as_a_sentence_not_as_the_code():
    from app.cli.text import describe_error

    for lang, start in (("en", "Something went wrong."), ("zh_CN", "")):
        text = describe_error(ShowroomError("no_such_code_anywhere", vin="LSVAU2A37N2183456"), lang)
        assert "no_such_code_anywhere" not in text and "vin=" not in text and text.startswith(start)


def test_field_errors_in_chinese_name_the_field_in_words():
    from app.cli.text import describe_error
    from app.core.errors import FieldError, ValidationFailed

    text = describe_error(ValidationFailed([FieldError("vin", "vin_length", {"length": 16})]), "zh_CN")
    assert "VIN" in text and "16" in text and "vin_length" not in text


# --- verify-document on a damaged file ---------------------------------------------------------


@pytest.fixture()
def signed(uow, store) -> bytes:
    from app.documents import documents

    _, manager = store
    notice = documents.issue_store_notice(uow(), actor=manager, language="bilingual", signatures=[signature_capture()])
    return documents.get_document_bytes(uow(), actor=manager, document_id=notice.id)


def _flip_middle(data: bytes) -> bytes:
    changed = bytearray(data)
    changed[len(changed) // 2] ^= 0x01
    return bytes(changed)


def _flip_in_signature(data: bytes) -> bytes:
    start = data.rindex(b"/Contents <") + len(b"/Contents <")
    blob = data[start : data.index(b">", start)]
    at = start + len(blob.rstrip(b"0")) - 10  # in the signature value, at the CMS's end
    changed = bytearray(data)
    changed[at] = ord("0") if changed[at] != ord("0") else ord("1")
    return bytes(changed)


DAMAGE = {
    "a byte changed": _flip_middle,
    "the signature's bytes changed": _flip_in_signature,
    "cut short": lambda data: data[: len(data) * 2 // 3],
    "garbage appended": lambda data: data + b"\n%%EOF junk 1 0 obj << /Type /Catalog >> endobj\n",
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_verify_document_on_a_damaged_file_prints_a_verdict_and_no_traceback(store, signed, tmp_path, damage):
    path = tmp_path / "brought-back.pdf"
    path.write_bytes(DAMAGE[damage](signed))
    out = run("verify-document", str(path), "--database-url", store[0], tmp_path=tmp_path)
    assert out.returncode != 0 and out.stdout.startswith("brought-back.pdf: "), out.stdout + out.stderr
    assert out.stderr == "", out.stderr  # pyHanko's doubts go to the log file, not the terminal
    assert "Traceback" not in out.stdout


def test_verify_document_in_process_with_logging_set_up_keeps_pyhanko_off_the_terminal(
    store, signed, tmp_path, capsys, monkeypatch
):
    # A host that set up logging to the terminal (a script's basicConfig) still sees a verdict
    # only: pyHanko's tracebacks stay off stderr.
    import logging
    import sys

    from tests.integration.test_signed_tampering import add_signature_field_painting_a_price, incremental

    handler = logging.StreamHandler(sys.stderr)
    logging.getLogger().addHandler(handler)
    try:
        path = tmp_path / "brought-back.pdf"  # pyHanko's diff analysis fails with a traceback
        path.write_bytes(incremental(signed, add_signature_field_painting_a_price))
        code = admin_cli("verify-document", str(path), "--database-url", store[0])
    finally:
        logging.getLogger().removeHandler(handler)
    captured = capsys.readouterr()
    assert code != 0 and captured.out.startswith("brought-back.pdf: ")
    assert "Traceback" not in captured.err and "pyhanko" not in captured.err.lower(), captured.err
