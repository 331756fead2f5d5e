"""Reception screens: check-in, queue, leads, visit history, reports."""
