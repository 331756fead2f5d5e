"""Application shell: start-up, login, main window, settings, and the UI plumbing every page
uses (context, workers and ops, i18n, labels, error messages, printing)."""
