"""The geometry of a topographic diagram (τοπογραφικό διάγραμμα): numbered vertices, sides, scale.

Vertices are numbered 1, 2, … clockwise, starting from the northernmost vertex (westernmost
among equals), as surveyors usually do; a closing vertex equal to the first is not repeated.
Coordinates are the polygon's own (ΕΓΣΑ87 metres), untouched: only the order changes.
Multipolygons are numbered part after part; holes are listed after their outer ring.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import shapely
from shapely.geometry import LinearRing

__all__ = ["Vertex", "Side", "DiagramGeometry", "diagram_geometry", "choose_scale", "grid_interval",
           "STANDARD_SCALES"]

STANDARD_SCALES = (200, 250, 500, 1000)
FALLBACK_SCALES = (2000, 2500, 5000, 10000, 20000)
_NICE = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000)


@dataclass(frozen=True)
class Vertex:
    number: int
    x: float
    y: float
    ring: int  # 0, 1, … over all rings of all parts


@dataclass(frozen=True)
class Side:
    start: int  # vertex numbers
    end: int
    length_m: float


@dataclass(frozen=True)
class DiagramGeometry:
    vertices: list[Vertex]
    sides: list[Side]
    area_m2: float
    perimeter_m: float
    bounds: tuple[float, float, float, float]


def _ring_points(ring, clockwise: bool):
    coords = list(ring.coords)
    if len(coords) > 1 and coords[0] == coords[-1]:
        coords = coords[:-1]
    cleaned = []
    for point in coords:
        if not cleaned or point[:2] != cleaned[-1][:2]:
            cleaned.append(point[:2])
    if len(cleaned) > 1 and cleaned[0] == cleaned[-1]:
        cleaned.pop()
    if len(cleaned) >= 3 and LinearRing(cleaned).is_ccw == clockwise:
        cleaned.reverse()
    start = max(range(len(cleaned)), key=lambda i: (cleaned[i][1], -cleaned[i][0]))
    return cleaned[start:] + cleaned[:start]


def diagram_geometry(geometry) -> DiagramGeometry:
    """Numbered vertices and sides of a polygon or multipolygon."""
    if geometry is None or geometry.is_empty or geometry.geom_type not in ("Polygon", "MultiPolygon"):
        raise ValueError("a topographic diagram needs a polygon")
    parts = list(geometry.geoms) if geometry.geom_type == "MultiPolygon" else [geometry]
    vertices, sides = [], []
    ring_no = 0
    for part in parts:
        for k, ring in enumerate([part.exterior, *part.interiors]):
            points = _ring_points(ring, clockwise=(k == 0))
            first = len(vertices) + 1
            for x, y in points:
                vertices.append(Vertex(len(vertices) + 1, float(x), float(y), ring_no))
            n = len(points)
            for i in range(n):
                a, b = vertices[first - 1 + i], vertices[first - 1 + (i + 1) % n]
                sides.append(Side(a.number, b.number, math.hypot(b.x - a.x, b.y - a.y)))
            ring_no += 1
    return DiagramGeometry(vertices, sides, float(geometry.area), float(shapely.length(geometry)),
                           tuple(float(v) for v in geometry.bounds))


def choose_scale(width_m: float, height_m: float, frame_width_mm: float, frame_height_mm: float,
                 margin: float = 0.15, scales=STANDARD_SCALES, fallback=FALLBACK_SCALES,
                 round_to: int = 1000) -> tuple[int, bool]:
    """The largest of the standard `scales` (default 1:200 … 1:1000) at which the extent, plus
    `margin` on each side, fits the map frame. Returns ``(denominator, standard)``; when even the
    smallest standard scale is too large, the first `fallback` scale that fits, else the needed
    scale rounded up to `round_to`, with ``standard=False``."""
    need_w = max(width_m, 1e-9) * (1 + 2 * margin) * 1000.0
    need_h = max(height_m, 1e-9) * (1 + 2 * margin) * 1000.0
    for scale in scales:
        if need_w / scale <= frame_width_mm and need_h / scale <= frame_height_mm:
            return scale, True
    for scale in fallback:
        if need_w / scale <= frame_width_mm and need_h / scale <= frame_height_mm:
            return scale, False
    return int(math.ceil(max(need_w / frame_width_mm, need_h / frame_height_mm) / round_to) * round_to), False


def grid_interval(scale: int, paper_mm: float = 40.0) -> float:
    """A round grid interval in metres, about `paper_mm` apart on paper."""
    target = scale * paper_mm / 1000.0
    for value in _NICE:
        if value >= target:
            return float(value)
    return float(_NICE[-1])
