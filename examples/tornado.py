"""One-way sensitivity analysis of a built-in model, drawn as a tornado diagram.

Every uncertain parameter goes to the 5th and the 95th percentile of its distribution,
the others stay at base. Prints the table and saves the chart to out/examples/.

    MPLBACKEND=Agg python examples/tornado.py
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib.pyplot as plt

from mkba import interventions, plotting, sensitivity

OUT = Path(os.environ.get("MKBA_OUT", Path(__file__).resolve().parents[1] / "out")) / "examples"


def main() -> None:
    model = interventions.load("housing_first")
    ow = sensitivity.one_way(model)
    table = ow.to_frame()
    print(table[["label", "low", "high", "npv_low", "npv_high", "swing"]].head(10)
          .to_string(index=False, float_format="{:,.2f}".format))

    fig, ax = plt.subplots(figsize=(9, 6))
    plotting.plot_tornado(ow, ax=ax, max_bars=12)
    fig.tight_layout()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "tornado_housing_first.png"
    fig.savefig(path, dpi=120)
    plt.close(fig)
    print(f"\nlargest swing: {table.iloc[0]['label']}; chart written to {path}")


if __name__ == "__main__":
    main()
