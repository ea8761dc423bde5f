"""The examples in every docstring of mkba run and give what they show.

Each module of the package is imported and its docstrings are run with :mod:`doctest`,
in process, so ``make test`` checks them; plots use the Agg backend and files go to a
temporary working directory.
"""

from __future__ import annotations

import doctest
import importlib
import os
import pkgutil
from pathlib import Path

import pytest

import mkba

OPTIONS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _modules() -> list[str]:
    names = ["mkba"]
    for info in pkgutil.walk_packages(mkba.__path__, prefix="mkba."):
        if info.name.endswith("__main__"):
            continue
        names.append(info.name)
    return sorted(names)


def _tests(module_name: str) -> list[doctest.DocTest]:
    """The docstring examples defined in the module itself (not in what it imports)."""
    module = importlib.import_module(module_name)
    own = Path(module.__file__ or "").resolve()
    found = doctest.DocTestFinder(exclude_empty=True).find(module, module_name)
    return [t for t in found if t.examples and t.filename and Path(t.filename).resolve() == own]


ALL_MODULES = _modules()
MODULES = [name for name in ALL_MODULES if _tests(name)]


def test_every_module_is_collected() -> None:
    for name in ("mkba.model", "mkba.results", "mkba.discounting", "mkba.formula"):
        assert name in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MPLBACKEND", "Agg")
    import matplotlib

    matplotlib.use("Agg")
    monkeypatch.chdir(tmp_path)  # examples that write files write them here
    tests = _tests(name)
    runner = doctest.DocTestRunner(optionflags=OPTIONS)
    failures: list[str] = []
    for test in tests:
        out: list[str] = []
        result = runner.run(test, out=out.append, clear_globs=True)
        if result.failed:
            failures.append("".join(out))
    assert not failures, "\n".join(failures)[-6000:]
    if os.environ.get("MKBA_DOCTEST_VERBOSE"):
        print(f"{name}: {sum(len(t.examples) for t in tests)} examples")
