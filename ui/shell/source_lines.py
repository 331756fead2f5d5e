"""Drop the source lines PySide6 reads into `linecache` for every imported module.

PySide6's import hook (shibokensupport/feature.py, `feature_imported`, PYSIDE-2029) decides
whether a newly imported module uses PySide6 by reading its whole source with
`inspect.getsource`, and `linecache` keeps every file it read for the life of the process:
about 900 files, 11 MB of text and 20 MB of Python objects once every page has been opened
(bench/RESULTS.md, issue #17 peak memory). Nothing of ours needs those lines kept: a
traceback reads the file again when it is printed. So the cache is emptied after each burst
of imports: the back end's load, and the first opening of a page.
"""

from __future__ import annotations

import linecache


def drop_source_lines() -> None:
    linecache.clearcache()
