"""Reading technical-programme projects, their funding and their locations from a database.

Shared by the algorithms `programme_summary` and `funding_proposal_maps`. A project's location is its own footprint, otherwise the union of the features of
every layer tied to it through project_code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import shapely
from qgis.core import QgsFeatureRequest, QgsProcessingException

from municipal_gis.i18n import tr
from municipal_gis.qgisio.features import read_source
from municipal_gis.schema import catalogue

PROJECT_NAMES = ("project_code", "title", "kind", "status", "op_measure", "budget_eur", "year", "start_date",
                 "end_date", "ka_codes", "funding_sought")


@dataclass
class ProgrammeData:
    projects: list[dict]
    fundings: list[dict]  # project_code, funding_source, amount_eur
    locations: dict = field(default_factory=dict)  # project_code -> shapely geometry

    def fundings_of(self, code: str) -> list[dict]:
        return [f for f in self.fundings if f["project_code"] == code]


def _layer(location, info, layer_id):
    if layer_id not in info.tables:
        return None
    layer = location.qgs_layer(layer_id)
    if not layer.isValid():
        raise QgsProcessingException(tr("{db}: layer {layer} cannot be opened.").format(
            db=location.label, layer=layer_id))
    return layer


def read_programme_data(location, info, year: int = 0, feedback=None) -> ProgrammeData:
    """Projects of `year` (0: all), their funding rows and locations."""
    layer = _layer(location, info, "programme_project")
    if layer is None:
        raise QgsProcessingException(tr("{db} has no programme_project layer.").format(db=location.label))
    request = QgsFeatureRequest()
    if year:
        request.setFilterExpression(f'"year" = {int(year)}')
    try:
        data = read_source(layer, list(PROJECT_NAMES), feedback, request)
    except KeyError as exc:
        raise QgsProcessingException(tr("{db}, layer programme_project: field {field} is missing.").format(
            db=location.label, field=exc.args[0])) from exc
    projects, locations = [], {}
    for i in range(len(data)):
        project = {name: data.attributes[name][i] for name in PROJECT_NAMES}
        if not project["project_code"]:
            raise QgsProcessingException(tr(
                "{db}, layer programme_project, feature {fid}: field project_code is empty.").format(
                db=location.label, fid=int(data.fids[i])))
        projects.append(project)
        geometry = data.geometries[i]
        if geometry is not None and not shapely.is_empty(geometry):
            locations[project["project_code"]] = geometry
    codes = {p["project_code"] for p in projects}
    linked: dict[str, list] = {}
    for spec in catalogue.LAYERS:
        if not spec.project_link or not spec.is_spatial:
            continue
        linked_layer = _layer(location, info, spec.id)
        if linked_layer is None or linked_layer.fields().indexOf(catalogue.PROJECT_KEY) < 0:
            continue
        if feedback is not None and feedback.isCanceled():
            raise QgsProcessingException(tr("Cancelled by the user."))
        part = read_source(linked_layer, [catalogue.PROJECT_KEY], None,
                           QgsFeatureRequest().setFilterExpression('"project_code" IS NOT NULL'))
        for code, geometry in zip(part.attributes[catalogue.PROJECT_KEY], part.geometries):
            if code in codes and code not in locations and geometry is not None:
                linked.setdefault(code, []).append(geometry)
    for code, geometries in linked.items():
        locations[code] = shapely.union_all(geometries)
    fundings = []
    funding_layer = _layer(location, info, "project_funding")
    if funding_layer is not None:
        fdata = read_source(funding_layer, ["project_code", "funding_source", "amount_eur"], None,
                            with_geometry=False)
        for code, source, amount in zip(fdata.attributes["project_code"], fdata.attributes["funding_source"],
                                        fdata.attributes["amount_eur"]):
            if code in codes:
                fundings.append({"project_code": code, "funding_source": source, "amount_eur": amount})
    return ProgrammeData(projects, fundings, locations)


def read_areas(location, info):
    """(communities [(name, polygon)], city/villages [(label, polygon)], zones [(name, polygon)])."""
    communities, city, zones = [], [], []
    community_layer = _layer(location, info, "community")
    if community_layer is not None:
        data = read_source(community_layer, ["name", "is_city"], None)
        for fid, name, is_city, geometry in zip(data.fids, data.attributes["name"], data.attributes["is_city"],
                                                data.geometries):
            if geometry is None:
                continue
            communities.append((name or str(int(fid)), geometry))
            city.append(("city" if is_city else "villages", geometry))
    zone_layer = _layer(location, info, "regeneration_zone")
    if zone_layer is not None:
        data = read_source(zone_layer, ["name"], None)
        zones = [(name, g) for name, g in zip(data.attributes["name"], data.geometries) if g is not None]
    return communities, city, zones
