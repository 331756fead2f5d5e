"""Dialogs: each calls its service through ui.workers.run_op and offers ask()."""
