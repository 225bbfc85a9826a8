"""Reading the inputs of the siting algorithms (`service_coverage`, `playground_siting`,
`bike_station_siting`): demand with its population, points standing for features, the street network.

The input adapter half of siting (the pure half is `core.siting_plan.from_cost_matrix`). Each function takes
the running algorithm, which defines the parameter names it reads (DEMAND, POPULATION_FIELD, STREETS).
"""

from __future__ import annotations

import numpy as np
import shapely

from municipal_gis.core import network as net
from municipal_gis.core.siting_plan import MAX_PEOPLE, id_list, site_points
from municipal_gis.core.values import NOT_FINITE, TOO_LARGE, check_number
from municipal_gis.i18n import tr


def read_points(alg, source, crs, context, feedback, name, fields=None):
    """(fids, point geometries, xy, original geometries, attributes) of features with a geometry."""
    data = alg.read_source(source, fields or [], feedback)  # in the working CRS, as `crs`
    pts = site_points(data.geometries)
    ok = np.array([p is not None for p in pts], dtype=bool)
    if (~ok).any():
        feedback.pushWarning(tr("Layer {layer}: features without geometry are skipped: {ids}.").format(
            layer=name, ids=id_list(data.fids[~ok])))
    xy = shapely.get_coordinates(pts[ok]).reshape(-1, 2) if ok.any() else np.zeros((0, 2))
    attrs = {k: [v for v, keep in zip(vals, ok) if keep] for k, vals in data.attributes.items()}
    return data.fids[ok], pts[ok], xy, data.geometries[ok], attrs


def read_demand(alg, parameters, context, feedback, crs, field_key=None, extra_fields=()):
    """Demand units (parameter DEMAND) with their population (parameter `field_key`, by default
    POPULATION_FIELD); NULL, non-numeric or negative population counts as 0."""
    source = alg.required_source(parameters, alg.DEMAND, context)
    name = alg.layer_name(source)
    pop_field = alg.parameterAsString(parameters, field_key or alg.POPULATION_FIELD, context)
    alg.require_fields(source, [pop_field])
    fields = [pop_field] + [f for f in extra_fields if f and f != pop_field]
    fids, pts, xy, geoms, attrs = read_points(alg, source, crs, context, feedback, name, fields)
    if not len(fids):
        alg.fail(tr("Layer {layer} has no features with a geometry.").format(layer=name))
    pop = np.zeros(len(fids))
    null_ids, neg_ids = [], []
    for i, value in enumerate(attrs[pop_field]):
        number, reason = check_number(value, maximum=MAX_PEOPLE)
        if reason in (NOT_FINITE, TOO_LARGE):
            # NaN, inf or 1e300 people: named on its row, never carried into the totals or the solver
            feedback.pushWarning(tr("Layer {layer}, feature {fid}, field {field}: population {value} {problem}; "
                                    "counted as 0.").format(layer=name, fid=int(fids[i]), field=pop_field,
                                                            value=repr(value), problem=alg.number_problem(reason)))
        elif number is None:
            null_ids.append(fids[i])
        elif number < 0:
            neg_ids.append(fids[i])
        else:
            pop[i] = number
    if null_ids:
        feedback.pushWarning(tr("Layer {layer}, field {field}: population is empty or not a number in "
                                "features {ids}; counted as 0.").format(layer=name, field=pop_field,
                                                                        ids=id_list(null_ids)))
    if neg_ids:
        feedback.pushWarning(tr("Layer {layer}, field {field}: population is negative in features {ids}; "
                                "counted as 0.").format(layer=name, field=pop_field, ids=id_list(neg_ids)))
    return source, name, fids, pts, xy, geoms, attrs, pop


def read_streets(alg, parameters, context, feedback, crs):
    """The street network, or None (straight-line distances) when STREETS is not given."""
    source = alg.parameterAsSource(parameters, alg.STREETS, context)
    if source is None:
        feedback.pushInfo(tr("No street layer: straight-line distances are used."))
        return None
    data = alg.read_source(source, [], feedback)  # in the working CRS, as `crs`
    lines = [g for g in data.geometries if g is not None]
    network = net.StreetNetwork(lines)
    if not network:
        feedback.pushWarning(tr("Layer {layer} has no usable street lines: straight-line distances are used.")
                             .format(layer=alg.layer_name(source)))
        return None
    feedback.pushInfo(tr("Street network: {nodes} nodes, {edges} segments.").format(
        nodes=network.n_nodes, edges=network.n_edges))
    return network


def warn_off_network(feedback, att, fids, name, max_walk):
    off = ~att.ok
    if off.any():
        feedback.pushWarning(tr("Layer {layer}: features {ids} are more than {dist} m from any street and are "
                                "left out.").format(layer=name, ids=id_list(fids[off]), dist=round(max_walk)))
