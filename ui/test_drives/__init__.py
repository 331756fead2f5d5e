"""Test drive screens: bookings, the drive dialog and its forms, fleet and route setup."""
