"""Audit and privacy tables (issue #9): hash-chained audit log, personal-data access records."""

from __future__ import annotations
