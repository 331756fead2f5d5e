"""PDF documents: pure functions from DTOs, a language and timestamps to PDF bytes.

Rendering (reportlab, fonts.py / layout.py / one module per document type) and digital
signing (signing.py, pyHanko imported lazily) live here; storing and printing do not.
"""

import app.core.keeper  # noqa: F401,E402 - installs the audit key keeper (issue #15 item 7)
