"""The `Town`: everything the themes of the sample share, as one explicit object.

`generate` makes a `Town` with `new_town`, lets the geometry steps fill it in (`settlements`:
the street grids and the named places of the city; `streets`: the street network; `cadastre`:
blocks and parcels), then passes it to one builder per theme, in a fixed order. A theme reads
the town and returns its tables. What a theme leaves for the others is a declared field of the
town, written by that theme only; there is no other shared state:

| written by | what | read by |
|---|---|---|
| `build_census` | `town.census` (census blocks) | `build_regeneration` |
| `build_property` | `town.estate` (the properties and the named ones), `cadastre.owner` («municipal»), `cadastre.address` (the squares) | siting, `build_programme`, the parcel table |
| every theme with project sites | `programme.footprints` through `Programme.place` | `build_programme` |
| `build_programme` | `streets.project` (the Ερμού edges of Φάση Ι) | the street table |

Every random number is drawn from `town.rng` (one `numpy.random.default_rng(seed)`), so the
order of the steps and of the draws inside them is part of the output.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import shapely

from municipal_gis.core.sample.common import CENTRE, MAX_PARCELS, MIN_PARCELS, reference_date
from municipal_gis.core.sample.geometry import _coverage_union, _Grid, _quad_corners

if TYPE_CHECKING:
    from municipal_gis.core.sample.census import CensusBlocks
    from municipal_gis.core.sample.property import Estate


@dataclass
class CityPlan:
    """Where the named places of the city are, as quad indices (i, j) of its street grid."""

    k: float  # the city's radius in quads
    ic: int  # the quad of Πλατεία Ελευθερίας
    jc: int
    angle: float  # rotation of the street grid (radians)
    r_est: float  # the radius estimated before the quads are chosen (m)
    prod_phi: float  # direction of the production district from the centre (radians)
    sp: dict[str, tuple[int, int]]  # the squares and the park: eleftherias, park, eirinis, omonoias, emporiou
    star: tuple[int, int]  # the node where Εξοχών and Κωνσταντινουπόλεως start, on Μ. Αλεξάνδρου
    deprived: list[tuple[int, int]]  # the Roma neighbourhood (east) and the older one (south-west)
    r_city: float = 0.0  # radius of the kept city (m), at least 150
    avenues: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # quads each avenue crosses
    junctions: dict[str, tuple[int, int]] = field(default_factory=dict)  # named street crossings (nodes)

    def offset(self, fi: float, fj: float, mi: int, mj: int) -> tuple[int, int]:
        """The quad a fraction (fi, fj) of the city's radius from the centre, at least (mi, mj) quads."""

        def one(f, m):
            return 0 if f == 0 else int(math.copysign(max(m, round(abs(f) * self.k)), f))

        return self.ic + one(fi, mi), self.jc + one(fj, mj)

    def is_prod(self, xy: np.ndarray, radius: float) -> np.ndarray:
        """Whether points lie in the production district: a sector beyond 0.72 of `radius`."""
        d = xy - np.array(CENTRE)
        phi = np.arctan2(d[:, 1], d[:, 0])
        dphi = np.abs((phi - self.prod_phi + math.pi) % (2 * math.pi) - math.pi)
        return (dphi < 0.45) & (np.hypot(d[:, 0], d[:, 1]) > 0.72 * radius)


@dataclass
class Streets:
    """The street network: grid edges of every settlement, the diagonal avenues, then the roads
    between settlements (the first `n_grid` entries are grid edges and avenues)."""

    geom: np.ndarray  # LineStrings
    name: np.ndarray
    cls: list[str]  # street_class
    walk: list[bool]
    sett: np.ndarray  # settlement index (0 city, 1… villages; -1 roads between them)
    kind: np.ndarray  # 0 row edge, 1 column edge, 2 / 3 the avenues, 9 road
    line: np.ndarray  # grid line of the edge
    pos: np.ndarray  # position of the edge along its line
    n_grid: int
    edge_lookup: dict  # (settlement, "r"/"c", i, j) or (0, "d", avenue, t) -> edge index
    eo_start: np.ndarray  # where the national road to Thessaloniki leaves the city
    project: list  # project_code per street; written by the programme theme


@dataclass
class Cadastre:
    """City blocks (Ο.Τ.) and the parcels that tile them, with their ΚΑΕΚ and addresses."""

    geom: np.ndarray  # parcel polygons
    kaek: list[str]
    ot: list[str]  # the parcel's Ο.Τ. code
    block: np.ndarray  # index of the parcel's block in `block_rows`
    sett: np.ndarray  # settlement index of the parcel
    area: np.ndarray
    centroid: np.ndarray
    reg: list  # registered area (m²) or None
    owner: np.ndarray  # owner_type; the property theme marks its parcels «municipal»
    address: list[str]  # the property theme names the squares' parcels
    street: np.ndarray  # the street nearest the parcel's centroid
    block_rows: list[dict]
    block_geom: np.ndarray

    def city_quad_parcels(self, city: _Grid, i: int, j: int) -> np.ndarray:
        """Parcels of the city's quad (i, j), in generation order."""
        n_city = int((self.sett == 0).sum())
        local = self.block[:n_city] - city.block_global[0]
        return np.flatnonzero((city.bi[local] == i) & (city.bj[local] == j))


@dataclass
class Programme:
    """The technical programme's projects and fundings, and the footprints themes give them."""

    projects: list[dict]
    fundings: list[dict]
    codes: dict[str, str]  # key (phase1, playgrounds, bikes…) -> project_code
    footprints: dict[str, list] = field(default_factory=dict)  # key -> geometries, in placing order

    def place(self, key: str, geom) -> None:
        """Add `geom` to the footprint of the project `key` (if the programme has it)."""
        if key in self.codes and geom is not None and not shapely.is_empty(geom):
            self.footprints.setdefault(key, []).append(geom)

    def code(self, key):
        return self.codes.get(key)


@dataclass
class Town:
    parcels: int  # the wanted parcel count
    seed: int
    year: int
    ref: date  # reference date for lease and playground statuses
    rng: np.random.Generator
    programme: Programme | None = None  # programme.read_programme
    city: _Grid | None = None  # settlements.lay_out_city
    plan: CityPlan | None = None  # settlements.lay_out_city
    villages: list[_Grid] = field(default_factory=list)  # settlements.lay_out_villages
    streets: Streets | None = None  # streets.lay_streets
    cadastre: Cadastre | None = None  # cadastre.survey
    census: CensusBlocks | None = None  # build_census
    estate: Estate | None = None  # build_property

    @property
    def grids(self) -> list[_Grid]:
        return [self.city] + self.villages


def new_town(parcels: int, seed: int, year: int) -> Town:
    if not isinstance(parcels, (int, np.integer)) or not MIN_PARCELS <= parcels <= MAX_PARCELS:
        raise ValueError(f"parcels must be an integer between {MIN_PARCELS} and {MAX_PARCELS}")
    return Town(int(parcels), int(seed), int(year), reference_date(int(year)), np.random.default_rng(int(seed)))


# ------------------------------------------------------------------------- grid helpers


def kept_nodes(grid: _Grid) -> np.ndarray:
    """Nodes that are a corner of a kept quad."""
    k = grid.keep
    m = np.zeros(grid.nodes.shape[:2], bool)
    m[:-1, :-1] |= k
    m[:-1, 1:] |= k
    m[1:, :-1] |= k
    m[1:, 1:] |= k
    return m


def nearest_true(mask: np.ndarray, i: int, j: int) -> tuple[int, int]:
    ii, jj = np.nonzero(mask)
    k = int(np.argmin((ii - i) ** 2 + (jj - j) ** 2))
    return int(ii[k]), int(jj[k])


def quad_cells(grid: _Grid):
    """Unshrunk quad polygons (to the street centre lines) of the kept quads: (i, j, polygons)."""
    qi, qj = np.nonzero(grid.keep)
    c = _quad_corners(grid.nodes)[qi, qj]
    return qi, qj, shapely.polygons(np.concatenate([c, c[:, :1]], axis=1))


def cell(grid: _Grid, i: int, j: int):
    return shapely.Polygon(_quad_corners(grid.nodes)[i, j])


def group_union(geoms, labels):
    """Union of `geoms` per label (labels 0..n-1), in label order: (unions, labels)."""
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    groups = np.split(order, bounds)
    # the cells share exact vertices (they come from one node array): a coverage union
    return [_coverage_union(geoms[g]) for g in groups], [int(labels[g[0]]) for g in groups]
