"""The public API stays what the documentation says."""

from __future__ import annotations

import subprocess
import sys

import mkba

DOCUMENTED = {
    "PM",
    "Cohort",
    "Intervention",
    "Model",
    "Parameter",
    "Result",
    "Stream",
    "__version__",
    "compare",
    "discounting",
    "distributions",
    "errors",
    "interventions",
    "io",
    "plotting",
    "prices",
    "report",
    "sensitivity",
}


def test_all_is_the_documented_api() -> None:
    assert set(mkba.__all__) == DOCUMENTED


def test_every_name_in_all_resolves() -> None:
    for name in mkba.__all__:
        assert getattr(mkba, name) is not None


def test_importing_mkba_does_not_import_pyplot() -> None:
    code = "import sys, mkba; print('matplotlib.pyplot' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_every_error_is_an_mkba_error_and_a_builtin_error() -> None:
    e = mkba.errors
    assert issubclass(e.SpecificationError, e.MkbaError)
    assert issubclass(e.SpecificationError, ValueError)
    assert issubclass(e.FormulaError, e.SpecificationError)
    assert issubclass(e.UnknownNameError, KeyError)
