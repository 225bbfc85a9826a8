"""A small base class over the public `QgsProcessingAlgorithm`.

Every subclass's `processAlgorithm` runs behind `guard_outputs` (no output may replace an input or its
database; nothing is written before that check). Sources come through `parameterAsSource`, which refuses a
spatial layer without CRS and remembers the layer's name (`layer_name`), and are read with `read_source`
or `crs_request`, which transform them to `working_crs()`: ΕΓΣΑ87, or the first input's CRS when that is
projected in metres and not Mercator.

Subclasses set the class attributes `ALGORITHM_ID` (stable snake_case, equal to the module
name), `GROUP_ID` (a key of `_group_name`) and implement `displayName`, `shortHelpString`,
`initAlgorithm` and `processAlgorithm`. User errors raise `QgsProcessingException` with a
translated message that names the layer, feature and field.
"""

from __future__ import annotations

import functools
import os

import shapely
import shapely.errors
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeatureRequest,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsUnitTypes,
    QgsWkbTypes,
)
from qgis.PyQt.QtGui import QIcon

from municipal_gis.core import crs as crs_rules
from municipal_gis.core import outputs, values
from municipal_gis.i18n import tr
from municipal_gis.layers import integrity
from municipal_gis.paths import icon_path
from municipal_gis.qgisio import features as qgis_io

# ---------------------------------------------------------------------------------------------
# The checks every algorithm runs before it writes anything (issue 12): no output may replace an
# input; every spatial input has a CRS; geometries are compared and measured in one metric CRS.

def _text_of(value, context=None) -> list[str]:
    """The source/destination texts behind a parameter value (a layer, a definition, a property, a list)."""
    from qgis.core import (
        QgsMapLayer,
        QgsProcessingFeatureSourceDefinition,
        QgsProcessingOutputLayerDefinition,
        QgsProcessingUtils,
        QgsProperty,
    )

    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _text_of(item, context)]
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        value = value.source
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        value = value.sink
    if isinstance(value, QgsProperty):
        value = value.staticValue()
    if isinstance(value, QgsMapLayer):
        return [value.source()]
    if not isinstance(value, str):
        return []
    if context is not None and value and not os.path.exists(value.split("|")[0]):
        project = context.project()
        layer = project.mapLayer(value) if project is not None else None
        if layer is None:
            try:
                layer = QgsProcessingUtils.mapLayerFromString(value, context, False)
            except Exception:  # noqa: BLE001 - not a layer reference: the text itself
                layer = None
        if layer is not None:
            return [layer.source()]
    return [value]


def _layer_label(value, context=None) -> str | None:
    """The name a user knows a layer by: its name in the project, or the layer inside the file."""
    from qgis.core import QgsMapLayer, QgsProcessingFeatureSourceDefinition, QgsProperty

    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        value = value.source
    if isinstance(value, QgsProperty):
        value = value.staticValue()
    if isinstance(value, QgsMapLayer):
        return value.name()
    if not isinstance(value, str) or not value:
        return None
    if context is not None and context.project() is not None:
        layer = context.project().mapLayer(value)
        if layer is not None:
            return layer.name()
    location = outputs.parse_location(value)
    if location is None:
        return None
    if location.layer:
        return location.layer
    names = _file_layers(location.path)
    if len(names) >= 1 and not value.lower().endswith((".shp", ".csv", ".geojson", ".json")):
        return names[0]
    return os.path.splitext(location.file_name)[0] or None


def _file_layers(path: str) -> list[str]:
    """The layers in a data file (GeoPackage, …), in order; empty when it cannot be read."""
    if not os.path.isfile(path):
        return []
    try:
        from osgeo import gdal, ogr

        with gdal.quiet_errors() if hasattr(gdal, "quiet_errors") else _nullcontext():
            dataset = ogr.Open(path, 0)
            if dataset is None:
                return []
            return [dataset.GetLayer(i).GetName() for i in range(dataset.GetLayerCount())]
    except Exception:  # noqa: BLE001 - unreadable: no layers known
        return []


class _nullcontext:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


_INPUT_TYPES = {"source", "vector", "layer", "raster", "multilayer", "file", "string", "mesh", "pointcloud"}


def integrity_message(path: str, health) -> str:
    """What to tell the user about a GeoPackage that SQLite finds unsound (see layers/integrity.py)."""
    if health.problem == "hot_journal":
        return tr("{file} has an unfinished write left by a crash ({file}-journal) and it could not be rolled back "
                  "({detail}). The data saved before the crash is intact: make the file and its folder writable "
                  "(or copy both files to a writable folder) and run again; do not delete the -journal file.").format(
            file=path, detail=health.detail)
    if health.problem == "damaged":
        return tr("The GeoPackage file {file} is damaged (SQLite integrity check: {detail}); restore it from a "
                  "backup.").format(file=path, detail=health.detail or "?")
    return tr("{file} cannot be read: {detail}").format(file=path, detail=health.detail or health.problem)


def _guard_run(process):
    @functools.wraps(process)
    def guarded(self, parameters, context, feedback):
        self._run_context = context
        self._run_feedback = feedback
        self._run_parameters = parameters
        self.guard_numbers(parameters, context)
        parameters = self.guard_outputs(parameters, context)
        self.guard_journals(parameters, context, feedback)
        self._run_parameters = parameters
        try:
            return process(self, parameters, context, feedback)
        except OSError as exc:
            # an unwritable folder, a full disk, a path through a file: a message, never a traceback
            where = exc.filename or "?"
            raise QgsProcessingException(tr(
                "{file}: {reason}. Check that the folder exists, that you may write to it and that the disk "
                "is not full; nothing else was changed.").format(file=where, reason=exc.strerror or str(exc))) from exc
        except shapely.errors.GEOSException as exc:
            raise QgsProcessingException(tr(
                "A geometry could not be processed ({error}). Run “Check municipal database” or QGIS’s “Fix "
                "geometries” on the input layers; the inputs were not changed.").format(error=exc)) from exc

    guarded._municipal_guarded = True
    return guarded


class _NullSink:
    """Where the features of an optional output nobody asked for go."""

    def addFeature(self, *args, **kwargs):  # noqa: N802
        return True

    def addFeatures(self, *args, **kwargs):  # noqa: N802
        return True

    def flushBuffer(self):  # noqa: N802
        return True

    def lastError(self):  # noqa: N802
        return ""


def _group_name(group_id: str) -> str:
    # literal calls so that the extractor sees every group name
    names = {
        "database": tr("Database"),
        "certificates": tr("Land-use certificates"),
        "property": tr("Municipal property"),
        "programme": tr("Technical programme"),
        "siting": tr("Siting"),
        "regeneration": tr("Urban regeneration"),
        "editing": tr("Cadastral editing"),
    }
    return names[group_id]


def database_parameter(name: str, description: str, optional: bool = False):
    """A municipal database: a file picker for GeoPackages that also takes typed PostGIS text
    (``PG:service=… schema=…``), so both backends keep working from the dialog and from scripts."""
    from qgis.core import QgsProcessingParameterFile

    return QgsProcessingParameterFile(
        name, description, QgsProcessingParameterFile.Behavior.File, "", None, optional,
        tr("GeoPackage (*.gpkg);;All files (*)"))


class MunicipalAlgorithm(QgsProcessingAlgorithm):
    ALGORITHM_ID = ""
    GROUP_ID = "database"
    # True where the output states ΕΓΣΑ87 coordinates (a topographic diagram): always work in EPSG:2100
    ALWAYS_EGSA87 = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        process = cls.__dict__.get("processAlgorithm")
        if process is not None and not getattr(process, "_municipal_guarded", False):
            cls.processAlgorithm = _guard_run(process)

    def __init__(self):
        super().__init__()
        self._sources = {}  # id(source) -> (source, layer name)
        self._working_crs = None
        self._transformed = set()
        self._run_context = self._run_feedback = None
        self._run_parameters = {}

    def name(self):
        return self.ALGORITHM_ID

    def group(self):
        return _group_name(self.GROUP_ID)

    def groupId(self):  # noqa: N802
        return self.GROUP_ID

    def icon(self):
        return QIcon(str(icon_path()))

    def helpUrl(self):  # noqa: N802
        from municipal_gis.processing.reference import help_url

        return help_url(self.ALGORITHM_ID)

    # -- what the dialog preselects ------------------------------------------------------------
    # {parameter name: catalogue layer id}: in the dialog, a layer parameter preselects that layer of the
    # municipal database loaded in the project (else QGIS offers the active or the first layer); a
    # parameter named in DATABASE_PARAMETERS preselects the project's municipal GeoPackage. Only the
    # dialog's value: a script or qgis_process that leaves the parameter out still gets none.
    CATALOGUE_LAYERS: dict = {}
    DATABASE_PARAMETERS: tuple = ()

    def addParameter(self, parameter, createOutput=True):  # noqa: N802, N803
        if parameter.defaultValue() is None:
            default = self._project_default(parameter.name())
            if default is not None:
                parameter.setGuiDefaultValueOverride(default)
        return super().addParameter(parameter, createOutput)

    def _project_default(self, name: str):
        layer_id = self.CATALOGUE_LAYERS.get(name)
        if layer_id is None and name not in self.DATABASE_PARAMETERS:
            return None
        from qgis.core import QgsProject

        from municipal_gis.layers.project import municipal_layers

        found = municipal_layers(QgsProject.instance())
        if layer_id is not None:
            layer = found.get(layer_id)
            return layer.id() if layer is not None and layer.isValid() else None
        for layer in found.values():  # the file the layers are read from (absolute, however stored)
            database = layer.source().split("|", 1)[0] if layer.providerType() == "ogr" else ""
            if database.lower().endswith(".gpkg") and os.path.isfile(database):
                return database
        return None

    def tr(self, text):  # QGIS calls this name; route to the single context
        return tr(text)

    def createInstance(self):  # noqa: N802
        return type(self)()

    @staticmethod
    def fail(message: str):
        """Raise a user-facing error (message already translated and formatted)."""
        raise QgsProcessingException(message)

    @staticmethod
    def check_cancel(feedback):
        if feedback is not None and feedback.isCanceled():
            raise QgsProcessingException(tr("Cancelled by the user."))

    # -- the checks of issue 12 -----------------------------------------------------------------

    def _locations(self, parameters, context):
        """(inputs, outputs, parameters to run with): the files this run reads and writes, as
        [(parameter name, Location)]. A sink written as ``path|layername=new`` becomes the ``ogr:`` form
        QGIS understands (QGIS 3.22 would otherwise create a file named «path|layername=new.gpkg»)."""
        ins, outs = [], []
        parameters = dict(parameters)
        for definition in self.parameterDefinitions():
            name = definition.name()
            value = parameters.get(name)
            if value is None:
                continue
            if definition.isDestination():
                for text in _text_of(value):
                    location = outputs.parse_location(text)
                    if location is None:
                        continue
                    outs.append((name, location))
                    if (definition.type() in ("sink", "vectorDestination") and isinstance(value, str)
                            and location.layer and "|" in value and not value.lower().startswith("ogr:")):
                        parameters[name] = "ogr:dbname='{}' table=\"{}\" (geom)".format(
                            value.split("|")[0].replace("'", "\\'"), location.layer.replace('"', '\\"'))
            elif definition.type() in _INPUT_TYPES:
                for text in _text_of(value, context):
                    location = outputs.parse_location(text)
                    if location is None:
                        continue
                    if definition.type() == "string" and not os.path.exists(location.path):
                        continue  # free text, not a file
                    ins.append((name, location))
        return ins, outs, parameters

    def guard_outputs(self, parameters, context):
        """Refuse, before anything is written, an output that is or is inside an input (or its database),
        or the same file as another output. Returns the parameters to run with."""
        ins, outs, parameters = self._locations(parameters, context)
        conflicts = outputs.output_conflicts(outs, ins, _file_layers)
        if conflicts:
            self.fail(self._conflict_message(conflicts[0], parameters, context))
        return parameters

    def guard_journals(self, parameters, context, feedback):
        """An input GeoPackage left with a hot journal by a crash: roll the unfinished transaction back
        (as SQLite itself does on the next write-open), or explain why it cannot be read."""
        ins, _, _ = self._locations(parameters, context)
        done = set()
        for _name, location in ins:
            path = location.path
            if path in done or not path.lower().endswith(".gpkg") or not integrity.hot_journal(path):
                continue
            done.add(path)
            health = integrity.recover_hot_journal(path)
            if not health.ok:
                self.fail(integrity_message(path, health))
            if feedback is not None:
                feedback.pushWarning(tr("{file} had an unfinished write left by a crash; it was rolled back, so the "
                                        "file holds its last saved state.").format(file=path))

    def guard_numbers(self, parameters, context):
        """Refuse a number parameter that is NaN, infinite or absurd (QGIS lets NaN through its range check)."""
        for definition in self.parameterDefinitions():
            if definition.type() not in ("number", "distance", "duration", "scale"):
                continue
            name = definition.name()
            if parameters.get(name) is None:
                continue
            raw = parameters[name]
            number, reason = values.check_number(raw if isinstance(raw, (int, float, str)) else
                                                 self.parameterAsDouble(parameters, name, context))
            if reason not in (None, values.EMPTY):
                self.fail(tr("Parameter {parameter}: {value} {problem}.").format(
                    parameter=name, value=repr(raw), problem=self.number_problem(reason)))

    def _conflict_message(self, conflict, parameters, context):
        other = conflict.other
        definition = self.parameterDefinition(other)
        if definition is not None and definition.type() in ("source", "vector", "layer", "multilayer"):
            label = _layer_label(parameters.get(other), context)
            if label:
                other = f"{other} «{label}»"
        file = conflict.location.path
        if conflict.kind == "replaces_file":
            return tr("Output {output} would replace the file {file}, which holds the input {input}. Choose another "
                      "file, or a new layer in it ({file}|layername=<new name>). Nothing was written.").format(
                output=conflict.output, file=file, input=other)
        if conflict.kind == "replaces_layer":
            return tr("Output {output} would replace the layer {target} in {file}, which holds the input {input}. "
                      "Choose a new layer name. Nothing was written.").format(
                output=conflict.output, target=conflict.location.layer, file=file, input=other)
        if conflict.kind == "inside_input":
            return tr("Output {output} ({file}) is inside the input {input}. Choose a place outside it. "
                      "Nothing was written.").format(output=conflict.output, file=file, input=other)
        return tr("Outputs {output} and {other} are the same file {file}; give each its own. "
                  "Nothing was written.").format(output=conflict.output, other=conflict.other, file=file)

    def parameterAsSink(self, parameters, name, context, *args, **kwargs):  # noqa: N802
        """QGIS's sink; for an optional output that was not asked for, a sink that keeps nothing (so that
        `qgis_process run ALG -- INPUT=… OUTPUT=…` works with the main output only)."""
        sink, dest = QgsProcessingAlgorithm.parameterAsSink(self, parameters, name, context, *args, **kwargs)
        definition = self.parameterDefinition(name)
        if sink is None and definition is not None and definition.flags() & definition.FlagOptional \
                and parameters.get(name) in (None, ""):
            return _NullSink(), None
        return sink, dest

    def parameterAsSource(self, parameters, name, context):  # noqa: N802
        source = QgsProcessingAlgorithm.parameterAsSource(self, parameters, name, context)
        if source is not None:
            label = _layer_label(parameters.get(name), context) or source.sourceName() or name
            self._sources[id(source)] = (source, label)
            self._require_crs(label, source.wkbType(), source.sourceCrs())
        return source

    def parameterAsVectorLayer(self, parameters, name, context):  # noqa: N802
        layer = QgsProcessingAlgorithm.parameterAsVectorLayer(self, parameters, name, context)
        if layer is not None:
            label = _layer_label(parameters.get(name), context) or layer.name() or name
            self._sources[id(layer)] = (layer, label)
            self._require_crs(label, layer.wkbType(), layer.crs())
        return layer

    def _require_crs(self, label, wkb_type, crs):
        if QgsWkbTypes.geometryType(wkb_type) in (QgsWkbTypes.GeometryType.NullGeometry,
                                                   QgsWkbTypes.GeometryType.UnknownGeometry):
            return
        if crs_rules.undefined(crs.isValid(), crs.authid(), crs.description()):
            self.fail(tr("Layer {layer} has no coordinate reference system, so its coordinates cannot be placed "
                         "or measured. Set its CRS (e.g. EPSG:2100, ΕΓΣΑ87) and run again.").format(layer=label))

    @staticmethod
    def number_problem(reason: str) -> str:
        """Why a value is not a usable number (a reason from `core.values.check_number`), for messages."""
        texts = {
            values.NOT_A_NUMBER: tr("is not a number"),
            values.NOT_FINITE: tr("is not a finite number (NaN or infinity)"),
            values.TOO_LARGE: tr("is absurdly large"),
            values.NEGATIVE: tr("is negative"),
            values.EMPTY: tr("is empty"),
        }
        return texts.get(reason, reason)

    def layer_name(self, source) -> str:
        """The name the user knows a source by (the layer, not the file it is in)."""
        known = self._sources.get(id(source))
        if known is not None and known[0] is source:
            return known[1]
        name = source.sourceName() if hasattr(source, "sourceName") else source.name()
        return name or "?"

    def working_crs(self) -> QgsCoordinateReferenceSystem:
        """The CRS in which this run compares and measures geometries (decided once per run)."""
        if self._working_crs is None:
            first = None
            for source, _label in self._sources.values():
                crs = source.sourceCrs() if hasattr(source, "sourceCrs") else source.crs()
                if not crs_rules.undefined(crs.isValid(), crs.authid(), crs.description()):
                    first = (crs.authid(), crs.isGeographic(),
                             crs.mapUnits() == QgsUnitTypes.DistanceUnit.DistanceMeters, crs.projectionAcronym())
                    break
            if self.ALWAYS_EGSA87:
                first = None
            self._working_crs = QgsCoordinateReferenceSystem(crs_rules.working_crs(first))
            if self._run_feedback is not None:
                self._run_feedback.pushInfo(tr("Geometries are compared and measured in {crs}.").format(
                    crs=self._working_crs.authid()))
        return self._working_crs

    def crs_request(self, source, request=None):
        """A feature request (a copy of `request`) that gives `source`'s geometries in the working CRS."""
        request = QgsFeatureRequest(request) if request is not None else QgsFeatureRequest()
        crs = source.sourceCrs() if hasattr(source, "sourceCrs") else source.crs()
        working = self.working_crs()
        if crs.isValid() and crs != working:
            context = self._run_context
            transform_context = context.transformContext() if context is not None else None
            if transform_context is None:
                from qgis.core import QgsProject

                transform_context = QgsProject.instance().transformContext()
            request.setDestinationCrs(working, transform_context)
            if id(source) not in self._transformed and self._run_feedback is not None:
                self._transformed.add(id(source))
                self._run_feedback.pushInfo(
                    tr("Layer {layer} is in {crs}; its geometries were transformed to {working} before being "
                       "compared or measured.").format(layer=self.layer_name(source), crs=crs.authid() or crs.description(),
                                                       working=working.authid()))
        return request

    def repaired(self, data, layer_name, feedback, what=None):
        """`data.geometries` with every invalid one (a bow-tie, a ring touching itself) replaced by a repaired
        copy, each named in a warning; the layer itself is never changed. Returns a new array."""
        import numpy as np

        geometries = np.array(data.geometries, dtype=object, copy=True)
        present = np.flatnonzero([g is not None for g in geometries])
        if not len(present):
            return geometries
        invalid = present[~shapely.is_valid(geometries[present])]
        for i in invalid:
            if feedback is not None:
                feedback.pushWarning(tr("Layer {layer}, feature {fid}: invalid geometry ({reason}); a repaired copy "
                                        "is used, the layer is not changed.").format(
                    layer=layer_name, fid=int(data.fids[i]), reason=shapely.is_valid_reason(geometries[i])))
            geometries[i] = shapely.make_valid(geometries[i])
        return geometries

    def note_crs(self, *sources):
        """Say which of `sources` are transformed to the working CRS (for code that builds its own request)."""
        for source in sources:
            if source is not None:
                self.crs_request(source)

    def read_source(self, source, field_names=None, feedback=None, request=None, with_geometry=True):
        """`qgis_io.read_source` with the geometries in the working CRS."""
        if with_geometry:
            request = self.crs_request(source, request)
        return qgis_io.read_source(source, field_names, feedback, request=request, with_geometry=with_geometry)

    def checkParameterValues(self, parameters, context):  # noqa: N802
        ok, message = QgsProcessingAlgorithm.checkParameterValues(self, parameters, context)
        if not ok:
            return ok, message
        try:
            self.guard_numbers(parameters, context)
            self.guard_outputs(parameters, context)
        except QgsProcessingException as exc:
            return False, str(exc)
        return True, ""
