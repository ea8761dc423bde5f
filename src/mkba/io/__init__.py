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

Parameter tables (CSV or Excel, one row per parameter) are read with
:func:`read_parameters` and written with :func:`write_parameters`; :func:`parameters_frame`
gives the same table as a DataFrame.

Tables go out as CSV with :func:`write_csv`: for a Dutch reader with ``;`` and a decimal
comma (what Dutch Excel opens), for an English one with ``,`` and a point; text that a
spreadsheet would read as a formula stays text.

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

from mkba.io._csv import CSV_ENCODING, read_csv, write_csv
from mkba.io._read import (
    FORMAT,
    MAX_FILE_BYTES,
    MAX_ITEMS,
    MAX_NESTING,
    ModelFileError,
    model_from_dict,
    read_model,
)
from mkba.io._tables import (
    MAX_TABLE_BYTES,
    MAX_TABLE_ROWS,
    TABLE_COLUMNS,
    parameters_frame,
    read_parameters,
    write_parameters,
)
from mkba.io._write import dumps_model, model_to_dict, write_model

__all__ = [
    "CSV_ENCODING",
    "FORMAT",
    "MAX_FILE_BYTES",
    "MAX_ITEMS",
    "MAX_NESTING",
    "MAX_TABLE_BYTES",
    "MAX_TABLE_ROWS",
    "TABLE_COLUMNS",
    "ModelFileError",
    "dumps_model",
    "model_from_dict",
    "model_to_dict",
    "parameters_frame",
    "read_csv",
    "read_model",
    "read_parameters",
    "write_csv",
    "write_model",
    "write_parameters",
]
