"""Shared kernel: errors, clock, permissions, keys and sealing, service plumbing (common, dto,
request_keys), validation, the audit chain. Every feature may import it; it imports no feature.

Importing the kernel stays light; app.core.keeper installs the audit key keeper and the write-race
error, and every feature package imports it."""
