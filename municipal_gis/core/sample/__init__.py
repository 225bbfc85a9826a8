"""A synthetic but realistic sample municipality around Serres (EPSG:2100), pure numpy + shapely 2.

`generate(parcels, seed, year)` returns one `Table` per catalogue layer. The same seed gives the
same output bit for bit (everything is drawn from one `numpy.random.default_rng(seed)` in a fixed
order; no hashing of strings, no set iteration).

How the town is built
- The city is a perturbed, slightly warped and rotated street grid around Πλατεία Ελευθερίας
  (E 462 000, N 4 548 500). Quads of the grid are kept in order of an irregular radial score until
  the wanted parcel count is reached, so the town grows with `parcels`. Two diagonal avenues
  (Εξοχών and Κωνσταντινουπόλεως) radiate from one junction and cut their quads corner to corner.
- Streets are the grid edges (and diagonals) as two-point LineStrings from node to node, so every
  junction is a shared end point (network-ready). Roads to the villages start and end on nodes.
- A city block (Ο.Τ.) is its quad or triangle shrunk by half a street width (5–7 m, so streets
  are 10–14 m wide). Parcels split each block exactly: the block is cut in two back-to-back rows
  along its long axis (one row for narrow or triangular blocks), each row into frontage strips.
  The parcels are built in numpy from vertices computed once per block edge and cut line
  (`_subdivide`), so neighbours share bit-identical vertices, with no T-junctions: the parcels of
  a block neither overlap nor leave gaps (GEOS `overlaps` is false for every pair) and their
  areas add up to the block's to ~1e-11.
- Villages (Τοπικές Κοινότητες) are small grids 2.5–4 km beyond the city edge, each with its own
  blocks and parcels (about 0.8 % of the parcels each, at least 12).
- Land-use zones (ΓΠΣ Σερρών, 2010) group whole quads (to the street centre lines), except one
  to three zones split by a straight line across blocks by a 2016 amendment: those edges cut
  parcels. Superseded zones overlap the zones in force on purpose, so that tools which must
  pick the plan in force at a date have something to choose from: the 1985 town-centre zone
  (valid_to 2010-05-11) and each zone as it was before the 2016 split (valid_to 2016-06-28).
  Zones in force (valid_to None) do not overlap each other and cover every parcel.
- Census blocks are groups of 2×3 quads; their indicators are binomial draws whose rates follow
  two spatially clustered deprivation bumps (a Roma neighbourhood in the east around Ανατολικής
  Θράκης and an older neighbourhood in the south-west), so hot-spot analysis finds them.
- Lease statuses are relative to the reference date 31 December of `year` (`reference_date`):
  active (ends more than 90 days later), expiring (ends within 90 days), expired (ended);
  vacant properties have an expired lease, an auction under way or nothing. Playground marks
  (`certified_until`) are valid or lapsed relative to the same date.

Codes and conventions
- ΚΑΕΚ: «62» + two-digit municipal unit (01 Σερρών, 02 Σκουτάρεως, 03 Μητρούση, 04 Λευκώνα) +
  five-digit block serial within the unit + three-digit parcel serial within the block.
- Ο.Τ. numbers run north to south, west to east in each settlement; the second triangle of a
  quad cut by an avenue, and about 3 % of later subdivisions, carry a Greek suffix («57Α»).
- Census block codes: unit code + five-digit serial. Shares are fractions 0…1 of their base
  (unemployed / labour force, low education / adults 25–64, overcrowded / households,
  non-nationals / population, pre-1980 / dwellings), None when the base is 0.
- `street_class`: primary, local, pedestrian (Κ. Καραμανλή) or interurban (roads to the villages
  and the national road, not walkable; everything else is walkable).
- Every municipal property is a whole parcel (same geometry and ΚΑΕΚ) whose `owner_type` is
  municipal, and every municipal parcel is a property.
- Programme rows come from `resources/sample/technical_programme_rows_serres_2019.csv` through
  `core.programme.read_programme_rows`; dates become `datetime.date`. The CSV has no phase
  column, so a missing status is set to «continuing» for Σ rows and «approved» for rows funded
  by the ΣΒΑΑ, ΦΙΛΟΔΗΜΟΣ ΙΙ, the ROP or INTERREG; the rest keep None. Projects with a place on
  the map get a MultiPolygon footprint (Ερμού pavements + ΟΠ 209Α + Πλατεία Ελευθερίας for Φάση Ι,
  playground and bike-station sites, air-quality and audible-signal points, municipal buildings…);
  the others have geometry None.

Layout of the package
- `common`: the town's centre and size limits, `Table`, `GenerationCancelled`, `reference_date`.
- `names`: names as data (streets, people, companies, villages, plans, zoning rules, property kinds).
- `geometry`: street grids, blocks and their exact subdivision into parcels.
- `town`: the `Town` every theme reads (and the few fields a theme leaves for later ones).
- the geometry steps, which fill in the town: `settlements` (grids and named places), `streets`
  (the network and its names), `cadastre` (blocks, parcels, ΚΑΕΚ, addresses).
- one module per theme, each `build_<theme>(town) -> {layer_id: Table}`: `zoning`, `census`
  (census blocks and communities), `property` (property, bequests; `leases`: leases and
  encroachments), `siting` (playgrounds, bike stations), `regeneration`, `programme`.
- `builder`: `generate`, which runs the steps and `THEMES` in their draw order.
`tests/test_sample_digest.py` pins the output: a reorganisation must leave its digests unchanged.
"""

from __future__ import annotations

from municipal_gis.core.sample.builder import generate
from municipal_gis.core.sample.common import (
    CENTRE,
    EXPIRING_DAYS,
    MAX_PARCELS,
    MIN_PARCELS,
    PROGRAMME_CSV,
    GenerationCancelled,
    Table,
    reference_date,
)
from municipal_gis.core.sample.names import *  # noqa: F403  (the names are part of the public surface)
from municipal_gis.core.sample.names import CITY_COMMUNITY, UNITS, VILLAGES, ZONE_RULES

__all__ = [
    "CENTRE", "CITY_COMMUNITY", "EXPIRING_DAYS", "MAX_PARCELS", "MIN_PARCELS", "PROGRAMME_CSV", "UNITS",
    "VILLAGES", "ZONE_RULES", "GenerationCancelled", "Table", "generate", "reference_date",
]
