"""Fuzzers for the file surfaces: model files (TOML) and parameter tables (CSV, Excel).

Each mutates valid files (the example ``examples/gemeente_voorbeeld.toml`` with its
``kengetallen.csv``, and a built-in model as :func:`mkba.io.write_model` writes it) with a
seeded random generator, reads and evaluates the result, and asserts that only an
:class:`~mkba.errors.MkbaError` escapes. Each also counts how many cases got through
reading to evaluation, and asserts that enough did, so the fuzzer does not only test the
parser's first check. The budget is a fixed number of cases and a time limit, whichever
comes first.
"""

from __future__ import annotations

import io
import random
import shutil
import time
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mkba import interventions
from mkba.errors import MkbaError
from mkba.io import dumps_model, model_to_dict, read_model, read_parameters, write_parameters

tomli_w = pytest.importorskip("tomli_w")

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CASES = 150
SECONDS = 5.0  # per surface
SEED = 0

HUGE = [9 * 10**400, -(10**400), 10**309, 2**1100]
TEXTS = ["", " ", "abc", "a\x00b", "\x1b[31m", "x\ny", "\u202e", "=1+1", "n * 10", "1/0",
         "log(-1)", "10 ** 400", "__import__('os')", "t", "PERT", "cost", "NL_2025", "2025",
         "é" * 300]
NUMBERS = [0, -1, 1, 0.5, 1.5, -0.999999, 1e308, -1e308, 1e-320, float("inf"),
           float("nan"), 10**9, 10**10, 2025, 3000, 0.0225]


def evaluate(read: Callable[[], Any]) -> bool:
    """Read and evaluate; True when evaluation was reached (whatever its outcome)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            model = read()
        except MkbaError:
            return False
        try:
            model.evaluate()
        except MkbaError:
            pass
        return True


def paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path] if path else []
    if isinstance(data, dict):
        for k, v in data.items():
            out += paths(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += paths(v, (*path, i))
    return out


def hostile_value(rnd: random.Random) -> Any:
    kind = rnd.randrange(6)
    if kind == 0:
        return rnd.choice(HUGE)
    if kind == 1:
        return rnd.choice(TEXTS)
    if kind == 2:
        return rnd.choice(NUMBERS)
    if kind == 3:
        return {rnd.choice(["type", "value", "low", "x", "1"]): rnd.choice(NUMBERS + TEXTS)}
    if kind == 4:
        return [rnd.choice(NUMBERS + TEXTS) for _ in range(rnd.randrange(3))]
    return rnd.choice([True, False])


def mutate_data(data: dict[str, Any], rnd: random.Random) -> None:
    """Change, delete or nest values and keys of parsed TOML, in place."""
    for _ in range(rnd.randint(1, 3)):
        where = rnd.choice(paths(data))
        target: Any = data
        for key in where[:-1]:
            target = target[key]
        last = where[-1]
        action = rnd.randrange(4)
        if action == 0 and isinstance(target, dict):
            del target[last]
        elif action == 1 and isinstance(target, dict):
            target[rnd.choice(["unknown", f"{last}_", "x\x00"])] = target[last]
        elif action == 2 and isinstance(target[last], int | float) and not isinstance(
                target[last], bool):
            target[last] = rnd.choice(HUGE) if rnd.random() < 0.5 else -target[last]
        else:
            target[last] = hostile_value(rnd)


def mutate_text(text: str, rnd: random.Random) -> str:
    """Damage the TOML text: duplicate, drop or cut lines, or change a few characters."""
    lines = text.splitlines(keepends=True)
    action = rnd.randrange(4)
    if action == 0:  # a duplicate key or table
        i = rnd.randrange(len(lines))
        lines.insert(i, lines[rnd.randrange(len(lines))])
    elif action == 1:
        del lines[rnd.randrange(len(lines))]
    elif action == 2:
        return text[: rnd.randrange(len(text))]
    else:
        chars = list(text)
        for _ in range(rnd.randint(1, 4)):
            chars[rnd.randrange(len(chars))] = rnd.choice(
                ['"', "[", "]", "=", "{", "\\u0000", "9" * 400, "\n", "#", "."])
        return "".join(chars)
    return "".join(lines)


def model_bases(tmp_path: Path) -> list[tuple[str, str]]:
    shutil.copy(EXAMPLES / "kengetallen.csv", tmp_path / "kengetallen.csv")
    example = (EXAMPLES / "gemeente_voorbeeld.toml").read_text(encoding="utf-8")
    written = dumps_model(interventions.load("wonen_bij_particulieren"))
    return [("example", example), ("written", written)]


def test_damaged_model_files_give_only_mkba_errors(tmp_path: Path) -> None:
    import tomllib

    rnd = random.Random(SEED + 14)
    bases = model_bases(tmp_path)
    path = tmp_path / "m.toml"
    reached = cases = 0
    start = time.perf_counter()
    while cases < CASES and time.perf_counter() - start < SECONDS:
        _, text = bases[cases % len(bases)]
        if rnd.random() < 0.6:  # structured: a wrong value, key or table
            data = tomllib.loads(text)
            mutate_data(data, rnd)
            try:
                text = tomli_w.dumps(data)
            except (TypeError, ValueError):
                continue  # not writable as TOML (e.g. a NaN key)
        else:
            text = mutate_text(text, rnd)
        path.write_text(text, encoding="utf-8")
        cases += 1
        reached += evaluate(lambda: read_model(path))
    print(f"{reached} of {cases} cases reached evaluation")
    assert cases >= 30, f"only {cases} cases in {SECONDS} s"
    assert reached >= cases // 20, f"only {reached} of {cases} cases reached evaluation"


# -- parameter tables -----------------------------------------------------------------------

def table_model(tmp_path: Path, table: str) -> Path:
    """The example model file, reading its parameters from ``table``."""
    text = (EXAMPLES / "gemeente_voorbeeld.toml").read_text(encoding="utf-8")
    path = tmp_path / "m.toml"
    path.write_text(text.replace('table = "kengetallen.csv"', f'table = "{table}"'),
                    encoding="utf-8")
    return path


CELLS = ["9" * 400, "-" + "9" * 400, "1e999", "nan", "inf", "-inf", "abc", "", " ", "0",
         "-1", "1,5", "1.5", "PERT", "Dirichlet", "Fixed", "LogNormal", "p[x]", "n",
         "a\x00b", "x\ny", "=1+1", "1e308", "2025", "0.5", "C", "EUR"]


def mutate_rows(rows: list[list[str]], rnd: random.Random) -> list[list[str]]:
    rows = [list(r) for r in rows]
    for _ in range(rnd.choice([1, 1, 1, 2, 4])):
        action = rnd.randrange(10)
        r = rnd.randrange(len(rows))
        if action == 0 and len(rows) > 1:  # a duplicate row (a duplicate name)
            rows.insert(rnd.randrange(len(rows)), list(rows[rnd.randrange(1, len(rows))]))
        elif action == 1 and len(rows) > 1:
            del rows[rnd.randrange(1, len(rows))]
        elif action == 2:  # an extra or missing cell
            if rows[r] and rnd.random() < 0.5:
                rows[r].pop()
            else:
                rows[r].append(rnd.choice(CELLS))
        elif rows[r]:
            rows[r][rnd.randrange(len(rows[r]))] = rnd.choice(CELLS)
    return rows


def example_rows() -> list[list[str]]:
    import csv

    text = (EXAMPLES / "kengetallen.csv").read_text(encoding="utf-8-sig")
    return [list(r) for r in csv.reader(io.StringIO(text))]


def test_damaged_csv_tables_give_only_mkba_errors(tmp_path: Path) -> None:
    import csv

    rnd = random.Random(SEED + 6)
    base = example_rows()
    table = tmp_path / "k.csv"
    model = table_model(tmp_path, "k.csv")
    reached = cases = 0
    start = time.perf_counter()
    while cases < CASES and time.perf_counter() - start < SECONDS:
        if rnd.random() < 0.8:
            buf = io.StringIO()
            delimiter = rnd.choice([",", ",", ";"])
            csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerows(
                mutate_rows(base, rnd))
            data = buf.getvalue().encode("utf-8")
        else:  # raw byte damage: invalid UTF-8, null bytes, cut short
            data = bytearray((EXAMPLES / "kengetallen.csv").read_bytes())
            for _ in range(rnd.randint(1, 5)):
                data[rnd.randrange(len(data))] = rnd.randrange(256)
            data = bytes(data[: rnd.randrange(1, len(data) + 1)])
        table.write_bytes(data)
        cases += 1
        reached += evaluate(lambda: read_model(model))
        with _only_mkba():
            read_parameters(table)
    print(f"{reached} of {cases} cases reached evaluation")
    assert cases >= 30, f"only {cases} cases in {SECONDS} s"
    assert reached >= cases // 20, f"only {reached} of {cases} cases reached evaluation"


class _only_mkba:
    """``with _only_mkba(): ...``: an MkbaError is fine, anything else fails the test."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> bool:
        return kind is not None and issubclass(kind, MkbaError)


def test_damaged_excel_tables_give_only_mkba_errors(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    rnd = random.Random(SEED + 5)
    good = tmp_path / "good.xlsx"
    write_parameters(read_parameters(EXAMPLES / "kengetallen.csv"), good)
    raw = good.read_bytes()
    base = [["" if v is None else v for v in row]
            for row in openpyxl.load_workbook(good).active.iter_rows(values_only=True)]
    table = tmp_path / "k.xlsx"
    model = table_model(tmp_path, "k.xlsx")
    reached = cases = 0
    start = time.perf_counter()
    while cases < CASES // 2 and time.perf_counter() - start < SECONDS:
        action = rnd.randrange(3)
        if action == 0:  # random cells: huge numbers, text in number columns, ...
            book = openpyxl.Workbook()
            for row in mutate_rows(base, rnd):
                cells = []
                for v in row:
                    if isinstance(v, str) and v.lstrip("-").isdigit() and len(v) > 300:
                        v = int(v)  # a real 400-digit number cell, not text
                    elif isinstance(v, str):
                        v = v.replace("\x00", "")  # Excel cells cannot hold it
                    cells.append(v)
                try:
                    book.active.append(cells)
                except Exception:  # openpyxl refuses some text; skip it
                    continue
            try:
                book.save(table)
            except Exception:  # a value openpyxl cannot write
                continue
        elif action == 1:  # damaged sheet XML inside an intact zip
            with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(table, "w") as dst:
                for item in src.infolist():
                    data = src.read(item.filename)
                    if item.filename.startswith("xl/") and item.filename.endswith(".xml") \
                            and rnd.random() < 0.5:
                        data = mutate_bytes(data, rnd)
                    dst.writestr(item, data)
        else:  # damaged zip bytes
            table.write_bytes(mutate_bytes(raw, rnd))
        cases += 1
        reached += evaluate(lambda: read_model(model))
        with _only_mkba():
            read_parameters(table)
    print(f"{reached} of {cases} cases reached evaluation")
    assert cases >= 20, f"only {cases} cases in {SECONDS} s"
    assert reached > 0, f"none of {cases} cases reached evaluation"


def mutate_bytes(data: bytes, rnd: random.Random) -> bytes:
    out = bytearray(data)
    action = rnd.randrange(3)
    if action == 0:
        return bytes(out[: rnd.randrange(len(out) + 1)])
    if action == 1:
        for _ in range(rnd.randint(1, 8)):
            out[rnd.randrange(len(out))] = rnd.randrange(256)
        return bytes(out)
    i = rnd.randrange(len(out) + 1)
    return bytes(out[:i] + rnd.choice([b"<", b"&bogus;", b"\x00", b"9" * 400]) + out[i:])


def test_the_fuzzers_start_from_valid_files(tmp_path: Path) -> None:
    """Unchanged, every base file reads and evaluates (else nothing reaches evaluation)."""
    for _, text in model_bases(tmp_path):
        (tmp_path / "m.toml").write_text(text, encoding="utf-8")
        assert evaluate(lambda: read_model(tmp_path / "m.toml"))
    assert model_to_dict(read_model(EXAMPLES / "gemeente_voorbeeld.toml"))
