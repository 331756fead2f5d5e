"""Printing through a real CUPS queue: ui.shell.printing.print_pdf -> cupsd -> cups-pdf -> a PDF file.

Needs root, cupsd and printer-driver-cups-pdf (toolchain.md "Printing through a real CUPS
queue"); skips with the reason otherwise. The fixture starts `cupsd -f` only when no scheduler
is running and stops only the one it started; the ShowroomPDF queue is added when missing and
kept (CI runs this suite twice, on SQLite and on PostgreSQL, on the same machine).

cups-pdf's output is rewritten by Ghostscript (text becomes Type 3 glyphs), so the check is
the job's output file: its page count and size (pdfinfo) and its first page compared as a
picture with the original (pdftoppm). What CUPS received is the PDF itself (issue #17.19): the
job's size, as lpstat reports it, is the PDF's.
"""

from __future__ import annotations

import datetime as dt
import os
import pwd
import re
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from app.documents.sample_notice import render_store_notice
from app.core.dto import StoreDTO
from ui.shell import workers
from ui.shell.printing import PrintResult, available_printers, print_pdf

QUEUE = "ShowroomPDF"
CUPSD = Path("/usr/sbin/cupsd")
BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
PPD_NAME = "CUPS-PDF_opt.ppd"
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
STORE = StoreDTO(
    1,
    "上海浦江汽车销售服务有限公司",
    "上海市闵行区虹梅南路 1888 号",
    "021-64001234",
    "021-64005678",
    "https://pujiang-4s.example.cn",
    3,
)


def run(*args: str, timeout: float = 15) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout)


def scheduler_running() -> bool:
    return "scheduler is running" in run("lpstat", "-r").stdout


def cups_pdf_out_dir() -> Path:
    """Where cups-pdf writes a job of the current user: the `Out` line of cups-pdf.conf with
    ${HOME} and ${USER} filled in (Debian: ${HOME}/PDF, i.e. /root/PDF for root)."""
    user = pwd.getpwuid(os.getuid())
    out = "/var/spool/cups-pdf/${USER}"  # the built-in default
    if CUPS_PDF_CONF.exists():
        for line in CUPS_PDF_CONF.read_text(errors="replace").splitlines():
            match = re.match(r"\s*Out\s+(\S.*?)\s*$", line)
            if match:
                out = match.group(1)
    return Path(out.replace("${HOME}", user.pw_dir).replace("${USER}", user.pw_name))


def driver_name() -> str:
    """The cups-pdf PPD as lpinfo names it (lsb/usr/cups-pdf/CUPS-PDF_opt.ppd on Debian 12)."""
    for line in run("lpinfo", "-m", timeout=30).stdout.splitlines():
        name = line.split(" ", 1)[0]
        if name.endswith(PPD_NAME):
            return name
    pytest.skip(f"lpinfo -m lists no {PPD_NAME} (Debian: apt-get install printer-driver-cups-pdf)")


@pytest.fixture(scope="module")
def cups_queue(qapp):
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("printing through CUPS needs root here (to start cupsd and add a queue)")
    missing = [str(p) for p in (CUPSD, BACKEND) if not p.exists()]
    missing += [
        tool
        for tool in ("lpstat", "lpadmin", "lpinfo", "cupsenable", "cupsaccept", "pdfinfo", "pdftoppm")
        if shutil.which(tool) is None
    ]
    if missing:
        pytest.skip(
            "missing " + ", ".join(missing) + " (Debian: apt-get install cups "
            "cups-client cups-bsd printer-driver-cups-pdf poppler-utils)"
        )
    started = None
    if not scheduler_running():
        started = subprocess.Popen([str(CUPSD), "-f"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 15
        while not scheduler_running():
            if started.poll() is not None:  # e.g. another test run started one meanwhile
                started = None
                if scheduler_running():
                    break
                pytest.skip("cupsd did not start")
            if time.monotonic() > deadline:
                started.terminate()
                pytest.skip("cupsd did not report running within 15 s")
            time.sleep(0.1)
    if run("lpstat", "-p", QUEUE).returncode != 0:
        added = run("lpadmin", "-p", QUEUE, "-v", "cups-pdf:/", "-E", "-m", driver_name())
        assert added.returncode == 0, added.stderr
    run("cupsenable", QUEUE)
    run("cupsaccept", QUEUE)
    out_dir = cups_pdf_out_dir()
    yield out_dir
    if started is not None:
        started.terminate()
        try:
            started.wait(10)
        except subprocess.TimeoutExpired:
            started.kill()


@pytest.fixture(scope="module")
def notice() -> bytes:
    return render_store_notice(
        STORE, number="GS-2025-0007", version=3, language="bilingual", issued_at=dt.datetime(2025, 6, 1, 2, 0)
    )


def wait_for_output(out_dir: Path, title: str, timeout: float = 30) -> Path:
    """cups-pdf names the file after the job title (it may append '-job_N' or similar)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = sorted(out_dir.glob(f"{title}*.pdf"))
        if found and run("lpstat", "-o", QUEUE).stdout.strip() == "":  # nothing pending
            size = found[0].stat().st_size
            time.sleep(0.2)
            if size > 0 and found[0].stat().st_size == size:
                return found[0]
        time.sleep(0.2)
    pytest.fail(
        f"no {title}*.pdf in {out_dir} after {timeout} s; jobs: {run('lpstat', '-W', 'all', '-o', QUEUE).stdout!r}"
    )


def pdfinfo(path: Path) -> dict[str, str]:
    out = run("pdfinfo", str(path)).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def render_gray(path: Path, tmp_path: Path, name: str) -> Image.Image:
    prefix = tmp_path / name
    subprocess.run(
        ["pdftoppm", "-r", "40", "-gray", "-f", "1", "-l", "1", "-singlefile", str(path), str(prefix)],
        check=True,
        timeout=60,
    )
    return Image.open(f"{prefix}.pgm").convert("L")


def darkness(image: Image.Image) -> float:
    """Mean ink coverage, 0 (white) to 255 (black). Not a thresholded pixel count: text
    rasterised at 300 dpi and scaled down reads lighter at any one threshold."""
    histogram = image.histogram()
    return 255 - sum(i * n for i, n in enumerate(histogram)) / (image.width * image.height)


def check_printed_copy(printed: Path, original: bytes, tmp_path: Path) -> None:
    info = pdfinfo(printed)
    assert int(info["Pages"]) == 1
    assert "595 x 842" in info["Page size"]  # A4, as the original
    source = tmp_path / "original.pdf"
    source.write_bytes(original)
    a, b = render_gray(source, tmp_path, "a"), render_gray(printed, tmp_path, "b")
    b = b.resize(a.size)
    assert darkness(a) > 3  # the original is not blank (≈7 for the notice)
    assert darkness(b) == pytest.approx(darkness(a), rel=0.15)
    # Same place on the page: pixels that differ a lot are few (anti-aliasing differs).
    diff = ImageChops.difference(a, b).point(lambda v: 255 if v > 96 else 0)
    assert diff.histogram()[255] / (a.width * a.height) < 0.02


def test_the_queue_is_listed_by_qt(cups_queue):
    assert QUEUE in available_printers()


def test_store_notice_prints_through_cups(cups_queue, notice, tmp_path):
    title = f"showroom-test-{uuid.uuid4().hex[:12]}"
    started = time.perf_counter()
    result = print_pdf(notice, QUEUE, title=title)
    handed_over = time.perf_counter() - started
    assert result == PrintResult(QUEUE, 1, 1)
    printed = wait_for_output(cups_queue, title)
    done = time.perf_counter() - started
    try:
        check_printed_copy(printed, notice, tmp_path)
        assert "completed" not in run("lpstat", "-W", "not-completed", "-o", QUEUE).stdout
        print(f"\nprint_pdf returned after {handed_over:.2f} s; cups-pdf file after {done:.2f} s")
    finally:
        printed.unlink(missing_ok=True)


def test_print_from_a_worker_thread_through_run_op(cups_queue, notice, qtbot):
    """One real-thread run (not the synchronous executor): print_pdf on run_op's pool."""
    title = f"showroom-thread-{uuid.uuid4().hex[:12]}"
    results, errors = [], []
    workers.run_op(None, lambda: print_pdf(notice, QUEUE, title=title, copies=2), results.append, errors.append)
    qtbot.waitUntil(lambda: bool(results or errors), timeout=20_000)
    assert errors == [] and results == [PrintResult(QUEUE, 2, 1)]
    printed = wait_for_output(cups_queue, title)
    try:
        assert int(pdfinfo(printed)["Pages"]) == 2  # CUPS made the two copies
    finally:
        printed.unlink(missing_ok=True)


def completed_job_sizes() -> dict[str, int]:
    """{job id: size in bytes} of the queue's completed jobs, as lpstat shows them (CUPS
    counts a job's size in kilobytes: the numbers are multiples of 1024)."""
    sizes = {}
    for line in run("lpstat", "-W", "completed", "-o", QUEUE).stdout.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[2].isdigit():
            sizes[parts[0]] = int(parts[2])
    return sizes


SPOOL = Path("/var/spool/cups")  # CUPS's RequestRoot: d<job>-001 is a job's document


def spooled_document(job: str) -> bytes | None:
    """The document CUPS received for job "QUEUE-N", where it keeps it (PreserveJobFiles)."""
    path = SPOOL / f"d{int(job.rsplit('-', 1)[1]):05d}-001"
    return path.read_bytes() if path.exists() else None


def new_completed_job(before: dict[str, int]) -> str:
    deadline = time.monotonic() + 10
    while not (new := set(completed_job_sizes()) - set(before)) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(new) == 1, new
    return new.pop()


def test_a_cups_queue_gets_the_pdf_itself_not_a_raster(cups_queue, notice, tmp_path):
    """Issue #17.19: the job CUPS receives is the PDF (about its size), not 300 dpi pages
    (a 98 KB card arrived as 9.8 MB). The printed copy still looks like the original."""
    before = completed_job_sizes()
    title = f"showroom-vector-{uuid.uuid4().hex[:12]}"
    assert print_pdf(notice, QUEUE, title=title) == PrintResult(QUEUE, 1, 1)
    printed = wait_for_output(cups_queue, title)
    try:
        job = new_completed_job(before)
        size = completed_job_sizes()[job]
        assert size <= len(notice) + 2048, (size, len(notice))  # the PDF's own size, rounded up to KB
        assert spooled_document(job) in (None, notice)  # byte for byte, where CUPS keeps it
        check_printed_copy(printed, notice, tmp_path)
    finally:
        printed.unlink(missing_ok=True)


def test_the_print_dialogs_page_range_and_copies_travel_as_lp_options(cups_queue, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    from tests.ui.test_pdf_preview import three_pages
    from ui.shell.printing import make_printer, print_on

    printer = make_printer(QUEUE)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    title = f"showroom-range-{uuid.uuid4().hex[:12]}"
    assert print_on(printer, three_pages(), title=title).pages == 2
    printed = wait_for_output(cups_queue, title)
    try:
        assert int(pdfinfo(printed)["Pages"]) == 2
    finally:
        printed.unlink(missing_ok=True)
