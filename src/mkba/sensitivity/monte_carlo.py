"""Probabilistic sensitivity analysis: Monte Carlo over the parameter distributions."""

from __future__ import annotations

import os
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import Any, Literal, overload

import numpy as np

from mkba import metrics
from mkba.errors import SpecificationError
from mkba.model import Model
from mkba.sensitivity._common import Rng, check_count, check_model, compiled, seed_of, seed_sequence
from mkba.sensitivity._progress import Progress
from mkba.sensitivity._results import MonteCarloResult
from mkba.sensitivity._summary import MonteCarloSummary, combine, histogram, moments, quantities
from mkba.sensitivity.sampling import (
    BLOCK,
    block_uniforms,
    blocks,
    check_sampler,
    copula,
    correlate,
    design,
    to_values,
    uncertain_columns,
)

__all__ = ["monte_carlo"]

#: most blocks of draws in one task when no chunk size is given
TASK_BLOCKS = 64
#: what a run may keep
KEEP = ("lines", "metrics", "summary")
#: fewest tasks a run is split into when no chunk size is given (so workers share it)
MIN_TASKS = 16
#: most memory, in bytes, a run may hold at once (4 GiB): the per-draw values of
#: keep="lines"/"metrics", a whole-sample design (lhs, sobol) and one task's draws.
#: Estimated as draws × (lines + parameters + stakeholders + 3) × 8 bytes (lines only
#: with keep="lines"); a larger run is refused before anything is drawn.
MAX_MEMORY = 4 * 2**30
#: most draws of a keep="summary" run (its memory does not grow with the draws, but
#: its running time does: 10**10 draws take days on one core)
MAX_SUMMARY_DRAWS = 10**10


@dataclass(frozen=True)
class _Task:
    """One piece of a run: consecutive blocks of draws, evaluated on one worker."""

    token: str
    lo: int
    hi: int
    first_block: int  # index of the task's first block in the run
    block_root: np.random.SeedSequence | None  # parent of the block seeds (random sampler)
    design: np.ndarray | None  # uniforms of these draws (lhs, sobol)
    copula: tuple[list[int], np.ndarray] | None
    chunk_size: int | None
    keep: str
    ranges: np.ndarray | None = None  # summary mode, pass 2: (min, max) of each quantity


def _run_task(model: Model, task: _Task) -> dict[str, Any]:
    """Draw the parameter values of a task and evaluate them (runs on a worker)."""
    cm = compiled(model, task.token)
    names, dists = uncertain_columns(model)
    cols = [cm.names.index(name) for name in names]
    size = task.hi - task.lo
    if task.design is not None:
        u = task.design.copy()
    else:  # one generator per block, then every quantile function once per task
        assert task.block_root is not None
        u = np.concatenate(
            [
                block_uniforms(
                    block_seed(task.block_root, task.first_block + b), hi - lo, len(cols)
                )
                for b, (lo, hi) in enumerate(blocks(size))
            ]
        )
    draws = to_values(correlate(u, task.copula), dists)
    X = np.repeat(cm.base[None, :], size, axis=0)
    X[:, cols] = draws
    pv = cm.pv(X, task.chunk_size)
    costs, benefits = metrics.costs_benefits(pv, cm.kinds)
    net = metrics.stakeholder_net(
        pv,
        cm.kinds,
        [line.stakeholder for line in cm.lines],
        [line.payer for line in cm.lines],
        cm.stakeholders,
    )
    if task.keep == "summary":
        y = quantities(costs, benefits, net)
        if task.ranges is None:
            return moments(y)
        return {"counts": histogram(y, task.ranges)}
    return {
        "draws": draws,
        "pv": pv if task.keep == "lines" else None,
        "costs": costs,
        "benefits": benefits,
        "net": net,
    }


def block_seed(root: np.random.SeedSequence, b: int) -> np.random.SeedSequence:
    """The seed of block ``b``: the same as ``root.spawn(b + 1)[b]`` on a fresh ``root``,
    made without spawning (and keeping) the seeds of every earlier block."""
    return np.random.SeedSequence(
        root.entropy, spawn_key=(*root.spawn_key, b), pool_size=root.pool_size
    )


def _tasks(
    n: int,
    per: int,
    token: str,
    block_root: np.random.SeedSequence,
    full_design: np.ndarray | None,
    cop: tuple[list[int], np.ndarray] | None,
    chunk_size: int | None,
    keep: str,
    ranges: np.ndarray | None = None,
) -> Iterator[_Task]:
    """The tasks of an n-draw run, made one at a time (memory independent of ``n``)."""
    n_blocks = -(-n // BLOCK)
    for first in range(0, n_blocks, per):
        lo, hi = first * BLOCK, min((first + per) * BLOCK, n)
        yield _Task(
            token,
            lo,
            hi,
            first,
            block_root if full_design is None else None,
            None if full_design is None else full_design[lo:hi],
            cop,
            chunk_size,
            keep,
            ranges,
        )


def _size(n_bytes: float) -> str:
    """A number of bytes for messages: ``4.0 GiB``."""
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if n_bytes < 1024 or unit == "PiB":
            return f"{n_bytes:,.0f} {unit}" if unit == "bytes" else f"{n_bytes:,.1f} {unit}"
        n_bytes /= 1024
    raise AssertionError  # pragma: no cover


def _check_size(
    n: int, keep: str, sampler: str, chunk_size: int | None, per: int, widths: dict[str, int]
) -> None:
    """Refuse a run that would not fit in :data:`MAX_MEMORY` (or, in summary mode, has
    more than :data:`MAX_SUMMARY_DRAWS` draws), before anything is drawn."""
    lines, params, holders = widths["lines"], widths["parameters"], widths["stakeholders"]
    limit = f"the limit of {_size(MAX_MEMORY)} (mkba.sensitivity.monte_carlo.MAX_MEMORY)"
    if keep == "summary":
        if n > MAX_SUMMARY_DRAWS:
            raise SpecificationError(
                f"monte_carlo: n_draws={n:,} is more than the {MAX_SUMMARY_DRAWS:,} draws a "
                "keep='summary' run may take (mkba.sensitivity.monte_carlo."
                "MAX_SUMMARY_DRAWS); use fewer draws: the percentiles are already within "
                "one histogram bin of exact at a few million"
            )
    else:
        width = (lines if keep == "lines" else 0) + params + holders + 3
        need = n * width * 8
        if need > MAX_MEMORY:
            what = "lines + parameters + stakeholders + 3" if keep == "lines" else (
                "parameters + stakeholders + 3"
            )
            raise SpecificationError(
                f"monte_carlo: n_draws={n:,} with keep={keep!r} would keep about "
                f"{_size(need)} of per-draw values (draws × ({what}) × 8 bytes), more than "
                f"{limit}; use keep='summary', which keeps no per-draw values (memory "
                f"independent of the number of draws, up to {MAX_SUMMARY_DRAWS:,} draws), "
                "or fewer draws"
            )
    if sampler != "random" and n * params * 8 > MAX_MEMORY:
        raise SpecificationError(
            f"monte_carlo: sampler={sampler!r} makes its design for all {n:,} draws at once, "
            f"about {_size(n * params * 8)} (draws × parameters × 8 bytes), more than "
            f"{limit}; use sampler='random' (drawn block by block) or fewer draws"
        )
    task = min(n, per * BLOCK)
    need = task * (lines + params + holders + 8) * 8
    if chunk_size is not None and need > MAX_MEMORY:
        raise SpecificationError(
            f"monte_carlo: chunk_size={chunk_size:,} makes tasks of {task:,} draws that need "
            f"about {_size(need)} each, more than {limit}; use a smaller chunk_size "
            "(it does not change the results)"
        )


def _blocks_per_task(n_blocks: int, chunk_size: int | None) -> int:
    if chunk_size is not None:
        return max(1, -(-chunk_size // BLOCK))
    return max(1, min(TASK_BLOCKS, -(-n_blocks // MIN_TASKS)))


@overload
def monte_carlo(
    model: Model,
    n_draws: int,
    rng: Rng = ...,
    *,
    sampler: str = ...,
    correlations: Mapping[tuple[str, str], float] | None = ...,
    chunk_size: int | None = ...,
    executor: Executor | None = ...,
    progress: bool = ...,
    keep: Literal["lines", "metrics"] = ...,
) -> MonteCarloResult: ...


@overload
def monte_carlo(
    model: Model,
    n_draws: int,
    rng: Rng = ...,
    *,
    sampler: str = ...,
    correlations: Mapping[tuple[str, str], float] | None = ...,
    chunk_size: int | None = ...,
    executor: Executor | None = ...,
    progress: bool = ...,
    keep: Literal["summary"],
) -> MonteCarloSummary: ...


@overload
def monte_carlo(
    model: Model,
    n_draws: int,
    rng: Rng = ...,
    *,
    sampler: str = ...,
    correlations: Mapping[tuple[str, str], float] | None = ...,
    chunk_size: int | None = ...,
    executor: Executor | None = ...,
    progress: bool = ...,
    keep: str,
) -> MonteCarloResult | MonteCarloSummary: ...


def monte_carlo(
    model: Model,
    n_draws: int,
    rng: Rng = None,
    *,
    sampler: str = "random",
    correlations: Mapping[tuple[str, str], float] | None = None,
    chunk_size: int | None = None,
    executor: Executor | None = None,
    progress: bool = False,
    keep: str = "lines",
) -> MonteCarloResult | MonteCarloSummary:
    """Monte Carlo analysis: evaluate the model at ``n_draws`` draws of its parameters.

    Every parameter with a distribution is drawn through its quantile function
    (``dist.ppf``) from uniforms; parameters without one stay at their base value.

    Parameters
    ----------
    model : Model
    n_draws : int
        Number of draws. A run that would hold more than :data:`MAX_MEMORY` bytes
        (4 GiB) at once is refused before anything is drawn
        (:class:`~mkba.errors.SpecificationError`), as is a ``keep="summary"`` run of
        more than :data:`MAX_SUMMARY_DRAWS` (10**10) draws.
    rng : int, numpy.random.Generator or None
        Seed (SPEC 7). The same seed gives bit-identical results whatever ``chunk_size``
        and ``executor``. None takes fresh entropy; the result records it as ``seed``.
    sampler : {"random", "lhs", "sobol"}
        Plain random draws; a Latin hypercube (``scipy.stats.qmc.LatinHypercube``); or a
        scrambled Sobol' sequence (``scipy.stats.qmc.Sobol``; use a power of 2 draws).
        The designs cover the whole sample, so they are made at once in the calling
        process (n_draws × uncertain parameters floats).
    correlations : mapping, optional
        Spearman rank correlations between uncertain parameters, ``{("a", "b"): 0.5}``,
        imposed through a Gaussian copula. A matrix that is not positive definite is
        repaired with a :class:`~mkba.errors.MkbaWarning`.
    chunk_size : int, optional
        Draws per engine chunk (and per task on an executor, rounded up to whole blocks
        of :data:`~mkba.sensitivity.sampling.BLOCK` draws). Does not change the results.
    executor : concurrent.futures.Executor, optional
        Runs the tasks: a ``ProcessPoolExecutor``, or dask's ``Client.get_executor()``.
        Results are assembled in block order.
    progress : bool
        Show a progress bar (needs tqdm: ``pip install mkba[progress]``).
    keep : {"lines", "metrics", "summary"}
        "lines" keeps the present value of every line per draw (``result.pv``,
        draws × lines floats); "metrics" keeps only costs, benefits and stakeholder nets
        (both about draws × (lines + parameters + stakeholders + 3) × 8 bytes, lines only
        with "lines", at most :data:`MAX_MEMORY`);
        "summary" keeps nothing per draw (memory independent of ``n_draws``) and returns
        a :class:`MonteCarloSummary`: two passes over the same draws, the first for
        moments, min and max, the second for a histogram of 4096 bins per quantity.

    Returns
    -------
    MonteCarloResult or MonteCarloSummary
        A MonteCarloSummary for ``keep="summary"``.

    Notes
    -----
    Draw ``i`` belongs to block ``i // BLOCK``; block ``b`` takes its uniforms from the
    ``b``-th child of ``SeedSequence(seed)`` (random sampler) or rows of the whole-sample
    design (lhs, sobol). Block seeds and tasks are made as the run reaches them, so the
    random sampler with ``keep="summary"`` runs in memory independent of ``n_draws``.
    Ctrl-C (KeyboardInterrupt) stops a run: tasks not yet started on an executor are
    cancelled and nothing is returned. Rank correlation rho becomes the Pearson correlation
    ``2 sin(pi rho / 6)`` of the copula's normals. Memory holds draws × lines present
    values, never draws × lines × years.

    With ``keep="summary"`` each task returns count, mean and M2 of every headline metric
    and stakeholder net, combined in task order with the parallel formula of Chan, Golub
    and LeVeque (1979), so the result is bit-identical whatever the executor; a different
    ``chunk_size`` changes the task boundaries, and means and sds then agree to about
    1e-12 relative. Counts (``prob_positive``) are exact. Percentiles are interpolated
    within the histogram bin holding their rank: within one bin width
    (``result.quantile_accuracy()``) of numpy's. Infinite B/C ratios and ROIs (draws
    without costs) are counted apart and NaN ones left out, as in
    :meth:`MonteCarloResult.summary`.

    Examples
    --------
    >>> from mkba import Model, Intervention, Parameter, Stream
    >>> from mkba.distributions import Uniform
    >>> m = Model(name="m", start_year=2025, horizon=1, discount=0.0,
    ...     parameters=[Parameter(name="x", value=1.0, dist=Uniform(0, 2))],
    ...     project=Intervention(name="p", streams=[
    ...         Stream(name="B", kind="benefit", stakeholder="Rijk", amount="x"),
    ...         Stream(name="C", kind="cost", stakeholder="Rijk", amount="0.5")]))
    >>> mc = monte_carlo(m, 10_000, rng=1)
    >>> round(mc.prob_positive(), 2)
    0.75
    """
    model = check_model(model)
    n = check_count(n_draws, "n_draws")
    sampler = check_sampler(sampler)
    if keep not in KEEP:
        raise SpecificationError(f"keep {keep!r} is not one of {', '.join(repr(k) for k in KEEP)}")
    if chunk_size is not None:
        chunk_size = check_count(chunk_size, "chunk_size")
    if executor is not None and not isinstance(executor, Executor):
        raise SpecificationError(
            f"executor must be a concurrent.futures.Executor; got {type(executor).__name__}"
        )
    ss = seed_sequence(rng)
    root = np.random.SeedSequence(ss.entropy, spawn_key=ss.spawn_key, pool_size=ss.pool_size)
    design_seed, block_root = root.spawn(2)
    names, _ = uncertain_columns(model)
    token = uuid.uuid4().hex
    cm = compiled(model, token)
    per = _blocks_per_task(-(-n // BLOCK), chunk_size)
    widths = {
        "lines": len(cm.lines),
        "parameters": len(names),
        "stakeholders": len(cm.stakeholders),
    }
    _check_size(n, keep, sampler, chunk_size, per, widths)
    cop = copula(model, names, correlations)
    full_design = design(sampler, n, len(names), design_seed)

    def tasks(ranges: np.ndarray | None = None) -> Iterator[_Task]:
        return _tasks(n, per, token, block_root, full_design, cop, chunk_size, keep, ranges)

    if keep == "summary":
        return _summary(model, tasks, executor, progress, n, names, cm, root, sampler, correlations)
    out: dict[str, Any] = {
        "draws": np.empty((n, len(names)), order="F"),
        # line by line, as the engine returns it: storing a task is a contiguous copy
        "pv": np.empty((n, len(cm.lines)), order="F") if keep == "lines" else None,
        "costs": np.empty(n),
        "benefits": np.empty(n),
        "net": np.empty((n, len(cm.stakeholders))),
    }

    def store(task: _Task, part: Mapping[str, np.ndarray | None]) -> None:
        for key, arr in part.items():
            if arr is not None:
                out[key][task.lo : task.hi] = arr

    with Progress(n, enabled=progress) as bar:
        _execute(model, tasks(), executor, bar, store)
    return MonteCarloResult(
        model=model,
        parameters=names,
        draws=out["draws"],
        pv=out["pv"],
        pv_costs=out["costs"],
        pv_benefits=out["benefits"],
        stakeholder_net=out["net"],
        lines=list(cm.lines),
        stakeholders=list(cm.stakeholders),
        seed=seed_of(root),
        sampler=sampler,
        correlations=dict(correlations or {}),
    )


def _execute(
    model: Model,
    tasks: Iterable[_Task],
    executor: Executor | None,
    bar: Progress,
    store: Callable[[_Task, dict[str, Any]], None],
) -> None:
    """Run the tasks serially or on the executor; ``store`` them in task order.

    Tasks are made as they are submitted, at most a window ahead of the results stored,
    so memory does not grow with the number of tasks. When anything stops the run (an
    error, or Ctrl-C: KeyboardInterrupt), the tasks not yet started are cancelled.
    """
    if executor is None:
        for task in tasks:
            store(task, _run_task(model, task))
            bar.update(task.hi - task.lo)
        return
    workers = getattr(executor, "_max_workers", None) or os.cpu_count() or 2
    window = max(4, 2 * int(workers))
    pending: deque[tuple[_Task, Future[dict[str, Any]]]] = deque()
    queue = iter(tasks)
    more = True
    try:
        while more or pending:
            while more and len(pending) < window:
                nxt = next(queue, None)
                if nxt is None:
                    more = False
                    break
                pending.append((nxt, executor.submit(_run_task, model, nxt)))
            if not pending:
                break
            task, fut = pending.popleft()
            store(task, fut.result())
            bar.update(task.hi - task.lo)
    except BaseException:
        for _, fut in pending:
            fut.cancel()
        raise


def _summary(
    model: Model,
    tasks: Callable[[np.ndarray | None], Iterator[_Task]],
    executor: Executor | None,
    progress: bool,
    n: int,
    names: list[str],
    cm: Any,
    root: np.random.SeedSequence,
    sampler: str,
    correlations: Mapping[tuple[str, str], float] | None,
) -> MonteCarloSummary:
    """keep="summary": moments in pass 1, histograms in pass 2, nothing per draw kept."""
    totals: list[dict[str, np.ndarray]] = []  # one running total, combined in task order
    counts: list[np.ndarray] = []  # one running total

    def store_moments(task: _Task, part: dict[str, Any]) -> None:
        if totals:  # in task order: the same sums on any executor
            totals[0] = combine(totals[0], part)
        else:
            totals.append(part)

    def store_counts(task: _Task, part: dict[str, Any]) -> None:
        if counts:
            counts[0] += part["counts"]
        else:
            counts.append(part["counts"].copy())

    with Progress(2 * n, enabled=progress) as bar:
        _execute(model, tasks(None), executor, bar, store_moments)
        total = totals[0]
        ranges = np.column_stack([total["min"], total["max"]])
        _execute(model, tasks(ranges), executor, bar, store_counts)
    return MonteCarloSummary(
        model=model,
        parameters=names,
        lines=list(cm.lines),
        stakeholders=list(cm.stakeholders),
        moments=total,
        counts=counts[0],
        n_draws=n,
        seed=seed_of(root),
        sampler=sampler,
        correlations=dict(correlations or {}),
    )
