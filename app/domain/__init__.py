"""Pure domain rules: validators, money, value objects. No database, no Qt."""
