"""Streaming reader of XLSX worksheets for the inventory import (issue #15.13).

openpyxl's read-only mode still parses a whole sheet once before the first row when the file
has no <dimension> (many writers leave it out), and builds an element tree per cell: an 11.9 MB
workbook that unpacks to 1.5 M rows ran for minutes and exhausted memory. Here the workbook's
small parts (content types, shared strings, styles, sheet list) are read with openpyxl, so
values mean exactly what openpyxl makes of them, and the sheet itself is fed through expat in
64 KiB chunks: one row at a time in memory, however large the sheet.

Before anything is parsed the archive's declared unpacked size is checked: a "zip bomb" is
refused as too large instead of being inflated (zipfile never inflates a member past the size
its header declares).
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Self
from xml.parsers import expat

from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.worksheet._reader import _cast_number

# A real 50,000-row inventory sheet unpacks to well under 200 MB; shared strings to a few MB.
MAX_UNPACKED_BYTES = 1 << 30
MAX_SHARED_PARTS_BYTES = 128 << 20  # everything but the worksheets is held in memory whole
_CHUNK = 1 << 16


class XlsxTooLarge(Exception):
    """The archive would unpack to more than the reader accepts."""


class XlsxBook:
    """An open workbook: `sheets` (worksheet part names, in workbook order) and `rows(sheet)`.
    Use as a context manager; it keeps the zip file open (and, on Windows, locked) until then."""

    def __init__(self, path: Path) -> None:
        from openpyxl.reader.excel import ExcelReader
        from openpyxl.styles.stylesheet import apply_stylesheet

        _check_sizes(path)
        reader = ExcelReader(str(path), read_only=True, data_only=True)
        self._archive = reader.archive
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "no default style" and the like: harmless
                reader.read_manifest()
                reader.read_strings()
                reader.read_workbook()
                apply_stylesheet(reader.archive, reader.wb)
            self._strings = reader.shared_strings
            wb = reader.wb
            self._epoch = wb.epoch
            self._dates = set(wb._date_formats)
            self._timedeltas = set(wb._timedelta_formats)
            self.sheets = [
                rel.target
                for _sheet, rel in reader.parser.find_sheets()
                if rel.target in reader.valid_files and "chartsheet" not in rel.Type
            ]
        except BaseException:
            self._archive.close()
            raise

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self._archive.close()

    def rows(self, sheet: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(row number, cell values) for every row of the sheet that holds a cell, in order.
        Values are typed as openpyxl's values_only reading gives them."""
        parser = _SheetParser(self._strings, self._dates, self._timedeltas, self._epoch)
        with self._archive.open(sheet) as src:
            while True:
                chunk = src.read(_CHUNK)
                parser.feed(chunk, final=not chunk)
                yield from parser.take()
                if not chunk:
                    return


def _check_sizes(path: Path) -> None:
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
    total = sum(i.file_size for i in infos)
    shared = sum(i.file_size for i in infos if not i.filename.startswith("xl/worksheets/"))
    if total > MAX_UNPACKED_BYTES or shared > MAX_SHARED_PARTS_BYTES:
        raise XlsxTooLarge(total)


def _column_index(ref: str, cache: dict[str, int]) -> int:
    letters = ref.rstrip("0123456789")
    index = cache.get(letters)
    if index is None:
        index = cache[letters] = column_index_from_string(letters)
    return index


class _SheetParser:
    """expat callbacks that turn <row>/<c> elements into value tuples (data_only semantics:
    a formula cell gives its cached result, as openpyxl's read-only values_only does)."""

    def __init__(self, strings, dates: set[int], timedeltas: set[int], epoch) -> None:
        self._strings, self._dates, self._timedeltas, self._epoch = strings, dates, timedeltas, epoch
        self._out: list[tuple[int, tuple[Any, ...]]] = []
        self._row_no = 0
        self._cells: dict[int, Any] = {}
        self._col = 0
        self._type = "n"
        self._style = 0
        self._text: list[str] | None = None  # collecting the text of a <v> or an inline <t>
        self._parts: list[str] = []
        self._inline = False
        self._phonetic = False
        self._columns: dict[str, int] = {}
        p = self._parser = expat.ParserCreate()
        p.buffer_text = True
        p.StartElementHandler = self._start
        p.EndElementHandler = self._end
        p.CharacterDataHandler = self._chars
        # A worksheet never has a DTD; one could only be there to expand entities (XML bombs).
        p.StartDoctypeDeclHandler = self._no_dtd
        p.EntityDeclHandler = self._no_dtd

    @staticmethod
    def _no_dtd(*_args) -> None:
        raise ValueError("a worksheet with a DTD")

    def feed(self, data: bytes, final: bool) -> None:
        self._parser.Parse(data, final)

    def take(self) -> list[tuple[int, tuple[Any, ...]]]:
        out, self._out = self._out, []
        return out

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        name = name.rpartition(":")[2]  # some writers prefix the main namespace (x:row)
        if name == "c":
            ref = attrs.get("r")
            self._col = _column_index(ref, self._columns) if ref else self._col + 1
            self._type = attrs.get("t", "n")
            style = attrs.get("s")
            self._style = int(style) if style else 0
            self._parts = []
            self._inline = False
        elif name == "v" or (name == "t" and self._inline and not self._phonetic):
            self._text = self._parts
        elif name == "is":
            self._inline = True
        elif name == "rPh":
            self._phonetic = True  # a Japanese reading guide, not part of the text
        elif name == "row":
            r = attrs.get("r")
            self._row_no = int(float(r)) if r else self._row_no + 1
            self._cells = {}
            self._col = 0

    def _chars(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def _end(self, name: str) -> None:
        name = name.rpartition(":")[2]
        if name in ("v", "t"):
            self._text = None
        elif name == "rPh":
            self._phonetic = False
        elif name == "c":
            value = self._value()
            if value is not None:
                self._cells[self._col] = value
        elif name == "row":
            cells = self._cells
            if cells:
                width = max(cells)
                self._out.append((self._row_no, tuple(cells.get(i) for i in range(1, width + 1))))

    def _value(self) -> Any:
        """What openpyxl's WorkSheetParser.parse_cell gives for this cell (data_only)."""
        text = "".join(self._parts)
        kind = self._type
        if kind == "inlineStr":
            return text if self._inline else None
        if not text:
            return None
        if kind == "n":
            value = _cast_number(text)
            if self._style in self._dates:
                try:
                    return from_excel(value, self._epoch, timedelta=self._style in self._timedeltas)
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return value
        if kind == "s":
            return self._strings[int(text)]
        if kind == "b":
            return bool(int(text))
        if kind == "d":
            return from_ISO8601(text)
        return text  # "str" (a formula's text result) and "e" (#N/A and the like)
