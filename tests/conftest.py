"""Test settings: hypothesis is derandomized everywhere, so every run is the same run."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "neurona",
    derandomize=True,
    database=None,  # no examples replayed from earlier runs: every run is the same run
    deadline=None,
    max_examples=60,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("neurona")
