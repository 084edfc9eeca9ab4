"""Test settings: hypothesis is derandomized everywhere, so every run is the same run.

Under pytest-xdist (``make test`` runs two workers) each worker compiles numba's kernels
into a folder of its own (``NUMBA_CACHE_DIR``, set before anything imports numba), so two
workers never share a half-written cache.
"""

import os
import tempfile

if os.environ.get("PYTEST_XDIST_WORKER") and not os.environ.get("NUMBA_CACHE_DIR"):
    os.environ["NUMBA_CACHE_DIR"] = tempfile.mkdtemp(prefix="neurona-xdist-numba-")

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
