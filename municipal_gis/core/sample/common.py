"""What every part of the sample generator shares: the town's centre and size limits, the `Table`
it returns, cancellation and the reference date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from municipal_gis.core.sample.geometry import _as_multi
from municipal_gis.schema import catalogue

CENTRE = (462000.0, 4548500.0)  # Πλατεία Ελευθερίας, ΕΓΣΑ87
MIN_PARCELS = 1000  # below this the town has no room for all the named places
MAX_PARCELS = 500_000
EXPIRING_DAYS = 90
PROGRAMME_CSV = ("sample", "technical_programme_rows_serres_2019.csv")


@dataclass
class Table:
    layer_id: str  # a catalogue layer id
    records: list[dict]  # keys = catalogue field names of that layer
    geometries: list | None  # shapely geometries parallel to records; None for tables

    @classmethod
    def of(cls, layer_id: str, records: list[dict], geometries=None) -> Table:
        """A table of the catalogue layer `layer_id`; polygons become MultiPolygons where the layer
        wants them."""
        if geometries is not None and catalogue.layer(layer_id).geometry == "MultiPolygon":
            geometries = list(_as_multi(geometries)) if len(geometries) else []
        return cls(layer_id, records, list(geometries) if geometries is not None else None)


class GenerationCancelled(Exception):
    """Raised when the feedback object reports that the user cancelled."""


def reference_date(year: int) -> date:
    """The date lease statuses and playground certificates are judged against."""
    return date(year, 12, 31)
