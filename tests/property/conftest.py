"""Hypothesis settings for the property tests (issue #8.6): modest example counts so the whole
suite stays fast; HYPOTHESIS_PROFILE=long for a deeper run. Examples reuse one database per
test (each example checks itself that a refused input wrote nothing), hence the health check
for function-scoped fixtures is off. No example database is written into the repository."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

_common = dict(
    deadline=None,
    database=None,
    derandomize=False,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
# The everyday profile does not shrink: each example touches a real database, and shrinking a
# failure takes minutes. Reproduce a failure with HYPOTHESIS_PROFILE=long to get it shrunk.
settings.register_profile(
    "showroom", max_examples=25, print_blob=True, phases=[Phase.explicit, Phase.reuse, Phase.generate], **_common
)
settings.register_profile("long", max_examples=500, **_common)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "showroom"))
