"""Privacy screens: the audit log, unmasking."""
