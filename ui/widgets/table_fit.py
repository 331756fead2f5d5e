"""How many rows a table looks at to fit its columns to their contents.

Qt looks at 1000 rows by default; a store's lists hold years of leads and documents, and
fitting columns over 1000 rows of 20 columns costs seconds (bench/run.py). A screenful of rows
gives the same widths for the rows anyone sees first.
"""

FIT_ROWS = 60


def read_only_table(name: str, model):
    """A list's view: whole rows selected, nothing edited in place, columns fitted to the
    first screenful, the last one stretched (the visit history, the customer page)."""
    from PySide6.QtWidgets import QAbstractItemView, QTableView

    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setVisible(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return view
