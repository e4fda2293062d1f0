"""The generated networks the synth tests read: over the real reference data, and standalone
(over `minimal_reference()`); built once per module, since generating is not free."""

from __future__ import annotations

import pytest

from graph.dataset import GraphData
from services.reference.dataset import load_reference_data
from services.synth import generate
from tests.services.synth.checks import SEED, N


@pytest.fixture(scope="module")
def real() -> GraphData:
    return load_reference_data()


@pytest.fixture(scope="module")
def synth(real: GraphData) -> GraphData:
    return generate(cities=N, seed=SEED, reference=real)


@pytest.fixture(scope="module")
def standalone() -> GraphData:
    return generate(cities=N, seed=SEED)
