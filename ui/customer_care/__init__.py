"""Customer care screens (issue #19): the complaints board and, from h-care1, tasks and surveys."""
