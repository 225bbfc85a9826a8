"""Regeneration zones: contiguous hot-spot blocks dissolved into polygons.

Zones are the connected components of the hot-spot blocks over a contiguity graph (queen by
default). A piece below the minimum population or area is merged with another piece when a
single block touches both (the bridge with the highest value is taken in, and reported as a
bridge); pieces still below the minimums are dropped and reported. Dissolving is a union per
component (no coverage union: GEOS 3.11 in QGIS 3.22 lacks it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely
from scipy import sparse

from municipal_gis.core.spatial_weights import components


@dataclass
class Zone:
    blocks: list[int]  # indices of member blocks (hot spots and bridges), ascending
    bridges: list[int] = field(default_factory=list)
    geometry: object = None
    population: float = 0.0
    area_m2: float = 0.0
    mean_value: float = float("nan")


@dataclass
class ZoneResult:
    zones: list[Zone]
    dropped: list[list[int]]  # pieces below the minimums, as block indices
    zone_of_block: np.ndarray  # zone number (1-based) per block, 0 outside every zone


def _too_small(members, population, areas, min_population, min_area) -> bool:
    return population[members].sum() < min_population or areas[members].sum() < min_area


def delineate(geometries, hot, contiguity: sparse.csr_matrix, population, values,
              min_population: float = 0, min_area: float = 0) -> ZoneResult:
    """Zones from the boolean `hot` mask (see the module docstring). Zones are numbered by
    decreasing population (ties: first block)."""
    geoms = np.asarray(geometries, dtype=object)
    n = len(geoms)
    hot = np.asarray(hot, dtype=bool)
    population = np.nan_to_num(np.asarray(population, dtype=np.float64))
    values = np.asarray(values, dtype=np.float64)
    areas = shapely.area(geoms)
    w = sparse.csr_matrix(contiguity)
    label = components(w, hot)
    groups: dict[int, set[int]] = {}
    for i in np.flatnonzero(label >= 0):
        groups.setdefault(int(label[i]), set()).add(int(i))
    bridges: dict[int, set[int]] = {g: set() for g in groups}

    def neighbours(i):
        return w.indices[w.indptr[i]:w.indptr[i + 1]]

    changed = True
    while changed:
        changed = False
        for g in sorted(groups, key=lambda k: min(groups[k])):
            members = groups.get(g)
            if members is None or not _too_small(list(members), population, areas, min_population, min_area):
                continue
            best = None
            for b in sorted({int(j) for i in members for j in neighbours(i)} - members):
                if label[b] >= 0:
                    continue
                others = {int(label[j]) for j in neighbours(b)} - {-1, g}
                if others and (best is None or values[b] > values[best[0]]):
                    best = (b, others)
            if best is None:
                continue
            b, others = best
            label[b] = g
            members.add(b)
            bridges[g].add(b)
            for o in others:
                for i in groups.pop(o):
                    label[i] = g
                    members.add(i)
                bridges[g] |= bridges.pop(o)
            changed = True
            break
    zones, dropped = [], []
    for g, members in groups.items():
        idx = sorted(members)
        if _too_small(idx, population, areas, min_population, min_area):
            dropped.append(idx)
            continue
        geom = shapely.union_all(geoms[idx])
        zones.append(Zone(idx, sorted(bridges[g]), geom, float(population[idx].sum()),
                          float(shapely.area(geom)), float(np.nanmean(values[idx]))))
    zones.sort(key=lambda z: (-z.population, z.blocks[0]))
    zone_of = np.zeros(n, dtype=np.int64)
    for k, z in enumerate(zones, start=1):
        zone_of[z.blocks] = k
    return ZoneResult(zones, sorted(dropped), zone_of)


def locate_projects(project_geometries, zones: list[Zone]):
    """Zone number (1-based, 0 for none) of each project, by a point on its surface, and the
    share of its area (or length) inside any zone (1/0 for points)."""
    geoms = np.asarray(project_geometries, dtype=object)
    zone_of = np.zeros(len(geoms), dtype=np.int64)
    share = np.zeros(len(geoms))
    if not zones or len(geoms) == 0:
        return zone_of, share
    present = np.array([g is not None and not shapely.is_empty(g) for g in geoms])
    tree = shapely.STRtree([z.geometry for z in zones])
    points = np.empty(len(geoms), dtype=object)
    points[present] = shapely.point_on_surface(geoms[present])
    pi, zi = tree.query(points[present], predicate="intersects")
    idx = np.flatnonzero(present)
    for p, z in zip(pi, zi):
        if zone_of[idx[p]] == 0:
            zone_of[idx[p]] = z + 1
    all_zones = shapely.union_all([z.geometry for z in zones])
    for i in idx:
        g = geoms[i]
        dim = shapely.get_dimensions(g)
        inside = shapely.intersection(g, all_zones)
        if dim == 2:
            total, part = shapely.area(g), shapely.area(inside)
        elif dim == 1:
            total, part = shapely.length(g), shapely.length(inside)
        else:
            total, part = 1.0, float(shapely.intersects(g, all_zones))
        share[i] = part / total if total > 0 else 0.0
    return zone_of, share


def catchment_shares(zone_of_project, project_codes, zones: list[Zone], block_geometries, population,
                     catchments: dict) -> np.ndarray:
    """For each project in a zone, the share (0–1) of that zone's population living in blocks
    whose interior point lies in the project's catchment; NaN when the project is in no zone,
    has no catchment, or the zone has no population.

    `catchments` maps a project code to its catchment polygon (already the union of the
    catchments of the project's facilities).
    """
    shares = np.full(len(zone_of_project), np.nan)
    if not zones or not catchments:
        return shares
    points = shapely.point_on_surface(np.asarray(block_geometries, dtype=object))
    population = np.asarray(population, dtype=float)
    for k, (zone_number, code) in enumerate(zip(zone_of_project, project_codes)):
        catchment = catchments.get(code)
        if not zone_number or catchment is None or shapely.is_empty(catchment):
            continue
        zone = zones[int(zone_number) - 1]
        members = np.asarray(zone.blocks, dtype=np.int64)
        total = population[members].sum()
        if total <= 0:
            continue
        inside = shapely.covers(catchment, points[members])
        shares[k] = float(population[members][inside].sum() / total)
    return shares
