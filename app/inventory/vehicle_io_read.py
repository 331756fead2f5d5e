"""Reading an inventory file (CSV or XLSX) as a stream of rows, with a row limit (issue #15.13).

Nothing here holds the whole file: CSV is decoded as it is read, XLSX goes through
app.inventory.xlsx_stream one row at a time. `open_sheet` finds the sheet and its header
(the first row naming a "vin" column); `Sheet.rows()` streams the data rows below it, afresh
on each call; `check_row_limit` refuses a file with more data rows than the limit before
the database is touched ("import_too_many_rows"), reading no further than the limit.

Every failure of the file as a whole is ShowroomError("import_unreadable", reason=...).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from app.core.errors import ShowroomError
from app.inventory.vehicle_io_formats import SUPPORTED_SUFFIXES, cell_text, normalize_header

# Issue #15.13: an import reads at most this many data rows unless the administrator raises
# it (`showroom admin import-vehicles --max-rows N`, or this variable on the terminal).
DEFAULT_MAX_ROWS = 50_000
ENV_MAX_ROWS = "SHOWROOM_IMPORT_MAX_ROWS"
HEADER_SEARCH_ROWS = 10
_MAX_HEADER_LINE = 1 << 20  # a "line" longer than this is no inventory header
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")

Rows = Iterator[tuple[int, tuple[Any, ...]]]


def default_max_rows() -> int:
    try:
        value = int(os.environ.get(ENV_MAX_ROWS, ""))
    except ValueError:
        return DEFAULT_MAX_ROWS
    return value if value > 0 else DEFAULT_MAX_ROWS


@dataclass
class Sheet:
    """The sheet an import reads: its normalised header and a way to stream its rows."""

    path: Path
    header: list[str | None]
    header_row: int
    _all_rows: Callable[[], Rows]  # every non-empty row of the sheet, header included
    row_bound: Callable[[int], int]  # an upper bound of the data rows, counted up to a cap

    def rows(self) -> Rows:
        """(spreadsheet row number, cells) of each non-empty data row below the header."""
        for n, cells in self._all_rows():
            if n > self.header_row:
                yield n, cells


def check_row_limit(sheet: Sheet, limit: int) -> int:
    """How many data rows the sheet has (at most limit); refuses a sheet with more.

    The cheap upper bound settles nearly every file; only when it is above the limit are the
    rows themselves counted (blank formatted rows may inflate the bound), up to limit + 1."""
    bound = sheet.row_bound(limit + 1)
    if bound <= limit:
        return bound
    count = 0
    for _ in sheet.rows():
        count += 1
        if count > limit:
            raise too_many_rows(sheet.path, limit)
    return count


def too_many_rows(path: Path, limit: int) -> ShowroomError:
    return ShowroomError("import_too_many_rows", path=str(path), limit=limit)


@contextmanager
def open_sheet(path: Path) -> Iterator[Sheet]:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise _unreadable(path, "unsupported_format")
    if not path.is_file():
        raise _unreadable(path, "not_found")
    if suffix == ".csv":
        yield _parsing(path, lambda: _csv_sheet(path))
        return
    with contextlib.ExitStack() as stack:
        # Only opening is guarded here: an error of the caller's (a conflict, a cancel) in the
        # with-block must reach it as it is, not as a damaged file.
        yield _parsing(path, lambda: stack.enter_context(_xlsx_sheet(path)))


def _parsing(path: Path, open_it: Callable[[], Sheet]) -> Sheet:
    try:
        return open_it()
    except ShowroomError:
        raise
    except Exception as e:  # noqa: BLE001 - any parser failure means the same thing: corrupt
        raise _unreadable(path, _reason(e), detail=f"{type(e).__name__}: {e}") from None


def _reason(e: Exception) -> str:
    from app.inventory.xlsx_stream import XlsxTooLarge

    return "too_large" if isinstance(e, XlsxTooLarge) else "corrupt"


def _unreadable(path: Path, reason: str, **extra) -> ShowroomError:
    return ShowroomError("import_unreadable", path=str(path), reason=reason, **extra)


def _guarded(path: Path, rows: Callable[[], Rows]) -> Callable[[], Rows]:
    """Rows whose parse errors surface as "import_unreadable" wherever they are iterated,
    with blank rows left out."""

    def stream() -> Rows:
        try:
            for n, cells in rows():
                if any(cell_text(c) for c in cells):
                    yield n, cells
        except ShowroomError:
            raise
        except Exception as e:  # noqa: BLE001 - a parser failure halfway is still "corrupt"
            raise _unreadable(path, _reason(e), detail=f"{type(e).__name__}: {e}") from None

    return stream


def _find_header(rows: Rows) -> tuple[int, tuple[Any, ...]] | None:
    """The first of the first rows naming a "vin" column: sheets often carry a title line
    (e.g. 库存清单 2025-06) above it."""
    for i, (n, cells) in enumerate(rows):
        if "vin" in {normalize_header(c) for c in cells}:
            return n, cells
        if i + 1 >= HEADER_SEARCH_ROWS:
            break
    return None


def _make_sheet(path: Path, all_rows: Callable[[], Rows], bound: Callable[[int], int]) -> Sheet | None:
    found = _find_header(all_rows())
    if found is None:
        return None
    n, cells = found
    return Sheet(path, [normalize_header(c) for c in cells], n, all_rows, bound)


def _first_row_sheet(path: Path, all_rows: Callable[[], Rows], bound: Callable[[int], int]) -> Sheet:
    """Without a "vin" header, the first row is the header, so missing columns are named."""
    first = next(all_rows(), None)
    if first is None:
        raise _unreadable(path, "empty")
    return Sheet(path, [normalize_header(c) for c in first[1]], first[0], all_rows, bound)


# --- CSV -------------------------------------------------------------------------------------


def _csv_encoding(path: Path) -> str:
    """The file's encoding, checked over the whole file without holding it."""
    with path.open("rb") as f:
        head = f.read(2)
        if head in (b"\xff\xfe", b"\xfe\xff"):  # Excel's "Unicode text" is UTF-16
            return "utf-16"
        # Chinese Excel saves "CSV (逗号分隔)" in the ANSI code page, GBK; GB18030 is a superset.
        for encoding in ("utf-8-sig", "gb18030"):
            f.seek(0)
            decoder = codecs.getincrementaldecoder(encoding)()
            try:
                while chunk := f.read(1 << 20):
                    if b"\x00" in chunk:
                        raise _unreadable(path, "corrupt")
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
                return encoding
            except UnicodeDecodeError:
                continue
    raise _unreadable(path, "encoding")


def _csv_sheet(path: Path) -> Sheet:
    encoding = _csv_encoding(path)
    with path.open(encoding=encoding, newline="") as f:
        lines: list[str] = []
        while len(lines) < HEADER_SEARCH_ROWS and (line := f.readline(_MAX_HEADER_LINE)):
            if line.strip():
                lines.append(line)
    header = next((line for line in lines if "vin" in line.lower()), lines[0] if lines else "")
    # Comma normally; a tab-separated "Unicode text" export or a ;-separated European CSV also
    # works. Only the header line counts, since ";" also separates configuration items.
    delimiter = max((",", "\t", ";"), key=header.count) if header else ","

    def raw_rows() -> Rows:
        with path.open(encoding=encoding, newline="") as f:
            for n, cells in enumerate(csv.reader(f, delimiter=delimiter), start=1):
                yield n, tuple(cells)

    all_rows = _guarded(path, raw_rows)
    sheet: Sheet | None = None

    def bound(cap: int) -> int:  # exact for CSV: counting rows is cheap
        assert sheet is not None  # bound is only called once the sheet is made
        count = 0
        for _ in sheet.rows():
            count += 1
            if count >= cap:
                break
        return count

    sheet = _make_sheet(path, all_rows, bound) or _first_row_sheet(path, all_rows, bound)
    return sheet


# --- XLSX ------------------------------------------------------------------------------------


@contextmanager
def _xlsx_sheet(path: Path) -> Iterator[Sheet]:
    from app.inventory.xlsx_stream import XlsxBook

    with XlsxBook(path) as book:
        streams = [_guarded(path, partial(book.rows, s)) for s in book.sheets]
        sheet = None
        # A workbook may open with an instructions sheet (填写说明): take the data sheet.
        for name, stream in zip(book.sheets, streams, strict=True):
            sheet = _make_sheet(path, stream, _row_element_bound(path, name))
            if sheet is not None:
                break
        if sheet is None:
            if not streams:
                raise _unreadable(path, "empty")
            sheet = _first_row_sheet(path, streams[0], _row_element_bound(path, book.sheets[0]))
        yield sheet


def _row_element_bound(path: Path, part: str) -> Callable[[int], int]:
    def bound(cap: int) -> int:
        """<row> elements of the sheet below its header: a few hundred MB/s, no XML parse."""
        count, tail = 0, b""
        with zipfile.ZipFile(path) as z, z.open(part) as src:
            while chunk := src.read(1 << 20):
                data = tail + chunk
                tail = data[-32:]  # a tag cut by the chunk's end is whole next time
                count += len(_ROW_TAG.findall(data)) - len(_ROW_TAG.findall(tail))
                if count > cap:
                    break
        count += len(_ROW_TAG.findall(tail))
        return max(count - 1, 0)  # the header row

    return bound
