"""Define a model in a TOML file, read it, evaluate it and write it back.

`examples/gemeente_voorbeeld.toml` is a municipality's own (illustrative) model whose
parameters come from the table `examples/kengetallen.csv`. Reading a model file never
runs code from it: formulas are checked against a whitelist. The model written back to
out/examples/ reads in again to an equal model.

    python examples/model_from_toml.py
"""

from __future__ import annotations

import os
from pathlib import Path

from mkba import io

HERE = Path(__file__).resolve().parent
OUT = Path(os.environ.get("MKBA_OUT", HERE.parent / "out")) / "examples"


def main() -> None:
    model = io.read_model(HERE / "gemeente_voorbeeld.toml")
    result = model.evaluate()
    print(f"{model.name}: {len(model.parameters)} parameters, "
          f"{len(model.project.streams)} project streams")
    print(result)
    print()
    print(result.table("en").to_string(index=False, float_format="{:,.2f}".format))

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "gemeente_voorbeeld_kopie.toml"
    io.write_model(model, path)
    again = io.read_model(path)
    print(f"\nwritten {path}; reads back to the same saldo: "
          f"{again.evaluate().npv == result.npv}")


if __name__ == "__main__":
    main()
