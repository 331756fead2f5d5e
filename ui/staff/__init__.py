"""Staff screens: accounts and passwords."""
