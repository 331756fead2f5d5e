"""The Customer care module of the main window (issue #19): tasks, surveys, service recovery."""
