"""Model files: a whole MKBA in a TOML file, to and from :class:`~mkba.model.Model`.

A model file holds the parameters (with distributions, units, price years, sources,
labels and grades, inline or in a CSV/Excel table the file refers to), the project's and
the reference's streams (formulas and corrections) and PM items, and the time frame,
prices and discounting. The format is described, key by key, in ``docs/model-files.md``.

- :func:`read_model` reads with the standard library's :mod:`tomllib`; every problem is a
  :class:`ModelFileError` that names the file, the table and key, and the fix. Nothing in
  a file is executed: formulas go through the safe formula language.
- :func:`write_model` writes with ``tomli_w`` (the ``toml`` extra), atomically;
  ``read_model(path) == model`` after ``write_model(model, path)``.

Examples
--------
>>> import tempfile, pathlib
>>> from mkba.demo import example_model
>>> path = pathlib.Path(tempfile.mkdtemp()) / "model.toml"
>>> write_model(example_model(), path)
>>> read_model(path).name
'Wonen bij particulieren (voorbeeld)'
"""

from __future__ import annotations

from mkba.io._read import (
    FORMAT,
    MAX_FILE_BYTES,
    MAX_ITEMS,
    MAX_NESTING,
    ModelFileError,
    model_from_dict,
    read_model,
)
from mkba.io._write import dumps_model, model_to_dict, write_model

__all__ = [
    "FORMAT",
    "MAX_FILE_BYTES",
    "MAX_ITEMS",
    "MAX_NESTING",
    "ModelFileError",
    "dumps_model",
    "model_from_dict",
    "model_to_dict",
    "read_model",
    "write_model",
]
