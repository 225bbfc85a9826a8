"""Local spatial statistics: Getis-Ord Gi*, local Moran's I, permutation inference, FDR.

Weights are binary and symmetric, given as a scipy CSR matrix with a zero diagonal (see
`spatial_weights`). Gi* includes the site itself with weight 1 (Ord & Getis 1995, binary
weights). Local Moran's I uses row-standardised weights and the standardised variable
z = (y - ȳ) / s (population s), I_i = (n - 1) z_i lag_i / Σz², as in PySAL esda.

Conditional permutation follows esda's scheme so results can be compared one to one: one
matrix P of random draws (R permutations × the largest neighbour count) is shared by every
site; for site i the draw j stands for the j-th of the other n - 1 sites. Rather than gather
values for every site (R × nnz random reads), the sum over a site's draws is built from
column prefix sums of y[P] plus a correction for draws at or after position i, which only
needs sparse work per block of consecutive sites. Cost is about R × n, not R × nnz.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.stats import norm

HOT_SPOT = "hot_spot"
COLD_SPOT = "cold_spot"
HIGH_LOW = "high_low"
LOW_HIGH = "low_high"
NOT_SIGNIFICANT = "not_significant"
NO_NEIGHBOURS = "no_neighbours"
CLUSTER_CLASSES = (HOT_SPOT, COLD_SPOT, HIGH_LOW, LOW_HIGH, NOT_SIGNIFICANT, NO_NEIGHBOURS)

ALTERNATIVES = ("two-sided", "directed", "greater", "lesser")


def _check(y, w) -> tuple[np.ndarray, sparse.csr_matrix, np.ndarray]:
    y = np.asarray(y, dtype=np.float64).ravel()
    w = sparse.csr_matrix(w)
    if w.shape != (len(y), len(y)):
        raise ValueError("weights and values differ in size")
    if not np.all(np.isfinite(y)):
        raise ValueError("values must be finite")
    if w.diagonal().any():
        raise ValueError("weights must have a zero diagonal")
    card = np.diff(w.indptr).astype(np.int64)
    return y, w, card


def gi_star(y, w):
    """Analytic Gi* (binary weights, self included): returns (G*_i, z_i).

    z_i = (Σ_j w*_ij y_j − W*_i ȳ) / (s √((n S*_1i − W*_i²) / (n − 1))), with w*_ii = 1,
    W*_i = k_i + 1 = S*_1i, ȳ and s (population) over all n sites. Constant y gives z = 0.
    """
    y, w, card = _check(y, w)
    n = len(y)
    lag_star = w @ y + y
    wstar = card + 1.0
    mean = y.mean()
    s = np.sqrt(max((y * y).mean() - mean * mean, 0.0))
    g = lag_star / y.sum() if y.sum() != 0 else np.full(n, np.nan)
    if s == 0:
        return g, np.zeros(n)
    den = s * np.sqrt((n * wstar - wstar * wstar) / (n - 1))
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (lag_star - wstar * mean) / den
    z[den == 0] = 0.0  # every site a neighbour of i: no information
    return g, z


@dataclass
class LocalMoran:
    i: np.ndarray  # local Moran's I
    quadrant: np.ndarray  # 1 HH, 2 LH, 3 LL, 4 HL (esda order)
    expected: np.ndarray  # conditional-randomisation expectation (Sokal et al. 1998, A7)
    variance: np.ndarray  # conditional-randomisation variance (A8)
    z: np.ndarray  # (I - E) / √V, NaN where V = 0 (islands)


def local_moran(y, w) -> LocalMoran:
    """Local Moran's I with row-standardised binary weights (islands get I = 0, z = NaN)."""
    y, w, card = _check(y, w)
    n = len(y)
    s = y.std()
    z = (y - y.mean()) / s if s > 0 else np.zeros(n)
    with np.errstate(invalid="ignore", divide="ignore"):
        lag = np.where(card > 0, (w @ z) / np.maximum(card, 1), 0.0)
    den = (z * z).sum()
    i_stat = (n - 1) * z * lag / den if den > 0 else np.zeros(n)
    quadrant = np.where(z > 0, np.where(lag > 0, 1, 4), np.where(lag > 0, 2, 3))
    m2 = den / n if den > 0 else 1.0
    wi = (card > 0).astype(np.float64)
    wi2 = np.where(card > 0, 1.0 / np.maximum(card, 1), 0.0)
    expected = -(z * z * wi) / ((n - 1) * m2)
    variance = (z / m2) ** 2 * (n / (n - 2)) * (wi2 - wi * wi / (n - 1)) * (m2 - z * z / (n - 1))
    with np.errstate(invalid="ignore", divide="ignore"):
        zi = np.where(variance > 0, (i_stat - expected) / np.sqrt(np.where(variance > 0, variance, 1)), np.nan)
    return LocalMoran(i_stat, quadrant, expected, variance, zi)


def draw_permutations(n: int, permutations: int, max_card: int, seed=None) -> np.ndarray:
    """R × K matrix of draws: each row K distinct integers from [0, n − 2] (the other sites)."""
    rng = np.random.default_rng(seed)
    k = int(min(max_card, n - 1))
    if k <= 0 or permutations <= 0:
        return np.zeros((max(permutations, 0), 0), dtype=np.int64)
    draws = rng.integers(0, n - 1, size=(permutations, k), dtype=np.int64)
    if k > 1:
        s = np.sort(draws, axis=1)
        bad = np.flatnonzero((s[:, 1:] == s[:, :-1]).any(axis=1))
        for r in bad:  # rare when k ≪ n
            draws[r] = rng.choice(n - 1, size=k, replace=False)
    return draws


def permutation_counts(y, w, permutations: int = 999, seed=None, permuted_ids=None, block: int = 256):
    """Count, per site, random neighbour sums ≥ and ≤ the observed one (binary weights).

    Returns (n_ge, n_le, permutations). Islands get counts of R (all ties). `permuted_ids`
    (R × K draws in [0, n − 2]) can be given to reproduce another tool's random stream.
    """
    y, w, card = _check(y, w)
    n = len(y)
    kmax = int(card.max()) if n else 0
    if permuted_ids is None:
        p = draw_permutations(n, permutations, kmax, seed)
    else:
        p = np.asarray(permuted_ids, dtype=np.int64)
        if p.shape[1] < kmax:
            raise ValueError("permuted_ids has fewer columns than the largest neighbour count")
        p = p[:, :kmax]
    r = p.shape[0]
    n_ge = np.full(n, r, dtype=np.int64)
    n_le = np.full(n, r, dtype=np.int64)
    if r == 0 or kmax == 0:
        return n_ge, n_le, r
    lag = w @ y
    a = y[p]  # value of draw j for a site after it (j < i)
    d = y[np.minimum(p + 1, n - 1)] - a  # change when the draw lies at or after site i
    ca = np.zeros((r, kmax + 1))
    np.cumsum(a, axis=1, out=ca[:, 1:])
    tol = 1e-12 * (np.abs(y).max() * (kmax + 1) + 1.0)
    for lo in range(0, n, block):
        hi = min(lo + block, n)
        k_chunk = card[lo:hi]
        # draws at or after hi shift for every site of the block
        after = np.where(p >= hi, d, 0.0)
        base = ca.copy()
        np.cumsum(after, axis=1, out=base[:, 1:])
        base[:, 1:] += ca[:, 1:]
        sums = base[:, k_chunk]  # R × m
        # draws inside [lo, hi) shift only the sites of the block at or before them
        rr, cc = np.nonzero((p >= lo) & (p < hi))
        if len(rr):
            pos = p[rr, cc] - lo
            sites = np.arange(hi - lo)
            effect = d[rr, cc][:, None] * ((sites[None, :] <= pos[:, None]) & (k_chunk[None, :] > cc[:, None]))
            onehot = sparse.csr_matrix((np.ones(len(rr)), (rr, np.arange(len(rr)))), shape=(r, len(rr)))
            sums += onehot @ effect
        obs = lag[lo:hi]
        n_ge[lo:hi] = (sums >= obs - tol).sum(axis=0)
        n_le[lo:hi] = (sums <= obs + tol).sum(axis=0)
    n_ge[card == 0] = r
    n_le[card == 0] = r
    return n_ge, n_le, r


def pseudo_p(n_ge, n_le, permutations: int, alternative: str = "two-sided") -> np.ndarray:
    """Pseudo p-values (M + 1) / (R + 1) from the counts of `permutation_counts`.

    'greater': M = #(random ≥ observed); 'lesser': M = #(random ≤ observed); 'directed'
    (esda's historical default): M = min(#≥, #<), the tail the observation lies in;
    'two-sided': twice the smaller one-sided p-value, capped at 1.
    """
    n_ge = np.asarray(n_ge, dtype=np.float64)
    n_le = np.asarray(n_le, dtype=np.float64)
    r = float(permutations)
    if alternative == "greater":
        return (n_ge + 1) / (r + 1)
    if alternative == "lesser":
        return (n_le + 1) / (r + 1)
    if alternative == "directed":
        return (np.minimum(n_ge, r - n_ge) + 1) / (r + 1)
    if alternative == "two-sided":
        return np.minimum(1.0, 2 * (np.minimum(n_ge, n_le) + 1) / (r + 1))
    raise ValueError(f"unknown alternative {alternative!r}")


def benjamini_hochberg(p) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (q-values); NaN entries stay NaN and are not counted.

    A site is significant at false discovery rate α when its q ≤ α: the same as finding the
    largest k with p_(k) ≤ k α / m and rejecting the k smallest p-values.
    """
    p = np.asarray(p, dtype=np.float64)
    q = np.full(p.shape, np.nan)
    ok = np.flatnonzero(np.isfinite(p))
    m = len(ok)
    if m == 0:
        return q
    order = ok[np.argsort(p[ok], kind="stable")]
    ranked = p[order] * m / np.arange(1, m + 1)
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]
    q[order] = np.minimum(ranked, 1.0)
    return q


@dataclass
class LocalStatistics:
    gi_z: np.ndarray
    gi_p: np.ndarray
    gi_q: np.ndarray
    moran_i: np.ndarray
    moran_z: np.ndarray
    moran_p: np.ndarray
    moran_q: np.ndarray
    cardinality: np.ndarray
    cluster: np.ndarray  # one of CLUSTER_CLASSES per site
    gi_significant: np.ndarray
    moran_significant: np.ndarray


def moran_counts(z, n_ge, n_le, r):
    """Counts for I_rand ≥ I_obs and ≤ I_obs from the neighbour-sum counts (sign of z_i)."""
    ge = np.where(z > 0, n_ge, np.where(z < 0, n_le, r))
    le = np.where(z > 0, n_le, np.where(z < 0, n_ge, r))
    return ge, le


def local_statistics(y, w, permutations: int = 999, alpha: float = 0.05, fdr: bool = True,
                     seed=None, alternative: str = "two-sided") -> LocalStatistics:
    """Gi* and local Moran's I with inference and cluster classes.

    With `permutations` > 0 p-values are conditional-permutation pseudo p-values, otherwise
    normal p-values of the analytic z-scores. Islands (no neighbour) get NaN statistics and
    the class NO_NEIGHBOURS, and are left out of the FDR correction.

    Classes: HOT_SPOT / COLD_SPOT where Gi* is significant with z > 0 / z < 0; otherwise
    HIGH_LOW / LOW_HIGH where local Moran's I is significant and negative (a high value among
    low ones, or the reverse); otherwise NOT_SIGNIFICANT.
    """
    y, w, card = _check(y, w)
    island = card == 0
    _, gz = gi_star(y, w)
    lm = local_moran(y, w)
    if permutations > 0:
        n_ge, n_le, r = permutation_counts(y, w, permutations, seed=seed)
        gp = pseudo_p(n_ge, n_le, r, alternative)
        s = y.std()
        zstd = (y - y.mean()) / s if s > 0 else np.zeros(len(y))
        mge, mle = moran_counts(zstd, n_ge, n_le, r)
        mp = pseudo_p(mge, mle, r, alternative)
    else:
        gp = 2 * norm.sf(np.abs(gz))
        mp = 2 * norm.sf(np.abs(np.nan_to_num(lm.z)))
    gz = np.where(island, np.nan, gz)
    mi = np.where(island, np.nan, lm.i)
    mz = np.where(island, np.nan, lm.z)
    gp = np.where(island, np.nan, gp)
    mp = np.where(island, np.nan, mp)
    gq = benjamini_hochberg(gp) if fdr else gp.copy()
    mq = benjamini_hochberg(mp) if fdr else mp.copy()
    with np.errstate(invalid="ignore"):
        gsig = np.nan_to_num(gq, nan=2.0) <= alpha
        msig = np.nan_to_num(mq, nan=2.0) <= alpha
        above = y > y.mean()
        cluster = np.full(len(y), NOT_SIGNIFICANT, dtype=object)
        outlier = msig & (np.nan_to_num(mi) < 0)
        cluster[outlier & above] = HIGH_LOW
        cluster[outlier & ~above] = LOW_HIGH
        cluster[gsig & (gz > 0)] = HOT_SPOT
        cluster[gsig & (gz < 0)] = COLD_SPOT
    cluster[island] = NO_NEIGHBOURS
    return LocalStatistics(gz, gp, gq, mi, mz, mp, mq, card, cluster, gsig, msig)
