"""A Monte Carlo run on a dask.distributed cluster gives the serial result bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from mkba import sensitivity

from .models import homeless

distributed = pytest.importorskip("distributed")


def test_monte_carlo_on_a_dask_cluster_matches_the_serial_run():
    serial = sensitivity.monte_carlo(homeless(), 12_000, rng=8, chunk_size=4096)
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        parallel = sensitivity.monte_carlo(
            homeless(), 12_000, rng=8, chunk_size=4096, executor=client.get_executor()
        )
    assert np.array_equal(serial.npv, parallel.npv)
    assert np.array_equal(serial.pv, parallel.pv)
