"""Domain rules and use-case services of Showroom. Never imports Qt or `ui` (import-linter)."""
