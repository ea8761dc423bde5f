"""An optional progress bar (tqdm, the ``progress`` extra) with a quiet fallback."""

from __future__ import annotations

import warnings
from types import TracebackType
from typing import Any

from mkba.errors import MkbaWarning


class Progress:
    """A progress bar over ``total`` draws; a no-op when disabled or tqdm is missing.

    Uses ``tqdm.auto``, so it shows as a widget in Jupyter and as text in a terminal,
    with the rate and the estimated time left.

    Examples
    --------
    >>> with Progress(100, enabled=False) as bar:
    ...     bar.update(100)
    """

    def __init__(self, total: int, *, enabled: bool, desc: str = "Monte Carlo") -> None:
        self._bar: Any = None
        if not enabled:
            return
        try:
            from tqdm.auto import tqdm
        except ImportError:
            warnings.warn(
                "progress=True needs tqdm; install it with `pip install mkba[progress]`. "
                "Running without a progress bar.",
                MkbaWarning,
                stacklevel=3,
            )
            return
        self._bar = tqdm(total=total, desc=desc, unit="draws", unit_scale=True)

    def update(self, n: int) -> None:
        """Advance the bar by ``n`` draws."""
        if self._bar is not None:
            self._bar.update(n)

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.close()
