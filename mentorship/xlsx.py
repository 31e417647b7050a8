"""Workbooks (openpyxl) that write people's text as text: a name or a reason
that starts with "=" (or "+", "-", "@" …) is stored as a string cell with a
quote prefix, never as a live formula."""

from __future__ import annotations

from openpyxl.cell import WriteOnlyCell

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")


def append_row(sheet, values) -> None:
    """sheet.append(values), with every text cell stored as text."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            text_cell(cell)


def text_cells(sheet, values) -> list:
    """A row for a write-only sheet (streamed exports): every text value as a
    text cell, the others as they are."""
    row = []
    for value in values:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=value)
            text_cell(cell)
            row.append(cell)
        else:
            row.append(value)
    return row


def text_cell(cell) -> None:
    value = cell.value
    cell.data_type = "s"
    if value.startswith(FORMULA_STARTS):
        # Excel shows it as text even when the cell is edited again
        cell.quotePrefix = True
