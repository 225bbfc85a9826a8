"""A composite deprivation index from census indicators, with optional empirical-Bayes
smoothing of rates and a Monte Carlo sensitivity analysis of the weights.

An indicator is either a field holding a rate or share, or a count/base pair of fields
(e.g. unemployed / labour_force) from which the rate is computed, and smoothed when asked.
Each indicator has a direction: +1 when a higher value means more deprivation, -1 when it
means less. Indicators are put on a common scale (z-score, min-max or percentile rank),
turned so that higher is always worse, and summed with weights that add up to 1; each
block's index is the sum of its indicators' contributions.

Rank 1 is the most deprived block; decile 10 is the most deprived tenth ("top decile"):
decile = 10 − ⌊10 (rank − 1) / n⌋.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from scipy.stats import rankdata

Z_SCORE, MIN_MAX, RANK = 0, 1, 2
METHODS = (Z_SCORE, MIN_MAX, RANK)

_SPEC = re.compile(r"^\s*([^\s:/]+)\s*(?:/\s*([^\s:/]+)\s*)?(?::\s*([+-]|higher_worse|higher_better)\s*)?$")


class IndicatorSpecError(ValueError):
    """A malformed indicator specification (the message quotes the faulty entry)."""

    def __init__(self, entry: str):
        super().__init__(entry)
        self.entry = entry


@dataclass(frozen=True)
class Indicator:
    field: str  # rate field, or the count field of a count/base pair
    base: str | None = None  # base field of a count/base pair
    direction: int = 1  # +1 higher is worse, -1 higher is better

    @property
    def name(self) -> str:
        return self.field

    @property
    def fields(self) -> tuple[str, ...]:
        return (self.field,) if self.base is None else (self.field, self.base)


def parse_indicators(text: str) -> list[Indicator]:
    """Parse 'field:+; count/base:-' (entries separated by ';', ',' or new lines).

    Direction '+' (or 'higher_worse', the default when omitted) or '-' ('higher_better').
    """
    out = []
    for entry in re.split(r"[;,\n]", text or ""):
        if not entry.strip():
            continue
        match = _SPEC.match(entry)
        if not match:
            raise IndicatorSpecError(entry.strip())
        field, base, sign = match.groups()
        direction = -1 if sign in ("-", "higher_better") else 1
        out.append(Indicator(field, base, direction))
    return out


def parse_weights(text: str, count: int) -> np.ndarray:
    """Weights from '1, 1, 2' (any positive numbers, normalised to sum 1); empty = equal."""
    if not (text or "").strip():
        return np.full(count, 1.0 / count)
    parts = [p for p in re.split(r"[;,\s]+", text.strip()) if p]
    values = np.array([float(p) for p in parts])
    if len(values) != count:
        raise ValueError(f"{len(values)} weights for {count} indicators")
    if np.any(values < 0) or not np.isfinite(values).all() or values.max() <= 0:
        raise ValueError("weights must be non-negative numbers with a positive sum")
    values = values / values.max()  # first to at most 1, so that 1e308-sized weights do not overflow the sum
    return values / values.sum()


def empirical_bayes(counts, bases) -> np.ndarray:
    """Global empirical-Bayes smoothed rates (Marshall 1991, method of moments).

    Each raw rate c_i / b_i is pulled toward the overall rate m = Σc / Σb by
    C_i = s² / (s² + m / b_i), with s² = Σ b_i (r_i − m)² / Σb − m / b̄ (0 if negative).
    Blocks with a zero base get the overall rate.
    """
    c = np.asarray(counts, dtype=np.float64)
    b = np.asarray(bases, dtype=np.float64)
    total_b = b.sum()
    if total_b <= 0:
        raise ValueError("the bases add up to zero")
    m = c.sum() / total_b
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(b > 0, c / b, m)
    s2 = max((b * (r - m) ** 2).sum() / total_b - m / b.mean(), 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        shrink = np.where(b > 0, s2 / (s2 + m / np.where(b > 0, b, 1.0)), 0.0)
    if s2 == 0:
        shrink = np.zeros_like(b)
    return m + shrink * (r - m)


def normalise(x, method: int) -> np.ndarray:
    """Scale one indicator: z-score (population sd), min-max to [0, 1] or percentile rank
    (average rank of ties, scaled to [0, 1]). A constant indicator scores 0 everywhere."""
    x = np.asarray(x, dtype=np.float64)
    n = len(x)
    if method == Z_SCORE:
        sd = x.std()
        return (x - x.mean()) / sd if sd > 0 else np.zeros(n)
    if method == MIN_MAX:
        span = x.max() - x.min()
        return (x - x.min()) / span if span > 0 else np.zeros(n)
    if method == RANK:
        if n < 2 or x.max() == x.min():
            return np.zeros(n)
        return (rankdata(x, method="average") - 1) / (n - 1)
    raise ValueError(f"unknown method {method}")


def oriented_scores(values: np.ndarray, directions, method: int) -> np.ndarray:
    """n × m scores where higher is always worse."""
    cols = []
    for j, direction in enumerate(directions):
        s = normalise(values[:, j], method)
        constant = values[:, j].max() == values[:, j].min()
        if direction < 0 and not constant:
            s = -s if method == Z_SCORE else 1.0 - s
        cols.append(s)
    return np.column_stack(cols) if cols else np.zeros((len(values), 0))


def rank_and_decile(index) -> tuple[np.ndarray, np.ndarray]:
    """Rank (1 = highest index, ties share the best rank) and decile (10 = top tenth)."""
    index = np.asarray(index, dtype=np.float64)
    n = len(index)
    rank = rankdata(-index, method="min").astype(np.int64)
    decile = 10 - (10 * (rank - 1)) // max(n, 1)
    return rank, decile.astype(np.int64)


@dataclass
class DeprivationResult:
    index: np.ndarray
    rank: np.ndarray
    decile: np.ndarray
    contributions: np.ndarray  # n × m, rows sum to index
    rates: np.ndarray  # n × m indicator values used (after smoothing)
    weights: np.ndarray
    p_top_decile: np.ndarray | None = None


def indicator_values(columns: dict, indicators, smoothing: bool) -> np.ndarray:
    """n × m values: the rate field, or count/base (smoothed with empirical Bayes if asked).

    Raises ValueError for a zero base when not smoothing (the caller names the block)."""
    cols = []
    for ind in indicators:
        x = np.asarray(columns[ind.field], dtype=np.float64)
        if ind.base is None:
            cols.append(x)
            continue
        b = np.asarray(columns[ind.base], dtype=np.float64)
        if smoothing:
            cols.append(empirical_bayes(x, b))
        else:
            with np.errstate(invalid="ignore", divide="ignore"):
                cols.append(np.where(b > 0, x / np.where(b > 0, b, 1.0), np.nan))
    return np.column_stack(cols)


def deprivation_index(values, directions, weights=None, method: int = Z_SCORE,
                      sensitivity_runs: int = 0, seed=None) -> DeprivationResult:
    """Composite index of n × m indicator `values` (see the module docstring).

    With `sensitivity_runs` > 0 the weights are redrawn from a Dirichlet distribution with
    mean equal to `weights` and concentration m (uniform over all weightings when the weights
    are equal), and p_top_decile is each block's share of runs in which it is in the top decile.
    """
    values = np.asarray(values, dtype=np.float64)
    n, m = values.shape
    weights = np.full(m, 1.0 / m) if weights is None else np.asarray(weights, dtype=np.float64)
    weights = weights / weights.sum()
    scores = oriented_scores(values, directions, method)
    contributions = scores * weights[None, :]
    index = contributions.sum(axis=1)
    rank, decile = rank_and_decile(index)
    p_top = None
    if sensitivity_runs > 0:
        rng = np.random.default_rng(seed)
        alpha = np.maximum(weights * m, 1e-9)
        hits = np.zeros(n)
        draws = rng.dirichlet(alpha, size=sensitivity_runs)
        batch = max(1, 2_000_000 // max(n, 1))
        for start in range(0, sensitivity_runs, batch):
            wd = draws[start:start + batch]  # b × m
            idx = scores @ wd.T  # n × b
            for col in range(idx.shape[1]):
                _, dec = rank_and_decile(idx[:, col])
                hits += dec == 10
        p_top = hits / sensitivity_runs
    return DeprivationResult(index, rank, decile, contributions, values, weights, p_top)
