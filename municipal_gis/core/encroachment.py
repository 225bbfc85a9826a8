"""Encroachments on municipal land and the fee for arbitrary use (τέλος αυθαίρετης χρήσης).

What is occupied (surveyed occupation polygons, fences closed into polygons, or private
parcels) is intersected with municipal property. Each connected polygon of the intersection is
one *piece*, with its area and the ΚΑΕΚ of the neighbouring private parcel it belongs to.
Pieces smaller than the tolerance are digitising noise and are returned apart.

Fee for a period: ``area_m2 × rate (€/m² per year) × days / 365``, where `days` counts both the
first and the last day of the period (1 Jan – 31 Dec 2023 is 365 days, 2024 is 366 days, so a
leap calendar year costs 366/365 of the yearly rate). Rounded to the cent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import shapely

__all__ = ["Piece", "encroached_pieces", "fee_eur", "period_days"]

DAY_COUNT_BASIS = 365


@dataclass(frozen=True)
class Piece:
    property_index: int  # index into the municipal geometries
    occupied_index: int  # index into the occupied geometries
    geometry: object  # shapely Polygon
    area_m2: float
    neighbour_kaek: str | None
    noise: bool


def period_days(start: dt.date, end: dt.date) -> int:
    """Days of the period, both ends included."""
    if end < start:
        raise ValueError("the period ends before it starts")
    return (end - start).days + 1


def fee_eur(area_m2: float, rate_eur_m2_year: float, start: dt.date, end: dt.date) -> float:
    """The arbitrary-use fee for `area_m2` over the period (see the module doc for the day count)."""
    return round(area_m2 * rate_eur_m2_year * period_days(start, end) / DAY_COUNT_BASIS, 2)


def _polygons(geometry):
    """The polygons of an intersection result (lines and points from touching are dropped)."""
    if geometry is None or geometry.is_empty:
        return []
    if geometry.geom_type == "Polygon":
        return [geometry]
    if geometry.geom_type in ("MultiPolygon", "GeometryCollection"):
        out = []
        for part in geometry.geoms:
            out.extend(_polygons(part))
        return out
    return []


def encroached_pieces(municipal, occupied, occupied_kaek=None, parcels=None, parcel_kaek=None,
                      tolerance_m2: float = 0.5) -> list[Piece]:
    """Pieces of municipal land covered by occupied polygons.

    `municipal`, `occupied`: sequences of shapely polygons (None allowed, skipped).
    `occupied_kaek`: ΚΑΕΚ of each occupied polygon when it is itself a parcel.
    `parcels` / `parcel_kaek`: private parcels used to name the neighbour of occupation polygons
    that carry no ΚΑΕΚ: the parcel sharing most area with the occupied polygon outside municipal
    land, else the nearest parcel to the piece.
    Pieces are sorted by property, then largest first.
    """
    municipal = np.asarray(list(municipal), dtype=object)
    occupied = np.asarray(list(occupied), dtype=object)
    valid_m = np.array([g is not None and not g.is_empty for g in municipal], dtype=bool)
    valid_o = np.array([g is not None and not g.is_empty for g in occupied], dtype=bool)
    if not valid_m.any() or not valid_o.any():
        return []
    m_idx = np.flatnonzero(valid_m)
    tree = shapely.STRtree(municipal[m_idx])
    o_idx = np.flatnonzero(valid_o)
    pairs = tree.query(occupied[o_idx], predicate="intersects")
    occ_i = o_idx[pairs[0]]
    mun_i = m_idx[pairs[1]]
    inter = shapely.intersection(occupied[occ_i], municipal[mun_i])
    parcel_tree = None
    if parcels is not None and len(parcels):
        parcels = np.asarray(list(parcels), dtype=object)
        keep = np.array([g is not None and not g.is_empty for g in parcels], dtype=bool)
        parcel_ids = np.flatnonzero(keep)
        parcel_tree = shapely.STRtree(parcels[parcel_ids])
    municipal_union = None
    pieces = []
    for o, m, geometry in zip(occ_i, mun_i, inter):
        polygons = _polygons(geometry)
        if not polygons:
            continue
        kaek = occupied_kaek[o] if occupied_kaek is not None else None
        if kaek is None and parcel_tree is not None:
            if municipal_union is None:
                municipal_union = shapely.union_all(municipal[m_idx])
            kaek = _neighbour_kaek(occupied[o], polygons, municipal_union, parcels, parcel_ids, parcel_tree,
                                   parcel_kaek)
        for polygon in polygons:
            area = float(polygon.area)
            pieces.append(Piece(int(m), int(o), polygon, area, kaek, area < tolerance_m2))
    pieces.sort(key=lambda p: (p.property_index, -p.area_m2, p.occupied_index))
    return pieces


def _neighbour_kaek(occupied, polygons, municipal_union, parcels, parcel_ids, tree, parcel_kaek):
    outside = occupied.difference(municipal_union)
    if not outside.is_empty:
        hits = parcel_ids[tree.query(outside, predicate="intersects")]
        if hits.size:
            areas = shapely.area(shapely.intersection(parcels[hits], outside))
            if areas.max() > 0:
                return parcel_kaek[int(hits[int(np.argmax(areas))])]
    piece = shapely.union_all(polygons)
    nearest = tree.query_nearest(piece, max_distance=5.0)
    if nearest.size:
        return parcel_kaek[int(parcel_ids[int(nearest[0])])]
    return None
