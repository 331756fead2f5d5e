"""Qt item models over service DTOs (style guide §5)."""
