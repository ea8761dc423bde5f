from __future__ import annotations

import numpy as np
import pytest

from mkba import sensitivity
from mkba.errors import MkbaTypeError


def test_evpi_of_a_symmetric_gamble():
    # half the draws lose 10, half gain 30: E[max(x, 0)] = 15, max(E[x], 0) = 10
    assert sensitivity.evpi(np.array([-10.0, 30.0])) == 5.0


def test_evpi_is_zero_when_the_sign_never_changes():
    assert sensitivity.evpi([1.0, 5.0, 3.0]) == 0.0
    assert sensitivity.evpi([-1.0, -5.0]) == 0.0


def test_evpi_refuses_an_empty_array():
    with pytest.raises(MkbaTypeError):
        sensitivity.evpi([])
