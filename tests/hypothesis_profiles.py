"""Hypothesis settings for the property tests: derandomized (the same examples on every run, so a
failure in CI is a failure on a laptop), no example database, no per-example deadline (a render
takes tens of milliseconds and the machine is shared). CI (CI=true) runs 150 examples per test;
a local run 40. HYPOTHESIS_PROFILE=ci|dev picks one explicitly."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = dict(derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=150, **_COMMON)
settings.register_profile("dev", max_examples=40, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))
