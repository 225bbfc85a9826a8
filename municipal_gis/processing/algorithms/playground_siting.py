"""Optimal sites for new playgrounds (maximal coverage, set covering or p-median).

The siting body is shared with `bike_station_siting` (`processing/siting_base.py`); the models live in
`municipal_gis.core.siting` and the steps after the solver in `municipal_gis.core.siting_plan`.
"""

from __future__ import annotations

from municipal_gis.processing.siting_base import SitingAlgorithm


class PlaygroundSiting(SitingAlgorithm):
    ALGORITHM_ID = "playground_siting"
    GROUP_ID = "siting"
    CATALOGUE_LAYERS = {SitingAlgorithm.DEMAND: "census_block", SitingAlgorithm.EXISTING: "playground",
                        SitingAlgorithm.CANDIDATES: "municipal_property", SitingAlgorithm.ZONING: "land_use_zone",
                        SitingAlgorithm.STREETS: "street"}
    DEFAULT_K = 9
    DEFAULT_WALK = 400.0
    DEFAULT_SPACING = 0.0
    DEFAULT_MIN_AREA = 200.0
    # land-use categories (ΠΔ 59/2018) in which the use is allowed
    ALLOWED_ZONES = ("open_space_green", "community_facilities")

    def displayName(self):  # noqa: N802
        return self.tr("Optimal sites for new playgrounds")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Chooses new sites among CANDIDATES so that as many people as possible live within walking "
            "distance, keeping the EXISTING facilities.\n\n"
            "MODEL: 0 maximal coverage (NEW_SITES sites, most population within MAX_WALK_M); 1 set covering "
            "(fewest sites so that everyone who can be reached is within MAX_WALK_M; NEW_SITES is ignored); "
            "2 p-median (NEW_SITES sites, least total walking; a walk longer than twice MAX_WALK_M counts as "
            "twice MAX_WALK_M, and the walk to an existing facility is the most anyone is charged).\n\n"
            "The problem is first shrunk (demand units that reach the same candidates merged, dominated "
            "candidates removed), then solved by a greedy + swap heuristic, an upper bound (Lagrangian "
            "relaxation or linear programme) and, when that does not already prove optimality, the exact "
            "MILP solver HiGHS within TIME_LIMIT_S (or until the proven gap is at most GAP_TARGET_PCT, for "
            "maximal coverage). Results: OBJECTIVE (population newly covered, number of "
            "sites, or person-metres walked), BEST_BOUND, GAP and OPTIMAL prove how good the answer is; "
            "SOLVED_BY says which method gave it.\n\n"
            "Demand polygons are represented by a point on their surface. Distances are walked on STREETS "
            "when given (straight line otherwise). CANDIDATES may be points or polygons (a point on the "
            "surface stands for the site). When CANDIDATES is the municipal property layer (fields status "
            "and property_type), only vacant land or common space of at least MIN_AREA_M2 is used, and "
            "with a ZONING layer (field category_code) only sites in zones that allow the use. "
            "MIN_SPACING_M keeps new sites apart from each other and from existing ones (straight line).\n\n"
            "Outputs: OUTPUT the chosen sites with their rank and the population each adds; "
            "DEMAND_OUTPUT each demand unit with its assigned site and walk; CURVE the population covered "
            "for 1, 2, … new sites (greedy + swap, with an upper bound), to show where more sites stop "
            "paying off.")
