"""The public module of finance: other features import what they need from here, never from its
other modules."""

__all__: list[str] = []
