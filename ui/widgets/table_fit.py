"""How many rows a table looks at to fit its columns to their contents.

Qt looks at 1000 rows by default; a store's lists hold years of leads and documents, and
fitting columns over 1000 rows of 20 columns costs seconds (bench/run.py). A screenful of rows
gives the same widths for the rows anyone sees first.
"""

FIT_ROWS = 60
