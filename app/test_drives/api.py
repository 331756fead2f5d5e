"""The public module of test drives: other features import what they need from here,
never from its other modules (README, Development; tests/unit/test_layers.py checks it).

The KPI evidence pack (issue #20.5) reads the routes and the fleet register in force."""

from app.test_drives.fleet_setup import list_fleet, list_routes

__all__ = ["list_fleet", "list_routes"]
