"""Test-drive tables (试乘试驾, T/CSCA 120031 4.2.4): routes, fleet cars, bookings and drives (issue #6)."""

from __future__ import annotations
