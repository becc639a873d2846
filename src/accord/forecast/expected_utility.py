"""Bueno de Mesquita's expected-utility (challenge) model, as reconstructed by Scholz et al. (2011).

Each round: the median voter position μ; risk attitudes from security levels (all ``r = 1``);
expected utilities of challenges with the new risk exponents; every actor accepts one offer;
all moves are simultaneous. The ambiguities the design note lists are named switches. The
defaults reproduce Scholz's own code (and hence his Table 2); ``paper`` settings follow the
text of the paper instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from accord._types import FloatArray
from accord.errors import InputError
from accord.forecast.base import ForecastResult, Progress, check_size, freeze
from accord.forecast.median import condorcet_position
from accord.scenario.spatial.model import SpatialData

__all__ = ["ExpectedUtilityModel", "win_probability"]

_PROBABILITY = ("scholz_code", "paper", "net")
_PERSPECTIVE = ("receiver", "own")
_SECURITY = ("target", "challenger")
_OFFERS = ("scholz_code", "least_move")
_RANGE = ("initial", "current")
_CHUNK = 4_000_000  # elements of one chunk of votes (32 MB)


def win_probability(
    x: FloatArray, cs: FloatArray, r: FloatArray, span: float, variant: str
) -> FloatArray:
    """Matrix ``P[i, j]``: probability that ``i`` beats ``j`` in a challenge (eqs. 30/31).

    Parameters
    ----------
    x, cs, r:
        Positions, capability × salience and risk exponents of the ``n`` actors.
    span:
        The position range ``R`` used to normalise distances.
    variant:
        ``"scholz_code"``: supporters' votes over the sum of |votes| of every actor on every
        ordered pair of positions; ``"paper"``: supporters of ``i`` over all |votes| on the
        dyad; ``"net"``: ``max(0, net vote)`` over all |votes| on the dyad.

    Voter ``k``'s vote for ``a`` against ``b`` is ``c_k s_k (d_kb − d_ka)``. The ``(n, n, n)``
    array of all votes is never built: supporters are summed over chunks of voters, so memory
    stays ``O(n²)``. Since ``vote(k, b, a) = −vote(k, a, b)``, the |votes| on a dyad are
    ``support + supportᵀ`` and the net vote is ``(cs·d)_b − (cs·d)_a``.
    """
    n = x.size
    dist = (np.abs(x[:, None] - x[None, :]) / span) ** r[:, None]  # dist[k, a]
    support = np.zeros((n, n))
    step = max(1, _CHUNK // max(1, n * n))
    for lo in range(0, n, step):
        d = dist[lo : lo + step]
        votes = cs[lo : lo + step, None, None] * (d[:, None, :] - d[:, :, None])
        support += np.maximum(votes, 0.0).sum(axis=0)
        del votes
    if variant == "scholz_code":
        total = 2.0 * float(support.sum())
        return np.asarray(support / total if total > 0 else np.zeros_like(support))
    dyad = support + support.T
    pull = cs @ dist  # Σ_k c_k s_k d_ka
    num = support if variant == "paper" else np.maximum(pull[None, :] - pull[:, None], 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.asarray(np.where(dyad > 0, num / dyad, 0.5))


@dataclass(frozen=True, slots=True)
class ExpectedUtilityModel:
    """BDM expected-utility model (Scholz, Calbert & Smith 2011 reconstruction).

    Parameters
    ----------
    rounds:
        Number of rounds τ (Scholz report 8; there is no convergence rule).
    q:
        Status-quo probability ``Q`` (1.0 in Scholz's BDM-1994 replication).
    probability:
        ``"scholz_code"`` (default), ``"paper"`` or ``"net"`` (see :func:`win_probability`).
    perspective:
        Whose risk exponent evaluates the two sides of an offer: ``"receiver"`` (default,
        Scholz's code evaluates both from the receiving actor) or ``"own"`` (the paper:
        ``E^i(U_ij)`` with ``r_i``, ``E^j(U_ji)`` with ``r_j``).
    security:
        Superscript in ``Sec_i = Σ_j E(U_ji)``: ``"target"`` (default, ``E^i``, Scholz's code)
        or ``"challenger"`` (``E^j``). Only matters for ``q < 1``.
    offers:
        ``"scholz_code"`` (default: a confrontation is taken first, the least move; else a
        compromise chosen by the EU-weighted position key; capitulation never happens) or
        ``"least_move"`` (the paper: among confrontation, compromise and capitulation offers
        the one needing the smallest move).
    span:
        ``"initial"`` (default, Scholz's code fixes ``R`` at the initial range) or ``"current"``.
    forecast_by:
        ``"median"`` (default, the median voter position after the last round) or ``"mean"``.
    """

    rounds: int = 8
    q: float = 1.0
    probability: str = "scholz_code"
    perspective: str = "receiver"
    security: str = "target"
    offers: str = "scholz_code"
    span: str = "initial"
    forecast_by: str = "median"
    name: str = "expected_utility"

    def __post_init__(self) -> None:
        for label, value, valid in (
            ("probability", self.probability, _PROBABILITY),
            ("perspective", self.perspective, _PERSPECTIVE),
            ("security", self.security, _SECURITY),
            ("offers", self.offers, _OFFERS),
            ("span", self.span, _RANGE),
            ("forecast_by", self.forecast_by, ("median", "mean")),
        ):
            if value not in valid:
                raise InputError(f"unknown {label} {value!r}; valid: {', '.join(valid)}")
        if self.rounds < 0:
            raise InputError("rounds must be >= 0")
        if not 0.0 <= self.q <= 1.0:
            raise InputError("q must lie in [0, 1]")

    # -- one dimension ---------------------------------------------------------------------
    def _eu(
        self,
        h: NDArray[Any],
        a: NDArray[Any],
        b: NDArray[Any],
        x: FloatArray,
        s: FloatArray,
        r: FloatArray,
        p: FloatArray,
        span: float,
        mu: float,
    ) -> FloatArray:
        """``E^h(U_ab)``: h's estimate of a's expected utility from challenging b (eq. 25)."""
        ia, ib, ih = a.astype(int), b.astype(int), h.astype(int)
        rh = r[ih]
        gap = np.abs(x[ia] - x[ib]) / span
        u_s = 2 - 4 * (0.5 - 0.5 * gap) ** rh
        u_f = 2 - 4 * (0.5 + 0.5 * gap) ** rh
        u_sq = 2 - 4 * 0.5**rh
        pab = p[ia, ib]
        eu = s[ib] * (pab * u_s + (1 - pab) * u_f) + (1 - s[ib]) * u_s - self.q * u_sq
        if self.q < 1.0:
            to_mu = np.abs(x[ih] - mu) / span
            better = 2 - 4 * np.maximum(0.5 - 0.25 * (to_mu + gap), 0.0) ** rh
            worse = 2 - 4 * (0.5 + 0.25 * (to_mu + gap)) ** rh
            eu = eu - (1 - self.q) * np.where(to_mu < gap, better, worse)
        return np.asarray(eu, dtype=np.float64)

    def _round(self, x: FloatArray, c: FloatArray, s: FloatArray, span: float) -> FloatArray:
        n = x.size
        cs = c * s
        mu = float(condorcet_position(x[:, None], cs[:, None])[0])
        ii, jj = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
        ones = np.ones(n)
        # Security with r = 1 for everyone: Sec_i = Σ_{j≠i} E(U_ji).
        p1 = win_probability(x, cs, ones, span, self.probability)
        persp = ii if self.security == "target" else jj
        eu_in = self._eu(persp, jj, ii, x, s, ones, p1, span, mu)  # [i, j] = E(U_ji)
        np.fill_diagonal(eu_in, 0.0)
        sec = eu_in.sum(axis=1)
        spread = sec.max() - sec.min()
        big_r = (2 * sec - sec.max() - sec.min()) / spread if spread > 0 else np.zeros(n)
        r = (1 - big_r / 3) / (1 + big_r / 3)
        # Offers with the new risk exponents.
        p = win_probability(x, cs, r, span, self.probability)
        eu_ij = self._eu(ii, ii, jj, x, s, r, p, span, mu)
        eu_ji = self._eu(ii if self.perspective == "receiver" else jj, jj, ii, x, s, r, p, span, mu)
        return self._select(x, eu_ij, eu_ji)

    def _select(self, x: FloatArray, eu_ij: FloatArray, eu_ji: FloatArray) -> FloatArray:
        """Each receiver ``i`` picks one offer among proposers ``j``; returns new positions."""
        differ = x[:, None] != x[None, :]
        confront = differ & (eu_ji > eu_ij) & (eu_ij > 0)
        pressed = differ & (eu_ji > 0) & (eu_ij < 0)
        compromise = pressed & (eu_ji > np.abs(eu_ij))
        capitulate = pressed & (eu_ji < np.abs(eu_ij))
        with np.errstate(divide="ignore", invalid="ignore"):
            part = x[:, None] + (x[None, :] - x[:, None]) * np.abs(eu_ij / eu_ji)
        target = np.broadcast_to(x[None, :], eu_ij.shape)
        move = np.abs(target - x[:, None])
        inf = np.inf
        new = x.copy()
        if self.offers == "scholz_code":
            key_c = np.where(confront, move, inf)
            with np.errstate(divide="ignore", invalid="ignore"):
                weighted = (np.abs(eu_ij) * x[:, None] + np.abs(eu_ji) * x[None, :]) / (
                    np.abs(eu_ij) + np.abs(eu_ji)
                )
            key_m = np.where(compromise, weighted, inf)
            jc, jm = key_c.argmin(axis=1), key_m.argmin(axis=1)
            rows = np.arange(x.size)
            has_c, has_m = confront.any(axis=1), compromise.any(axis=1)
            new = np.where(has_c, target[rows, jc], np.where(has_m, part[rows, jm], x))
            return np.asarray(new, dtype=np.float64)
        cand = np.stack([target, part, target])  # confront, compromise, capitulate
        masks = np.stack([confront, compromise, capitulate])
        moves = np.where(masks, np.abs(cand - x[None, :, None]), inf)
        # Least movement first; ties go to the earlier class (confront < compromise < capitulate).
        flat = moves.transpose(1, 0, 2).reshape(x.size, -1)
        best = flat.argmin(axis=1)
        chosen = cand.transpose(1, 0, 2).reshape(x.size, -1)[np.arange(x.size), best]
        return np.asarray(np.where(np.isfinite(flat.min(axis=1)), chosen, x), dtype=np.float64)

    # -- public ----------------------------------------------------------------------------
    def forecast(self, data: SpatialData, progress: Progress | None = None) -> ForecastResult:
        """Run ``rounds`` rounds on every dimension independently.

        On each dimension only the actors that take part in it play; absent actors' positions
        stay ``nan`` in the trajectory.
        """
        check_size(data)
        n, k = data.n_actors, data.n_dimensions
        traj = np.full((self.rounds + 1, n, k), np.nan)
        med = np.empty((self.rounds + 1, k))
        mean = np.empty((self.rounds + 1, k))
        here = data.present
        for d in range(k):
            rows = here[:, d]
            c = data.relative_capability()[rows]
            x, s = np.array(data.position[rows, d]), data.salience[rows, d]
            first_span = float(x.max() - x.min())
            for t in range(self.rounds + 1):
                cs = c * s
                traj[t, rows, d] = x
                med[t, d] = condorcet_position(x[:, None], cs[:, None])[0]
                mean[t, d] = (cs * x).sum() / cs.sum() if cs.sum() > 0 else x.mean()
                span = first_span if self.span == "initial" else float(x.max() - x.min())
                if t == self.rounds or span <= 0:
                    traj[t + 1 :, rows, d] = x
                    med[t + 1 :, d] = med[t, d]
                    mean[t + 1 :, d] = mean[t, d]
                    break
                x = self._round(x, c, s, span)
                if progress is not None:
                    progress(d * self.rounds + t + 1, k * self.rounds)
        by_round = med if self.forecast_by == "median" else mean
        return ForecastResult(
            model=self.name,
            forecast=freeze(by_round[-1]),
            trajectory=freeze(traj),
            forecast_by_round=freeze(by_round),
            settings={
                "rounds": self.rounds,
                "q": self.q,
                "probability": self.probability,
                "perspective": self.perspective,
                "security": self.security,
                "offers": self.offers,
                "span": self.span,
                "forecast_by": self.forecast_by,
            },
            converged=False,
            extra={"median": freeze(med), "mean": freeze(mean)},
        )
