"""How long the fuzz tests run: short and repeatable in the suite, long with `--hypothesis-profile=lang`.

The profile `lang` is registered in tests/conftest.py and never the default. With it, every
`@fuzz(n)` test runs the profile's number of examples (ZIELDSL_FUZZ_EXAMPLES, default 1000) with
fresh random data and keeps what it finds in hypothesis' example database.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

CAMPAIGN_PROFILE = "lang"
CAMPAIGN_EXAMPLES = int(os.environ.get("ZIELDSL_FUZZ_EXAMPLES", "0") or 0) or 1000
SLOW_IS_FINE = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
                HealthCheck.function_scoped_fixture]


def campaign() -> bool:
    """Whether this run is the long campaign (`pytest --hypothesis-profile=lang`)."""
    current = getattr(settings, "get_current_profile_name", None)
    name = current() if current is not None else getattr(settings, "_current_profile", None)
    return name == CAMPAIGN_PROFILE


def fuzz(examples: int):
    """`examples` derandomized examples in the suite; the profile's number in the campaign."""
    if campaign():
        return settings(deadline=None, suppress_health_check=SLOW_IS_FINE)
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=SLOW_IS_FINE)
