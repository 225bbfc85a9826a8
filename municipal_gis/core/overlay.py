"""Exact parcel × land-use-zone overlay for land-use certificates.

Every parcel is cut into disjoint pieces that together make up the whole parcel:
- one piece per zone it lies in (``zones == (z,)``);
- where two or more zones overlap on the parcel (a digitising error or a pending modification),
  the overlapping part is its own piece carrying every zone (``zones == (a, b)``), so that no
  area is counted twice;
- the part no zone covers is its own piece with ``zones == ()``.

So the pieces' areas add up to the parcel's area and their shares to 100 %. Pieces smaller than
``noise_m2`` (floating-point residue, far below a square centimetre) are the only thing left
out; real slivers are kept and flagged.

Speed: candidate pairs come from one STRtree query, and so do the zone edges that meet each
parcel's bounding box. Where no edge of a zone meets the box, the box is wholly inside or outside
the zone (one point-in-polygon test). Where one edge, or two edges meeting at a corner of the
zone, meet it, the zone is a half-plane (or two) inside the box and the area comes from clipping
the parcel's rings in numpy, without a polygon overlay (`halfplane.py`; for convex parcels the
piece's polygon too). Only pairs with more of the zone's boundary in the box go to GEOS
(prepared `covers`, then one vectorised `intersection`). Parcels touched by overlapping zones
take the slower per-parcel path.

Threads: shapely 2's vectorised functions release the GIL, so the parcels are processed in blocks
of consecutive parcels by a pool of threads (one per CPU; never processes: this also runs inside
the QGIS desktop and qgis_process, where forking is unsafe). Each block uses its own copies of the
zones it prepares, since GEOS prepared geometries are not safe to share between threads; and
geometries that every thread reads (the zone edges' boxes) have their envelopes computed before
the threads start, since GEOS before 3.12 computes them lazily, racing. The rows do not depend on
the number of threads nor on the block size.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import shapely

from municipal_gis.core import halfplane
from municipal_gis.core.values import as_date

NOISE_M2 = 1e-6  # 0.01 cm²: below this a piece is floating-point residue
_POLYGONAL = (3, 6)  # Polygon, MultiPolygon
CHUNK = 4000  # geometries per vectorised call when a call is split over threads
BLOCK_MIN = 2000  # parcels per block when the overlay runs in worker threads


@dataclass(frozen=True)
class Repair:
    """An input geometry that was invalid or missing."""

    kind: str  # "parcel" or "zone"
    index: int
    reason: str  # GEOS reason, or "missing" / "empty"
    area_before: float
    area_after: float
    repaired: bool  # False: unusable, left out


@dataclass
class OverlayResult:
    """Pieces as parallel arrays, sorted by parcel then by decreasing area."""

    parcel: np.ndarray  # int index into the input parcels
    zones: list  # tuple of zone indices per piece: () unzoned, (z,) one zone, (a, b, ...) overlap
    area_m2: np.ndarray
    share_pct: np.ndarray
    share_registered_pct: np.ndarray  # NaN where the registered area is unknown
    sliver: np.ndarray  # bool
    geometry: np.ndarray  # polygonal shapely geometries (None when keep_geometry=False)
    parcel_area_m2: np.ndarray  # GIS area per input parcel (NaN for unusable geometry)
    repairs: list = field(default_factory=list)
    zone_overlaps: list = field(default_factory=list)  # (zone a, zone b, overlap area m²) over the whole layer
    zone_index: np.ndarray | None = field(default=None, repr=False)  # `zone`, when known already

    def __len__(self) -> int:
        return len(self.parcel)

    @property
    def zone(self) -> np.ndarray:
        """One zone index per piece: -1 unzoned, -2 overlap of several zones."""
        if self.zone_index is not None:
            return self.zone_index
        return np.array([z[0] if len(z) == 1 else (-1 if not z else -2) for z in self.zones], dtype=np.int64)

    @property
    def overlap(self) -> np.ndarray:
        return self.zone == -2

    def pieces_of(self, parcel_index: int) -> np.ndarray:
        return np.flatnonzero(self.parcel == parcel_index)


def valid_on(valid_from, valid_to, as_of: dt.date | None) -> np.ndarray:
    """Which zones are in force on `as_of`: valid_from <= as_of < valid_to (missing = open).

    `valid_to` is exclusive so that a plan version ending on the day its successor starts is
    never in force together with it. `as_of=None` keeps every zone.
    """
    n = len(valid_from)
    if as_of is None:
        return np.ones(n, dtype=bool)
    as_of = as_date(as_of)
    keep = np.ones(n, dtype=bool)
    for i, (start, end) in enumerate(zip(valid_from, valid_to)):
        start, end = as_date(start), as_date(end)
        if start is not None and start > as_of:
            keep[i] = False
        if end is not None and end <= as_of:
            keep[i] = False
    return keep




def polygonal(geometry):
    """The polygonal part of a geometry (a collection keeps only its polygons)."""
    if geometry is None:
        return None
    type_id = shapely.get_type_id(geometry)
    if type_id in _POLYGONAL:
        return geometry
    if type_id == 7:  # GeometryCollection
        parts = [g for g in shapely.get_parts(geometry) if shapely.get_type_id(g) in _POLYGONAL]
        if not parts:
            return shapely.Polygon()
        return parts[0] if len(parts) == 1 else shapely.union_all(parts)
    return shapely.Polygon()


def repair(geometries, kind: str, pool=None) -> tuple[np.ndarray, list]:
    """Valid polygonal copies of `geometries` and the list of repairs made (inputs untouched).

    `pool`: optional thread pool for the validity test.
    """
    geoms = np.asarray(geometries, dtype=object).copy()
    repairs: list[Repair] = []
    missing = shapely.is_missing(geoms)
    present = np.flatnonzero(~missing)
    valid = np.zeros(len(geoms), dtype=bool)
    if len(present):
        sub = geoms[present]
        valid[present] = np.concatenate(_map_chunks(
            pool, lambda lo, hi: shapely.is_valid(sub[lo:hi]) & ~shapely.is_empty(sub[lo:hi]), len(sub)))
    for i in np.flatnonzero(~valid):
        geometry = geoms[i]
        if geometry is None or shapely.is_empty(geometry):
            repairs.append(Repair(kind, int(i), "missing" if geometry is None else "empty", 0.0, 0.0, False))
            geoms[i] = None
            continue
        reason = shapely.is_valid_reason(geometry)
        before = float(shapely.area(geometry))
        fixed = polygonal(shapely.make_valid(geometry))
        after = 0.0 if fixed is None else float(shapely.area(fixed))
        ok = fixed is not None and not shapely.is_empty(fixed) and after > 0
        repairs.append(Repair(kind, int(i), reason, before, after, ok))
        geoms[i] = fixed if ok else None
    # keep only polygonal parts of valid inputs too (e.g. a zone stored as a collection)
    types = shapely.get_type_id(geoms)  # -1 for None
    for i in np.flatnonzero((types >= 0) & ~np.isin(types, _POLYGONAL)):
        geoms[i] = polygonal(geoms[i])
        if shapely.is_empty(geoms[i]):
            repairs.append(Repair(kind, int(i), "not a polygon", 0.0, 0.0, False))
            geoms[i] = None
    return geoms, repairs


def _map_chunks(pool, fn, n: int, size: int = CHUNK) -> list:
    """[fn(lo, hi) for consecutive chunks of range(n)], in order; run in `pool` (threads) when given."""
    spans = [(lo, min(lo + size, n)) for lo in range(0, n, max(int(size), 1))]
    if pool is None or len(spans) < 2:
        return [fn(lo, hi) for lo, hi in spans]
    return list(pool.map(lambda span: fn(*span), spans))


def default_workers() -> int:
    """Threads for the GEOS work: one per CPU (shapely's vectorised functions release the GIL)."""
    return max(1, os.cpu_count() or 1)


def find_zone_overlaps(zones, noise_m2: float = NOISE_M2, pool=None) -> list[tuple[int, int, float]]:
    """Pairs of zones (indices into `zones`, None allowed) whose interiors overlap, with the area.

    Pairs come from the bounding boxes; the DE-9IM test «interiors intersect» (cheaper than the
    intersection itself) leaves only the overlapping ones to intersect. `pool`: optional thread
    pool for the tests.
    """
    zones = np.asarray(zones, dtype=object)
    tree = shapely.STRtree(zones)
    left, right = tree.query(zones)
    keep = left < right
    left, right = left[keep], right[keep]
    if not len(left):
        return []
    parts = _map_chunks(pool, lambda lo, hi: shapely.relate_pattern(zones[left[lo:hi]], zones[right[lo:hi]],
                                                                       "T********"), len(left))
    inner = np.concatenate(parts)
    left, right = left[inner], right[inner]
    if not len(left):
        return []
    areas = shapely.area(shapely.intersection(zones[left], zones[right]))
    hit = areas > noise_m2
    return [(int(a), int(b), float(s)) for a, b, s in zip(left[hit], right[hit], areas[hit])]


def overlay(parcels, zones, *, registered_area=None, zone_active=None, sliver_abs_m2: float = 1.0,
            sliver_pct: float = 0.5, noise_m2: float = NOISE_M2, keep_geometry: bool = True,
            workers: int | None = None, block_size: int | None = None) -> OverlayResult:
    """Cut every parcel into zone pieces (see the module docstring).

    parcels, zones: sequences of shapely polygons/multipolygons (None allowed; invalid ones are
    repaired with make_valid and reported in `repairs`). registered_area: per parcel, None/NaN
    where unknown. zone_active: bool mask of zones to use (e.g. `valid_on(...)`). A piece is a
    sliver when its parcel has more than one piece and the piece is smaller than
    `sliver_abs_m2` or than `sliver_pct` % of the parcel. workers: threads for the GEOS work
    (default one per CPU; 1 runs everything in the calling thread); the result does not depend
    on `workers` nor on `block_size`.
    """
    if block_size is None:  # nobody consumes blocks as they come: a few large ones, two per thread
        threads = default_workers() if workers is None else max(1, int(workers))
        block_size = max(BLOCK_MIN, -(-len(parcels) // (2 * threads)))
    blocked = overlay_in_blocks(parcels, zones, registered_area=registered_area, zone_active=zone_active,
                                sliver_abs_m2=sliver_abs_m2, sliver_pct=sliver_pct, noise_m2=noise_m2,
                                keep_geometry=keep_geometry, workers=workers, block_size=block_size)
    return blocked.concat(list(blocked.blocks()))


def overlay_in_blocks(parcels, zones, *, registered_area=None, zone_active=None, sliver_abs_m2: float = 1.0,
                      sliver_pct: float = 0.5, noise_m2: float = NOISE_M2, keep_geometry: bool = True,
                      workers: int | None = None, block_size: int | None = None) -> BlockedOverlay:
    """The overlay of `overlay()`, prepared for computing in blocks of consecutive parcels.

    The repairs, zone overlaps and (for areas only) the zoned region are computed here, once;
    `BlockedOverlay.blocks()` then yields one OverlayResult per block of parcels, in parcel order,
    computing the next blocks in worker threads while the caller consumes (e.g. writes) the
    current one. Concatenated, the blocks are exactly `overlay()`'s result.
    """
    workers = default_workers() if workers is None else max(1, int(workers))
    pool = ThreadPoolExecutor(workers) if workers > 1 else None
    try:
        parcel_geoms, repairs = repair(parcels, "parcel", pool=pool)
        zone_geoms, zone_repairs = repair(zones, "zone", pool=pool)
        repairs += zone_repairs
        if zone_active is not None:
            zone_geoms = np.where(np.asarray(zone_active, dtype=bool), zone_geoms, None)
        zone_overlaps = find_zone_overlaps(zone_geoms, noise_m2, pool=pool)
        segments = halfplane.zone_segments(zone_geoms)
    finally:
        if pool is not None:
            pool.shutdown()
    n_parcels = len(parcel_geoms)
    parcel_area = np.full(n_parcels, np.nan)
    usable = ~shapely.is_missing(parcel_geoms)
    parcel_area[usable] = shapely.area(parcel_geoms[usable])
    in_overlap = np.zeros(len(zone_geoms), dtype=bool)
    for a, b, _ in zone_overlaps:
        in_overlap[a] = in_overlap[b] = True
    registered = np.full(n_parcels, np.nan)
    if registered_area is not None:
        registered = np.array([np.nan if v is None else float(v) for v in registered_area], dtype=float)
        registered[~(registered > 0)] = np.nan
    if block_size is None:
        # enough blocks to keep every worker and the consumer busy, not so many that the
        # per-block set-up (trees, zone copies) shows
        block_size = max(BLOCK_MIN, -(-n_parcels // (8 * workers))) if workers > 1 else max(n_parcels, 1)
    parcel_bounds, zone_bounds = shapely.bounds(parcel_geoms), shapely.bounds(zone_geoms)  # envelopes primed
    return BlockedOverlay(parcel_geoms=parcel_geoms, zone_geoms=zone_geoms, parcel_area=parcel_area,
                          parcel_bounds=parcel_bounds, zone_bounds=zone_bounds,
                          zone_tree=_built_tree(zone_geoms), edge_tree=_built_tree(segments.boxes),
                          usable=usable, registered=registered, in_overlap=in_overlap, segments=segments,
                          repairs=repairs, zone_overlaps=zone_overlaps, keep_geometry=keep_geometry,
                          sliver_abs_m2=sliver_abs_m2, sliver_pct=sliver_pct, noise_m2=noise_m2,
                          workers=workers, block_size=max(int(block_size), 1))


def _built_tree(geometries) -> shapely.STRtree:
    """An STRtree whose index is built now: GEOS builds it on the first query, which must not
    happen in several threads at once; once built, queries only read it."""
    tree = shapely.STRtree(geometries)
    tree.query(shapely.Point(0.0, 0.0))
    return tree


@dataclass
class BlockedOverlay:
    """Inputs prepared once for the overlay; see `overlay_in_blocks`."""

    parcel_geoms: np.ndarray
    zone_geoms: np.ndarray
    parcel_area: np.ndarray
    parcel_bounds: np.ndarray  # (n, 4) xmin, ymin, xmax, ymax; NaN for missing geometry
    zone_bounds: np.ndarray
    zone_tree: shapely.STRtree  # of zone_geoms, built
    edge_tree: shapely.STRtree  # of segments.boxes, built
    usable: np.ndarray
    registered: np.ndarray
    in_overlap: np.ndarray
    segments: halfplane.Segments
    repairs: list
    zone_overlaps: list
    keep_geometry: bool
    sliver_abs_m2: float
    sliver_pct: float
    noise_m2: float
    workers: int
    block_size: int

    def __len__(self) -> int:
        return len(self.parcel_geoms)

    def zone_singles(self) -> list[tuple[int]]:
        """(z,) for every zone index z, made once (the zone keys of the pieces share these tuples)."""
        singles = self.__dict__.get("_singles")
        if singles is None:
            singles = self.__dict__["_singles"] = [(z,) for z in range(len(self.zone_geoms))]
        return singles

    def spans(self) -> list[tuple[int, int]]:
        n = len(self.parcel_geoms)
        return [(lo, min(lo + self.block_size, n)) for lo in range(0, n, self.block_size)]

    def blocks(self):
        """One OverlayResult per block of consecutive parcels (global parcel indices), in order.

        With more than one worker the blocks are computed in a thread pool, ahead of the
        consumer; each worker then uses its own copies of the zones it prepares (GEOS prepared
        geometries build their indexes lazily and must not be shared between threads).
        """
        spans = self.spans()
        if self.workers == 1 or len(spans) < 2:
            for lo, hi in spans:
                yield self._block(lo, hi)
            return
        self.zone_singles()  # made here, before the workers share it
        zone_wkb = np.full(len(self.zone_geoms), None, dtype=object)
        present = np.flatnonzero(~shapely.is_missing(self.zone_geoms))
        zone_wkb[present] = shapely.to_wkb(self.zone_geoms[present])
        local = threading.local()

        def own_zones():  # this worker's copies, made once and prepared as the blocks need them
            if not hasattr(local, "zones"):
                local.zones = np.full(len(zone_wkb), None, dtype=object)
                local.zones[present] = shapely.from_wkb(zone_wkb[present])
            return local.zones

        with ThreadPoolExecutor(self.workers) as pool:
            jobs = [pool.submit(lambda lo=lo, hi=hi: self._block(lo, hi, own_zones())) for lo, hi in spans]
            try:
                for job in jobs:
                    yield job.result()
            finally:
                for job in jobs:
                    job.cancel()

    def concat(self, parts) -> OverlayResult:
        """The blocks joined into the result of the whole overlay."""
        parts = list(parts)

        def join(name, dtype):
            arrays = [getattr(p, name) for p in parts]
            return np.concatenate(arrays) if arrays else np.zeros(0, dtype=dtype)

        return OverlayResult(
            parcel=join("parcel", np.int64), zones=[z for p in parts for z in p.zones],
            area_m2=join("area_m2", float), share_pct=join("share_pct", float),
            share_registered_pct=join("share_registered_pct", float), sliver=join("sliver", bool),
            geometry=join("geometry", object), parcel_area_m2=self.parcel_area, repairs=self.repairs,
            zone_overlaps=self.zone_overlaps, zone_index=join("zone", np.int64))

    def _block(self, lo: int, hi: int, zone_geoms=None) -> OverlayResult:
        """The pieces of parcels lo..hi-1 (see the module docstring for the paths).

        zone_geoms: this thread's own copies of the zones (default: the shared ones, for one thread).
        """
        parcel_geoms = self.parcel_geoms[lo:hi]
        parcel_area = self.parcel_area[lo:hi]
        parcel_bounds = self.parcel_bounds[lo:hi]
        usable = self.usable[lo:hi]
        in_overlap, noise_m2, keep_geometry = self.in_overlap, self.noise_m2, self.keep_geometry
        segments = self.segments
        n_parcels = hi - lo
        if zone_geoms is None:
            zone_geoms = self.zone_geoms

        # Candidate pairs by bounding box, and the zone edges that meet each parcel's box (the
        # trees are shared and only read here).
        pair_parcel, pair_zone = self.zone_tree.query(parcel_geoms)
        edge_parcel, edge_seg = self.edge_tree.query(parcel_geoms)
        count, edge, corner_edge, convex = halfplane.crossing_edges(
            segments, parcel_bounds, pair_parcel, pair_zone, edge_parcel, edge_seg)
        n_pairs = len(pair_zone)
        covered = np.zeros(n_pairs, dtype=bool)
        hit = np.zeros(n_pairs, dtype=bool)
        area = np.full(n_pairs, np.nan)  # parcel ∩ zone, where known without GEOS
        piece = np.full(n_pairs, None, dtype=object)  # its polygon, where built without GEOS
        zb, pb = self.zone_bounds[pair_zone], parcel_bounds[pair_parcel]
        boxed = ((zb[:, 0] <= pb[:, 0]) & (zb[:, 1] <= pb[:, 1]) & (zb[:, 2] >= pb[:, 2]) & (zb[:, 3] >= pb[:, 3]))

        # (a) no zone edge meets the parcel's box: the box is wholly inside the zone or outside it
        none = np.flatnonzero((count == 0) & boxed)
        if len(none):
            shapely.prepare(zone_geoms[pair_zone[none]])
            cx = 0.5 * (pb[none, 0] + pb[none, 2])
            cy = 0.5 * (pb[none, 1] + pb[none, 3])
            covered[none] = shapely.intersects_xy(zone_geoms[pair_zone[none]], cx, cy)
        # (b) one edge, or two meeting at a corner of the zone: clip by half-planes (halfplane.py)
        one = np.flatnonzero(count == 1)
        corner = np.flatnonzero(corner_edge >= 0)
        for ids, corner_args in ((one, None), (corner, (corner_edge[corner], convex[corner]))):
            if not len(ids):
                continue
            result = halfplane.clip(parcel_geoms[pair_parcel[ids]], segments, edge[ids],
                                    *(corner_args or ()), geometry=keep_geometry)
            if corner_args is None:
                full, empty = result.all_inside, result.none_inside
            else:
                full = parcel_area[pair_parcel[ids]] - result.area <= noise_m2
                empty = result.area <= noise_m2
            covered[ids] = full
            crossing = ~full & ~empty
            hit[ids[crossing]] = True
            area[ids[crossing]] = result.area[crossing]
            if keep_geometry:
                piece[ids[crossing]] = result.geometry[crossing]
        hit |= covered
        # (c) the rest (several zone edges in the box): GEOS, unless a clean zone covers the parcel
        # (a zone that overlaps no other zone and covers the parcel leaves the others its boundary)
        clean = np.zeros(n_parcels, dtype=bool)
        clean[pair_parcel[covered & ~in_overlap[pair_zone]]] = True
        rest = np.flatnonzero((count >= 2) & (corner_edge < 0) & ~clean[pair_parcel])
        if len(rest):
            shapely.prepare(zone_geoms[pair_zone[rest]])
            inside = boxed[rest]
            covered[rest[inside]] = shapely.covers(zone_geoms[pair_zone[rest[inside]]],
                                                   parcel_geoms[pair_parcel[rest[inside]]])
            hit[rest] = covered[rest]
            check = rest[~covered[rest]]
            hit[check] = shapely.intersects(zone_geoms[pair_zone[check]], parcel_geoms[pair_parcel[check]])
        keep = hit & ~(clean[pair_parcel] & ~covered)
        pair_parcel, pair_zone, covered = pair_parcel[keep], pair_zone[keep], covered[keep]
        area, piece = area[keep], piece[keep]

        # parcels touched by two or more overlapping zones take the per-parcel path
        flagged = in_overlap[pair_zone]
        slow_count = np.bincount(pair_parcel[flagged], minlength=n_parcels)
        slow = slow_count >= 2
        fast = ~slow[pair_parcel]
        pair_parcel, pair_zone, covered = pair_parcel[fast], pair_zone[fast], covered[fast]
        area, piece = area[fast], piece[fast]

        out_parcel, out_zones, out_area, out_geom, out_zone = [], [], [], [], []
        singles = self.zone_singles()  # the key (z,) of every zone, made once: rows share them

        # 1. parcels covered by one zone: no overlay at all
        covered_parcels = np.zeros(n_parcels, dtype=bool)
        covered_parcels[pair_parcel[covered]] = True
        cp, cz = pair_parcel[covered], pair_zone[covered]
        # a parcel could be "covered" by two identical zones only if they overlap: excluded above
        out_parcel.append(cp)
        out_zone.append(cz)
        out_zones.extend(map(singles.__getitem__, cz.tolist()))
        out_area.append(parcel_area[cp])
        out_geom.append(parcel_geoms[cp] if keep_geometry else np.full(len(cp), None, dtype=object))

        # 2. boundary-crossing pairs: areas (and pieces) from the clipping, GEOS for the others
        rest = ~covered_parcels[pair_parcel]
        rp, rz, areas, pieces = pair_parcel[rest], pair_zone[rest], area[rest], piece[rest]
        order = np.argsort(rp, kind="stable")
        rp, rz, areas, pieces = rp[order], rz[order], areas[order], pieces[order]
        missing = np.isnan(areas)  # GEOS where the clipping gave no area, or (pieces wanted) no polygon
        if keep_geometry:
            missing |= shapely.is_missing(pieces)
        need = np.flatnonzero(missing)
        if len(need):
            cut = shapely.intersection(parcel_geoms[rp[need]], zone_geoms[rz[need]])
            areas[need] = shapely.area(cut)
            if keep_geometry:
                pieces[need] = cut
        real = areas > noise_m2
        rp, rz, areas = rp[real], rz[real], areas[real]
        out_parcel.append(rp)
        out_zone.append(rz)
        out_zones.extend(map(singles.__getitem__, rz.tolist()))
        out_area.append(areas)
        if keep_geometry:
            pieces = pieces[real]
            types = shapely.get_type_id(pieces)
            odd = ~np.isin(types, _POLYGONAL)
            if odd.any():
                pieces = pieces.copy()
                pieces[odd] = [polygonal(g) for g in pieces[odd]]
            out_geom.append(pieces)
        else:
            out_geom.append(np.full(len(rp), None, dtype=object))

        # 3. unzoned remainders of the fast-path parcels (the zones on this path do not overlap, so
        # the remainder is the parcel's area less its pieces; its polygon only when wanted)
        zoned = halfplane.sum_by(rp, areas, n_parcels)
        zoned[covered_parcels] = parcel_area[covered_parcels]
        remainder = np.where(usable & ~slow, parcel_area - zoned, 0.0)
        partial = np.flatnonzero(remainder > noise_m2)
        if len(partial) and not keep_geometry:
            out_parcel.append(partial)
            out_zone.append(np.full(len(partial), -1))
            out_zones.extend([()] * len(partial))
            out_area.append(remainder[partial])
            out_geom.append(np.full(len(partial), None, dtype=object))
        elif len(partial):
            order = np.argsort(rp, kind="stable")
            starts = np.searchsorted(rp[order], partial, side="left")
            ends = np.searchsorted(rp[order], partial, side="right")
            rest_geoms = np.empty(len(partial), dtype=object)
            count = ends - starts
            none = count == 0
            rest_geoms[none] = parcel_geoms[partial[none]]
            one = count == 1
            if one.any():  # the usual case, in one vectorised call
                rest_geoms[one] = shapely.difference(parcel_geoms[partial[one]], zone_geoms[rz[order[starts[one]]]])
            for k in np.flatnonzero(count > 1):
                zone_ids = rz[order[starts[k]:ends[k]]]
                rest_geoms[k] = shapely.difference(parcel_geoms[partial[k]], shapely.union_all(zone_geoms[zone_ids]))
            rest_areas = shapely.area(rest_geoms)
            real = rest_areas > noise_m2
            out_parcel.append(partial[real])
            out_zone.append(np.full(int(real.sum()), -1))
            out_zones.extend([()] * int(real.sum()))
            out_area.append(rest_areas[real])
            rest_geoms = rest_geoms[real]
            odd = ~np.isin(shapely.get_type_id(rest_geoms), _POLYGONAL)
            rest_geoms[odd] = [polygonal(g) for g in rest_geoms[odd]]
            out_geom.append(rest_geoms)

        # 4. parcels with overlapping zones: disjoint cells keyed by the set of zones covering them
        if slow.any():
            all_parcel, all_zone = shapely.STRtree(zone_geoms).query(parcel_geoms[slow], predicate="intersects")
            slow_ids = np.flatnonzero(slow)
            for local, p in enumerate(slow_ids):
                zone_ids = all_zone[all_parcel == local]
                for zones_key, geometry in _cells(parcel_geoms[p], zone_geoms, zone_ids, noise_m2):
                    out_parcel.append(np.array([p]))
                    out_zone.append(np.array([zones_key[0] if len(zones_key) == 1 else (-1 if not zones_key else -2)]))
                    out_zones.append(zones_key)
                    area = float(shapely.area(geometry))
                    out_area.append(np.array([area]))
                    out_geom.append(np.array([geometry if keep_geometry else None], dtype=object))

        parcel_idx = np.concatenate(out_parcel).astype(np.int64)
        area = np.concatenate(out_area).astype(float)
        geometry = np.concatenate(out_geom)
        zone_index = np.concatenate(out_zone).astype(np.int64)

        order = np.lexsort((-area, parcel_idx))
        parcel_idx, area, geometry, zone_index = parcel_idx[order], area[order], geometry[order], zone_index[order]
        zones_list = list(map(out_zones.__getitem__, order.tolist()))

        share = 100.0 * area / parcel_area[parcel_idx]
        share_registered = 100.0 * area / self.registered[lo:hi][parcel_idx]
        pieces_per_parcel = np.bincount(parcel_idx, minlength=n_parcels)
        sliver = (pieces_per_parcel[parcel_idx] > 1) & ((area < self.sliver_abs_m2) | (share < self.sliver_pct))

        return OverlayResult(
            parcel=parcel_idx + lo,
            zones=zones_list,
            area_m2=area,
            share_pct=share,
            share_registered_pct=share_registered,
            sliver=sliver,
            geometry=geometry,
            parcel_area_m2=self.parcel_area,
            repairs=self.repairs,
            zone_overlaps=self.zone_overlaps,
            zone_index=zone_index,
        )


def _cells(parcel, zone_geoms, zone_ids, noise_m2):
    """Disjoint pieces of `parcel` keyed by the sorted tuple of zones covering each piece."""
    cells: list[tuple[frozenset, object]] = []
    for z in sorted(int(z) for z in zone_ids):
        piece = polygonal(shapely.intersection(parcel, zone_geoms[z]))
        if piece is None or shapely.area(piece) <= noise_m2:
            continue
        new_cells = []
        remaining = piece
        for key, geometry in cells:
            both = polygonal(shapely.intersection(geometry, piece))
            only_old = polygonal(shapely.difference(geometry, piece))
            if shapely.area(both) > noise_m2:
                new_cells.append((key | {z}, both))
                remaining = polygonal(shapely.difference(remaining, geometry))
                if shapely.area(only_old) > noise_m2:
                    new_cells.append((key, only_old))
            else:
                new_cells.append((key, geometry))
        if shapely.area(remaining) > noise_m2:
            new_cells.append((frozenset({z}), remaining))
        cells = new_cells
    covered = shapely.union_all([g for _, g in cells]) if cells else shapely.Polygon()
    rest = polygonal(shapely.difference(parcel, covered))
    out = [(tuple(sorted(key)), geometry) for key, geometry in cells]
    if shapely.area(rest) > noise_m2:
        out.append(((), rest))
    return out


def result_from_areas(parcel, zone, area, parcel_area, registered_area=None, *, sliver_abs_m2: float = 1.0,
                      sliver_pct: float = 0.5, noise_m2: float = NOISE_M2, repairs=(),
                      zone_overlaps=()) -> OverlayResult:
    """`overlay()`'s result (without geometries) from parcel × zone areas computed elsewhere.

    For zones that do not overlap one another (e.g. the areas computed by PostGIS in
    `layers/indatabase.py`): `parcel`, `zone`, `area` give per parcel × zone the index of the
    parcel and of the zone and the area of their intersection; `parcel_area` the area of every
    parcel (NaN where it has no usable geometry). The unzoned rest of a parcel is its area less
    its zoned pieces; pieces of `noise_m2` or less are left out, as `overlay()` does, and the
    shares, slivers and the order (by parcel, then by decreasing area) are `overlay()`'s.
    """
    parcel = np.asarray(parcel, dtype=np.int64)
    zone = np.asarray(zone, dtype=np.int64)
    area = np.asarray(area, dtype=float)
    parcel_area = np.asarray(parcel_area, dtype=float)
    n = len(parcel_area)
    keep = area > noise_m2
    parcel, zone, area = parcel[keep], zone[keep], area[keep]
    rest = parcel_area - np.bincount(parcel, weights=area, minlength=n)
    rest_of = np.flatnonzero(~np.isnan(parcel_area) & (rest > noise_m2))
    parcel = np.concatenate([parcel, rest_of])
    zone = np.concatenate([zone, np.full(len(rest_of), -1, dtype=np.int64)])
    area = np.concatenate([area, rest[rest_of]])
    order = np.lexsort((-area, parcel))
    parcel, zone, area = parcel[order], zone[order], area[order]
    registered = np.full(n, np.nan)
    if registered_area is not None:
        registered = np.array([np.nan if v is None else float(v) for v in registered_area], dtype=float)
        registered[~(registered > 0)] = np.nan
    share = 100.0 * area / parcel_area[parcel]
    pieces_per_parcel = np.bincount(parcel, minlength=n)
    sliver = (pieces_per_parcel[parcel] > 1) & ((area < sliver_abs_m2) | (share < sliver_pct))
    return OverlayResult(
        parcel=parcel, zones=[(z,) if z >= 0 else () for z in zone.tolist()], area_m2=area, share_pct=share,
        share_registered_pct=100.0 * area / registered[parcel], sliver=sliver,
        geometry=np.full(len(parcel), None, dtype=object), parcel_area_m2=parcel_area, repairs=list(repairs),
        zone_overlaps=list(zone_overlaps), zone_index=zone)
