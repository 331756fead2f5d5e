"""The UI fixtures of tests/ui (isolated QSettings, synchronous workers, contexts per role)."""

from tests.ui.conftest import ctx, isolated_settings, make_ctx, sync_ops  # noqa: F401
