"""Price-year conversion with a price index.

All amounts in a model are real, in the model's price year (prijspeil). A parameter
whose value is in another ``price_year`` is converted with a :class:`PriceIndex`:
``value * level[to_year] / level[from_year]``. A year the index does not cover raises
:class:`~mkba.errors.PriceIndexError`; the conversion never falls back to 1.0.

The default index, :func:`cbs_cpi`, is the CBS consumentenprijsindex (CPI) alle
bestedingen, 2015 = 100, for 2000–2025, shipped as ``mkba/data/cbs_cpi.csv``:

- yearly changes (jaarmutatie, %) from the CBS news release "Inflatie 3,8 procent in
  2023" (cbs.nl, Feb 2024, table 1965–2023); 2024 from CBS StatLine 86141NED
  (definitief); 2025 from the CBS release of 13 Jan 2026 as quoted in news reports;
- levels read directly for 2019 (106.16, CBS 71905ned, rebased) and 2022 (121.43,
  StatLine 83136NED); the other levels are chained from the changes, backwards from
  2015 and forwards from the last read level (column ``kind`` says which);
- StatLine 83131NED shows 2.4% for 2000 where the news release says 2.6%; the 2000
  change links 2000 to 1999 only and enters none of the levels.

Examples
--------
>>> from mkba.prices import PriceIndex
>>> idx = PriceIndex({2020: 100.0, 2025: 120.0})
>>> idx.convert(50.0, 2020, 2025)
60.0
>>> round(cbs_cpi().factor(2022, 2024), 4)   # 130.2038 / 121.43
1.0723
"""

from __future__ import annotations

import csv
import functools
import io
import math
import numbers
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any, overload

import numpy as np
from numpy.typing import NDArray

from mkba.errors import PriceIndexError, SpecificationError
from mkba.validation import check_year

__all__ = ["DEFAULT_INDEX", "PriceIndex", "cbs_cpi", "default_index"]

#: The default index, :func:`cbs_cpi`; built on first access (see ``__getattr__`` below).
DEFAULT_INDEX: PriceIndex


class _Levels(Mapping[int, float]):
    """A read-only, hashable, picklable mapping year → index level."""

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[int, float]) -> None:
        self._data = dict(sorted(data.items()))

    def __getitem__(self, year: int) -> float:
        return self._data[year]

    def __iter__(self) -> Iterator[int]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        return hash(tuple(self._data.items()))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    def __repr__(self) -> str:
        return repr(self._data)

    def __reduce__(self) -> tuple[Any, tuple[dict[int, float]]]:
        return (_Levels, (self._data,))


def _year(y: Any, what: str) -> int:
    return check_year(y, what, span=None, digits=True, error=PriceIndexError)


@dataclass(frozen=True)
class PriceIndex:
    """Index levels by calendar year, for converting amounts between price years.

    Parameters
    ----------
    levels : mapping of int to float
        ``{year: level}``, levels finite and > 0 (any base: only ratios are used). Keys
        may be strings of digits (as in a TOML file). Stored read-only and sorted.
    name, source : str
        Shown in reports.

    Examples
    --------
    >>> idx = PriceIndex({2020: 100.0, 2025: 120.0}, name="example")
    >>> idx.factor(2025, 2020)
    0.8333333333333334
    """

    levels: Mapping[int, float]
    name: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        label = f"PriceIndex {self.name!r}" if self.name else "PriceIndex"
        if not isinstance(self.levels, Mapping) or not self.levels:
            raise PriceIndexError(f"{label}: levels must be a non-empty mapping {{year: level}}, "
                                  f"e.g. {{2020: 100.0, 2025: 120.0}}; got {self.levels!r}")
        clean: dict[int, float] = {}
        for y, v in self.levels.items():
            year = _year(y, label)
            if isinstance(v, bool) or not isinstance(v, numbers.Real) or not (
                math.isfinite(float(v)) and float(v) > 0
            ):
                raise PriceIndexError(f"{label}: level {v!r} for {year} must be a finite "
                                      "number > 0")
            clean[year] = float(v)
        object.__setattr__(self, "levels", _Levels(clean))

    # -- constructors ---------------------------------------------------------------------
    @classmethod
    def from_changes(cls, changes: Mapping[int, float], base_year: int = 2015,
                     base_level: float = 100.0, *, name: str = "", source: str = "",
                     ) -> PriceIndex:
        """Chain yearly percentage changes into levels.

        Parameters
        ----------
        changes : mapping of int to float
            ``{year: change}``, the change from ``year - 1`` to ``year`` in percent
            (3.8 means +3.8%, as CBS publishes it); years consecutive.
        base_year : int
            The year whose level is `base_level`; between the year before the first
            change and the last year.
        base_level : float
            Level of `base_year` (default 100).

        Returns
        -------
        PriceIndex
            Levels for the year before the first change up to the last year.

        Notes
        -----
        level[y] = level[y - 1] * (1 + change[y] / 100), applied forwards and backwards
        from the base year.

        Examples
        --------
        >>> PriceIndex.from_changes({2016: 10.0, 2017: 10.0}).levels[2017]
        121.00000000000001
        """
        pct = {_year(y, "PriceIndex.from_changes"): float(v) for y, v in changes.items()}
        years = sorted(pct)
        if not years or years != list(range(years[0], years[-1] + 1)):
            raise PriceIndexError(f"PriceIndex.from_changes: years must be consecutive; got "
                                  f"{years}")
        if not years[0] - 1 <= base_year <= years[-1]:
            raise PriceIndexError(f"PriceIndex.from_changes: base_year {base_year} is outside "
                                  f"{years[0] - 1}–{years[-1]}; pick a year in that range")
        if any(not math.isfinite(c) or c <= -100 for c in pct.values()):
            raise PriceIndexError("PriceIndex.from_changes: changes must be finite and above "
                                  "-100 (percent)")
        growth = np.array([1.0 + pct[y] / 100.0 for y in years])
        level = np.concatenate([[1.0], np.cumprod(growth)])  # years[0] - 1 ... years[-1]
        all_years = range(years[0] - 1, years[-1] + 1)
        level = level / level[base_year - all_years[0]] * base_level
        return cls(dict(zip(all_years, level.tolist(), strict=True)), name=name, source=source)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> PriceIndex:
        """Rebuild from :meth:`to_dict` output: ``{"levels": {"2020": 100.0, ...}, ...}``."""
        allowed = {"levels", "name", "source"}
        if not isinstance(d, Mapping) or "levels" not in d or set(d) - allowed:
            raise SpecificationError(f"price index {d!r}: expected a mapping with 'levels' and "
                                     f"optionally 'name', 'source'")
        return cls(d["levels"], name=d.get("name", ""), source=d.get("source", ""))

    def to_dict(self) -> dict[str, Any]:
        """A TOML-friendly mapping with string year keys."""
        out: dict[str, Any] = {"levels": {str(y): v for y, v in self.levels.items()}}
        out.update({k: v for k, v in (("name", self.name), ("source", self.source)) if v})
        return out

    # -- use --------------------------------------------------------------------------------
    @property
    def years(self) -> tuple[int, ...]:
        """The years the index covers, sorted."""
        return tuple(self.levels)

    def __contains__(self, year: object) -> bool:
        return year in self.levels

    def level(self, year: int) -> float:
        """Index level of `year`; raises PriceIndexError when the index has none."""
        try:
            return self.levels[year]
        except (KeyError, TypeError):
            raise PriceIndexError(self._missing(year)) from None

    def factor(self, from_year: int, to_year: int) -> float:
        """Multiplier that turns an amount in `from_year` prices into `to_year` prices.

        ``level[to_year] / level[from_year]``; exactly 1.0 when the years are equal.
        """
        if from_year == to_year:
            return 1.0
        to_level, from_level = self.level(to_year), self.level(from_year)
        factor = to_level / from_level
        if not (math.isfinite(factor) and factor > 0):
            label = f"price index {self.name!r}" if self.name else "the price index"
            raise PriceIndexError(
                f"{label}: the conversion from {from_year} to {to_year} prices divides the "
                f"levels {to_level!r} / {from_level!r}, which gives {factor!r}; the levels are "
                "too far apart. Give the index levels of similar size (e.g. 2015 = 100) with "
                "price_index=PriceIndex({...})"
            )
        return factor

    @overload
    def convert(self, value: float, from_year: int, to_year: int) -> float: ...
    @overload
    def convert(self, value: NDArray[np.float64], from_year: int, to_year: int,
                ) -> NDArray[np.float64]: ...

    def convert(self, value: float | NDArray[np.float64], from_year: int, to_year: int,
                ) -> float | NDArray[np.float64]:
        """Express `value` (in `from_year` prices) in `to_year` prices.

        Examples
        --------
        >>> round(cbs_cpi().convert(23_236, 2011, 2025))   # Cebeon 2011 shelter cost
        33362
        """
        return value * self.factor(from_year, to_year)

    def _missing(self, year: object) -> str:
        ys = self.years
        span = (f"{ys[0]}–{ys[-1]}" if list(ys) == list(range(ys[0], ys[-1] + 1))
                else ", ".join(map(str, ys)))
        label = f"price index {self.name!r}" if self.name else "the price index"
        return (f"{label} has no level for {year!r}; it covers {span}. Pass "
                f"price_index=PriceIndex({{...}}) to the Model with a level for {year!r}, or "
                f"give the parameter a price_year within {span}")

    def __str__(self) -> str:
        ys = self.years
        return f"PriceIndex {self.name or '(unnamed)'}: {len(ys)} years, {ys[0]}–{ys[-1]}"


_CPI_NAME = "CBS CPI alle bestedingen (2015=100)"
_CPI_SOURCE = ('CBS news release "Inflatie 3,8 procent in 2023" (changes to 2023); StatLine '
               "86141NED (2024); CBS release 13 Jan 2026 as quoted in news reports (2025); "
               "levels 2019 and 2022 read (71905ned, 83136NED), others chained")


def _read_cpi_rows() -> list[dict[str, str]]:
    text = resources.files("mkba").joinpath("data/cbs_cpi.csv").read_text(encoding="utf-8")
    lines = [ln for ln in io.StringIO(text) if not ln.lstrip().startswith("#")]
    return list(csv.DictReader(lines))


@functools.cache
def cbs_cpi() -> PriceIndex:
    """The CBS CPI alle bestedingen, 2015 = 100, for 2000–2025 (cached).

    See the module docstring for sources; ``mkba/data/cbs_cpi.csv`` has the yearly
    changes, the levels, whether each level is read or chained, and the source per row.

    Examples
    --------
    >>> cbs_cpi().levels[2022]
    121.43
    """
    rows = _read_cpi_rows()
    return PriceIndex({int(r["year"]): float(r["level_2015"]) for r in rows},
                      name=_CPI_NAME, source=_CPI_SOURCE)


def default_index() -> PriceIndex:
    """The index used when a Model gets no ``price_index``: :func:`cbs_cpi`."""
    return cbs_cpi()


def __getattr__(name: str) -> Any:
    # DEFAULT_INDEX is built on first access, so importing mkba does not read the csv.
    if name == "DEFAULT_INDEX":
        return cbs_cpi()
    raise AttributeError(f"module 'mkba.prices' has no attribute {name!r}")
