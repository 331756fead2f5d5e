"""PDI tables (新车售前检查, T/CSCA 120031 4.4.1): checklist templates, inspections, items, rectifications (issue #7)."""

from __future__ import annotations
