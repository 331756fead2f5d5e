"""Loading the rows a test-drive service works on: the drive, its fleet car and its route.

A missing row is NotFound (never an AttributeError on None), so a drive deleted or an id
mistyped gives the user a clear message and the type checker a row that is there.
"""

from __future__ import annotations

from app.core.errors import NotFound
from db.drive_models import TestDrive, TestDriveCar, TestDriveRoute


def get_drive(session, drive_id: int) -> TestDrive:
    d = session.get(TestDrive, drive_id)
    if d is None:
        raise NotFound(what="test_drive", id=drive_id)
    return d


def car_of(session, drive: TestDrive) -> TestDriveCar:
    """The fleet car the drive is booked on."""
    car = session.get(TestDriveCar, drive.car_id)
    if car is None:
        raise NotFound(what="test_drive_car", id=drive.car_id)
    return car


def route_of(session, drive: TestDrive) -> TestDriveRoute:
    """The route the drive is booked on."""
    route = session.get(TestDriveRoute, drive.route_id)
    if route is None:
        raise NotFound(what="test_drive_route", id=drive.route_id)
    return route
