"""Test configuration shared by the whole suite."""

from __future__ import annotations

import os

import matplotlib
from hypothesis import settings

matplotlib.use("Agg")

# CI runs the same examples every time (a failure there is reproducible); locally
# Hypothesis keeps exploring new ones.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
