"""`generate`: the town's geometry steps, then one builder per theme, in a fixed order.

A theme is a function `build_<theme>(town) -> dict[layer_id, Table]` in its own module. To add
a layer to the sample, write its theme module and put its builder in `THEMES` just before
`build_programme` (the last one, which draws nothing): the builders before it then draw the
same random numbers as before, so the other layers' digests do not change. A catalogue layer
no theme builds gets an empty table.
"""

from __future__ import annotations

from municipal_gis.core.sample.cadastre import cadastre_tables, survey
from municipal_gis.core.sample.census import build_census, build_communities
from municipal_gis.core.sample.common import GenerationCancelled, Table
from municipal_gis.core.sample.names import VILLAGES
from municipal_gis.core.sample.programme import build_programme, read_programme
from municipal_gis.core.sample.property import build_property
from municipal_gis.core.sample.regeneration import build_regeneration
from municipal_gis.core.sample.settlements import lay_out_city, lay_out_villages, village_size
from municipal_gis.core.sample.siting import build_bike_stations, build_playgrounds
from municipal_gis.core.sample.streets import lay_streets, street_table
from municipal_gis.core.sample.town import Town, new_town
from municipal_gis.core.sample.zoning import build_zoning
from municipal_gis.schema import catalogue

# (builder, progress in % once it has run, or None), in draw order; build_programme stays last
THEMES = (
    (build_zoning, 65),
    (build_census, None),
    (build_communities, 75),
    (build_property, 85),
    (build_playgrounds, None),
    (build_bike_stations, None),
    (build_regeneration, None),
    (build_programme, None),
)


class _Progress:
    def __init__(self, feedback):
        self.feedback = feedback

    def __call__(self, percent: float) -> None:
        if self.feedback is None:
            return
        if self.feedback.isCanceled():
            raise GenerationCancelled()
        self.feedback.setProgress(float(percent))


def build_town(parcels: int, seed: int, year: int, progress=None) -> Town:
    """The town's programme and geometry: settlements, streets, blocks and parcels (no tables yet)."""
    progress = progress or _Progress(None)
    town = new_town(parcels, seed, year)
    progress(0)
    n_village = village_size(town.parcels)
    town.programme = read_programme(town.year)
    lay_out_city(town, town.parcels - n_village * len(VILLAGES))
    progress(25)
    lay_out_villages(town, n_village)
    progress(35)
    lay_streets(town)
    survey(town)
    progress(55)
    return town


def generate(parcels: int = 5000, seed: int = 1, year: int = 2019, feedback=None) -> dict[str, Table]:
    """A sample municipality with about `parcels` parcels (exactly that many unless a rare sliver
    had to be merged), deterministic for a given seed. One `Table` per catalogue layer, in
    catalogue order. Raises `GenerationCancelled` when `feedback.isCanceled()` turns true and
    `ValueError` for a parcel count outside 1 000 … 500 000."""
    progress = _Progress(feedback)
    town = build_town(parcels, seed, year, progress)
    tables: dict[str, Table] = {}
    for build, percent in THEMES:
        tables.update(build(town))
        if percent is not None:
            progress(percent)
    # the parcels and streets last: the themes mark municipal parcels and link streets to projects
    tables.update(cadastre_tables(town))
    tables.update(street_table(town))
    out = {}
    for layer_id in catalogue.layer_ids():
        empty = Table(layer_id, [], [] if catalogue.layer(layer_id).is_spatial else None)
        out[layer_id] = tables.get(layer_id, empty)
    progress(100)
    return out
