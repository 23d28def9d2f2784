"""Statistics for the pattern queries, explained in plain Dutch (B1) where a person reads them. Pure."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats as sps

Z95 = 1.959963984540054


@dataclass(frozen=True)
class Interval:
    value: float
    lower: float
    upper: float


def wilson(successes: int, total: int, z: float = Z95) -> Interval:
    if total <= 0:
        raise ValueError("total must be positive")
    p = successes / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return Interval(p, max(0.0, centre - half), min(1.0, centre + half))


@dataclass(frozen=True)
class TestResult:
    name: str
    statistic: float
    p_value: float
    effect_size: float
    effect_name: str
    explanation: str


def _nl(value: float, digits: int = 3) -> str:
    """Dutch number notation: a decimal comma."""
    return f"{value:.{digits}f}".replace(".", ",")


def _explain(p_value: float, effect: float, effect_name: str, strength_of: float | None = None) -> str:
    size = effect if strength_of is None else strength_of
    strength = "klein" if size < 0.1 else "middelgroot" if size < 0.3 else "groot"
    if p_value < 0.05:
        return (f"Het verschil is waarschijnlijk geen toeval (p = {_nl(p_value)}). "
                f"Het verschil is {strength} ({effect_name} = {_nl(effect, 2)}).")
    return f"We zien geen duidelijk verschil; het kan toeval zijn (p = {_nl(p_value)})."


def chi_square(table: list[list[int]]) -> TestResult:
    """Chi-square test of independence on a groups x categories table, with Cramér's V as effect size."""
    observed = np.array(table, dtype=float)
    observed = observed[:, observed.sum(axis=0) > 0]
    observed = observed[observed.sum(axis=1) > 0]
    if observed.shape[0] < 2 or observed.shape[1] < 2:
        raise ValueError("need at least two groups and two categories with stories")
    statistic, p_value, _, _ = sps.chi2_contingency(observed, correction=False)
    n = observed.sum()
    v = math.sqrt(statistic / (n * (min(observed.shape) - 1)))
    return TestResult("chi-kwadraat", float(statistic), float(p_value), v, "Cramérs V", _explain(p_value, v,
                                                                                                "Cramérs V"))


def two_proportions(k1: int, n1: int, k2: int, n2: int) -> TestResult:
    """Two-proportion z-test; effect size Cohen's h."""
    p1, p2 = k1 / n1, k2 / n2
    pooled = (k1 + k2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    z = 0.0 if se == 0 else (p1 - p2) / se
    p_value = 2 * (1 - sps.norm.cdf(abs(z)))
    h = abs(2 * math.asin(math.sqrt(p1)) - 2 * math.asin(math.sqrt(p2)))
    return TestResult("twee-proporties z-toets", z, float(p_value), h, "Cohens h", _explain(p_value, h, "Cohens h"))


# -- compositional statistics for triads (Aitchison geometry) -------------------------------------------------
def ilr_inverse(x1: float, x2: float) -> tuple[float, float, float]:
    """From isometric log-ratio coordinates back to a composition (inverse of search.documents.ilr)."""
    a_over_b = math.exp(x1 * math.sqrt(2))
    # x2 = sqrt(2/3) * ln(sqrt(a*b)/c)  ->  c = sqrt(a*b) / exp(x2 / sqrt(2/3))
    b = 1.0
    a = a_over_b * b
    c = math.sqrt(a * b) / math.exp(x2 / math.sqrt(2 / 3))
    total = a + b + c
    return a / total, b / total, c / total


@dataclass(frozen=True)
class TriadSummary:
    n: int
    mean_ilr: tuple[float, float]
    covariance: tuple[tuple[float, float], tuple[float, float]]

    @property
    def geometric_mean(self) -> tuple[float, float, float]:
        return ilr_inverse(*self.mean_ilr)

    def confidence_region(self, points: int = 48, level: float = 0.95) -> list[tuple[float, float, float]]:
        """The 95% confidence region of the compositional mean: an ellipse in ilr space, drawn as a polygon
        of compositions (Hotelling's T² with n-1 and 2 degrees of freedom)."""
        n = self.n
        if n < 3:
            return []
        cov = np.array(self.covariance) / n
        f = sps.f.ppf(level, 2, n - 2)
        radius = math.sqrt(2 * (n - 1) / (n - 2) * f)
        values, vectors = np.linalg.eigh(cov)
        values = np.clip(values, 0, None)
        region = []
        for i in range(points):
            angle = 2 * math.pi * i / points
            unit = np.array([math.cos(angle), math.sin(angle)])
            offset = vectors @ (np.sqrt(values) * unit) * radius
            region.append(ilr_inverse(self.mean_ilr[0] + offset[0], self.mean_ilr[1] + offset[1]))
        return region


def triad_summary(n: int, sum1: float, sum2: float, sumsq1: float, sumsq2: float, sum12: float) -> TriadSummary:
    """From sums that OpenSearch aggregates (no raw answers leave the index)."""
    m1, m2 = sum1 / n, sum2 / n
    denominator = max(n - 1, 1)
    c11 = (sumsq1 - n * m1 * m1) / denominator
    c22 = (sumsq2 - n * m2 * m2) / denominator
    c12 = (sum12 - n * m1 * m2) / denominator
    return TriadSummary(n, (m1, m2), ((c11, c12), (c12, c22)))


def hotelling_two_sample(a: TriadSummary, b: TriadSummary) -> TestResult:
    """Do two groups differ in their triad answers? Hotelling's T² on ilr coordinates; effect: Mahalanobis D."""
    if a.n < 3 or b.n < 3:
        raise ValueError("need at least three answers per group")
    pooled = ((a.n - 1) * np.array(a.covariance) + (b.n - 1) * np.array(b.covariance)) / (a.n + b.n - 2)
    diff = np.array(a.mean_ilr) - np.array(b.mean_ilr)
    inverse = np.linalg.pinv(pooled)
    d2 = float(diff @ inverse @ diff)
    t2 = a.n * b.n / (a.n + b.n) * d2
    p_dims = 2
    f_stat = (a.n + b.n - p_dims - 1) / (p_dims * (a.n + b.n - 2)) * t2
    p_value = float(1 - sps.f.cdf(f_stat, p_dims, a.n + b.n - p_dims - 1))
    d = math.sqrt(max(d2, 0.0))
    # Mahalanobis D of 0.2 / 0.6 is small / medium, like Cohen's d: halved onto the wording scale above.
    return TestResult("Hotelling T² (log-ratio)", t2, p_value, d, "Mahalanobis D",
                      _explain(p_value, d, "Mahalanobis D", strength_of=d / 2))
