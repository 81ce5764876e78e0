"""Fixtures of the Dask tests: a cluster of two worker processes (one for each test module),
Dask's synchronous scheduler, and the benchmark's generator of holders and HR exports."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from types import ModuleType

import dask
import pytest
from distributed import Client, LocalCluster
from support import ROOT

BENCHMARKS = ROOT / "benchmarks"


@pytest.fixture(scope="module")
def generated() -> ModuleType:
    """The benchmark's generator of holders of all five bodies (benchmarks/data.py)."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import data
    finally:
        sys.path.remove(str(BENCHMARKS))
    return data


@pytest.fixture(scope="module")
def cluster() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0"
        ) as local,
        Client(local) as client,
    ):
        yield client


@pytest.fixture
def synchronous() -> Iterator[None]:
    with dask.config.set(scheduler="synchronous"):
        yield
