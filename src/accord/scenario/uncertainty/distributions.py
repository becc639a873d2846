"""The distributions an analyst may give an uncertain number: uniform, triangular, truncated
normal, beta and discrete.

Each is a frozen value with its support, its quantile function (``ppf``: a uniform draw in
[0, 1) to a value, the way every sample and every Sobol/Morris design point is made) and its
distribution function (``cdf``: used for a side's belief about the other side). A distribution
of zero width (``uniform`` with ``low == high``, a truncated normal with ``sd == 0``, one
discrete value) is a constant: the deterministic case.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from accord._types import FloatArray

__all__ = ["KINDS", "Distribution", "DistributionKind"]

DistributionKind = Literal["uniform", "triangular", "truncated_normal", "beta", "discrete"]
KINDS: tuple[DistributionKind, ...] = (
    "uniform",
    "triangular",
    "truncated_normal",
    "beta",
    "discrete",
)


@dataclass(frozen=True, slots=True)
class Distribution:
    """One scalar distribution.

    Attributes
    ----------
    kind:
        One of :data:`KINDS`.
    low, high:
        The support (for ``discrete``: the smallest and largest value).
    mode:
        ``triangular``: the peak.
    mean, sd:
        ``truncated_normal``: the normal before truncation to ``[low, high]``.
    alpha, beta:
        ``beta``: the shape parameters (scaled to ``[low, high]``).
    values, probabilities:
        ``discrete``: the values (ascending) and their probabilities.
    """

    kind: DistributionKind
    low: float
    high: float
    mode: float = 0.0
    mean: float = 0.0
    sd: float = 0.0
    alpha: float = 1.0
    beta: float = 1.0
    values: tuple[float, ...] = ()
    probabilities: tuple[float, ...] = ()

    @property
    def constant(self) -> bool:
        """Zero width: every draw is the same number."""
        return self.low == self.high or (self.kind == "truncated_normal" and self.sd == 0.0)

    @property
    def centre(self) -> float:
        """The value of a zero-width distribution (else the middle of the support)."""
        if self.kind == "truncated_normal" and self.sd == 0.0:
            return self.mean
        return 0.5 * (self.low + self.high)

    @property
    def text(self) -> str:
        """``uniform [0.1, 0.3]``, ``triangular [0.1, 0.2, 0.3]`` and so on."""
        if self.kind == "uniform":
            return f"uniform [{self.low:g}, {self.high:g}]"
        if self.kind == "triangular":
            return f"triangular [{self.low:g}, {self.mode:g}, {self.high:g}]"
        if self.kind == "truncated_normal":
            return f"normal({self.mean:g}, {self.sd:g}) on [{self.low:g}, {self.high:g}]"
        if self.kind == "beta":
            return f"beta({self.alpha:g}, {self.beta:g}) on [{self.low:g}, {self.high:g}]"
        pairs = ", ".join(
            f"{v:g}: {p:g}" for v, p in zip(self.values, self.probabilities, strict=True)
        )
        return f"discrete {{{pairs}}}"

    def ppf(self, u: FloatArray) -> FloatArray:
        """Quantile function: uniform draws ``u`` in [0, 1] to values of this distribution."""
        u = np.asarray(u, dtype=np.float64)
        if self.constant:
            return np.full(u.shape, self.centre)
        lo, hi = self.low, self.high
        if self.kind == "uniform":
            return np.asarray(lo + u * (hi - lo))
        if self.kind == "triangular":
            c = (self.mode - lo) / (hi - lo)
            left = lo + np.sqrt(u * (hi - lo) * (self.mode - lo))
            right = hi - np.sqrt((1.0 - u) * (hi - lo) * (hi - self.mode))
            return np.asarray(np.where(u < c, left, right))
        if self.kind == "truncated_normal":
            from scipy.special import ndtr, ndtri  # 0.2 s to import: only when drawing

            a, b = ndtr((lo - self.mean) / self.sd), ndtr((hi - self.mean) / self.sd)
            x = self.mean + self.sd * ndtri(a + u * (b - a))
            return np.asarray(np.clip(x, lo, hi))
        if self.kind == "beta":
            from scipy.special import betaincinv

            return np.asarray(lo + (hi - lo) * betaincinv(self.alpha, self.beta, u))
        cum = np.cumsum(self.probabilities)
        idx = np.searchsorted(cum, u * cum[-1], side="right")
        return np.asarray(np.asarray(self.values)[np.minimum(idx, len(self.values) - 1)])

    def cdf(self, x: FloatArray) -> FloatArray:
        """Distribution function ``P(X <= x)``, element-wise."""
        x = np.asarray(x, dtype=np.float64)
        lo, hi = self.low, self.high
        if self.constant:
            return np.asarray(x >= self.centre, dtype=np.float64)
        if self.kind == "uniform":
            return np.asarray(np.clip((x - lo) / (hi - lo), 0.0, 1.0))
        if self.kind == "triangular":
            m = self.mode
            with np.errstate(divide="ignore", invalid="ignore"):
                left = (x - lo) ** 2 / ((hi - lo) * (m - lo))
                right = 1.0 - (hi - x) ** 2 / ((hi - lo) * (hi - m))
            out = np.where(x <= lo, 0.0, np.where(x >= hi, 1.0, np.where(x <= m, left, right)))
            return np.asarray(out, dtype=np.float64)
        if self.kind == "truncated_normal":
            from scipy.special import ndtr

            a, b = ndtr((lo - self.mean) / self.sd), ndtr((hi - self.mean) / self.sd)
            z = ndtr((np.clip(x, lo, hi) - self.mean) / self.sd)
            return np.asarray(np.clip((z - a) / (b - a), 0.0, 1.0))
        if self.kind == "beta":
            from scipy.special import betainc

            return np.asarray(betainc(self.alpha, self.beta, np.clip((x - lo) / (hi - lo), 0, 1)))
        vals = np.asarray(self.values)
        cum = np.concatenate([[0.0], np.cumsum(self.probabilities)])
        return np.asarray(cum[np.searchsorted(vals, x, side="right")] / cum[-1])
