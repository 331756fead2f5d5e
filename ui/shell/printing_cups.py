"""Vector printing through CUPS (issue #17.19): where the printer is a CUPS queue (Linux, macOS),
the PDF itself goes to the spooler with `lp`, and CUPS's own filters turn it into what the
printer speaks. A 98 KB card then arrives as about 98 KB, not as a 9.8 MB page of pixels, and
prints with sharp text at the printer's full resolution.

The choices made in the print dialog travel as lp options: copies (-n), collation, the page
range (-P), two-sided (sides=) and grey (print-color-mode=monochrome). The PDF is handed over
on lp's standard input, so no temporary file holds a customer's document.

Windows has no CUPS: there, and for a QPrinter writing a PDF file, or when `lp` is missing,
`vector_queue` says no and ui/shell/printing.py paints rasterised pages on the QPrinter (GDI).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

from PySide6.QtPrintSupport import QPrinter

from app.core.errors import ShowroomError

LP_TIMEOUT_S = 60  # lp returns once the scheduler has the job, normally within a second
_REQUEST_ID = re.compile(r"request id is (\S+)")
_SIDES = {
    QPrinter.DuplexMode.DuplexNone: "one-sided",
    QPrinter.DuplexMode.DuplexLongSide: "two-sided-long-edge",
    QPrinter.DuplexMode.DuplexShortSide: "two-sided-short-edge",
}


def lp_command() -> str | None:
    """The path of CUPS's `lp`, or None where there is none (Windows, a system without CUPS)."""
    if sys.platform.startswith("win"):
        return None
    return shutil.which("lp")


def vector_queue(printer: QPrinter) -> bool:
    """Whether the PDF can go to this printer as it is: a named system queue (not a PDF file
    printer) on a system with CUPS's lp."""
    return (
        printer.outputFormat() == QPrinter.OutputFormat.NativeFormat
        and bool(printer.printerName())
        and lp_command() is not None
    )


def lp_arguments(printer: QPrinter, title: str, selected_pages: str) -> list[str]:
    """lp's arguments for the queue and the print dialog's choices (file from stdin)."""
    args = [lp_command() or "lp", "-d", printer.printerName(), "-t", title or "Showroom"]
    args += ["-n", str(max(1, printer.copyCount()))]
    if printer.copyCount() > 1:
        args += ["-o", f"collate={'true' if printer.collateCopies() else 'false'}"]
    if selected_pages:
        args += ["-P", selected_pages]
    if printer.duplex() in _SIDES:
        args += ["-o", f"sides={_SIDES[printer.duplex()]}"]
    if printer.colorMode() == QPrinter.ColorMode.GrayScale:
        args += ["-o", "print-color-mode=monochrome"]
    return args


def send_pdf(printer: QPrinter, pdf_bytes: bytes, *, title: str, selected_pages: str) -> str:
    """Hand the PDF to the CUPS queue; returns the job id (e.g. "Front-42"). Raises
    print_failed (reason "spool") with lp's own message when the scheduler refuses it."""
    name = printer.printerName()
    try:
        done = subprocess.run(
            lp_arguments(printer, title, selected_pages),
            input=pdf_bytes,
            capture_output=True,
            timeout=LP_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as e:
        raise ShowroomError("print_failed", printer=name, reason="spool", detail=str(e)) from e
    message = (done.stderr or done.stdout).decode("utf-8", "replace").strip()
    if done.returncode != 0:
        raise ShowroomError("print_failed", printer=name, reason="spool", detail=message)
    found = _REQUEST_ID.search(done.stdout.decode("utf-8", "replace"))
    return found.group(1) if found else ""


def page_list(pages: list[int], total: int) -> str:
    """lp's -P value for 0-based page indexes ("" for every page), e.g. [0, 1, 2, 4] -> "1-3,5"."""
    if pages == list(range(total)):
        return ""
    runs: list[list[int]] = []
    for p in pages:
        if runs and p == runs[-1][1] + 1:
            runs[-1][1] = p
        else:
            runs.append([p, p])
    return ",".join(f"{a + 1}" if a == b else f"{a + 1}-{b + 1}" for a, b in runs)
