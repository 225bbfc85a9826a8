from __future__ import annotations

import datetime as dt
from pathlib import Path

from qgis.core import (
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from municipal_gis.core.programme import read_programme
from municipal_gis.core.programme_store import ImportCancelled, import_programme
from municipal_gis.layers.database import DatabaseError, open_database
from municipal_gis.processing.base import MunicipalAlgorithm
from municipal_gis.processing.database_params import add_database_parameters, database_from_parameters
from municipal_gis.qgisio.features import make_feature, make_fields
from municipal_gis.schema import catalogue

REPORT_FIELDS = (
    ("row", catalogue.INTEGER),
    ("column", catalogue.TEXT),
    ("value", catalogue.TEXT),
    ("reason", catalogue.TEXT),
    ("project_code", catalogue.TEXT),
    ("kind", catalogue.TEXT),  # finding, added, changed, funding_changed, not_in_file
)
FILE_FILTER = "Spreadsheets (*.csv *.CSV *.txt *.xlsx *.XLSX *.ods *.ODS)"


def _show(value) -> str:
    if value is None or value == "":
        return "∅"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _show_funding(key) -> str:
    """Funding rows as «own_revenue 12500.00, sata» (amount only when the row has one)."""
    if not key:
        return "∅"
    return ", ".join(source + (f" {amount:.2f}" if amount is not None and amount >= 0 else "")
                     for source, amount, _year, _text in key)


class ImportTechnicalProgramme(MunicipalAlgorithm):
    ALGORITHM_ID = "import_technical_programme"
    GROUP_ID = "programme"
    DATABASE_PARAMETERS = ("DATABASE",)

    def displayName(self):  # noqa: N802
        return self.tr("Import technical programme")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Loads the rows of a technical programme (Τεχνικό Πρόγραμμα) as the municipality publishes them "
            "into the database's projects and project-funding tables.\n\n"
            "INPUT is a CSV (UTF-8 or Greek Windows/ISO encodings; comma, semicolon or tab), XLSX or ODS file "
            "with Greek headers such as Α/Α, Περιγραφή, Είδος, Χωροθέτηση, Σ/Ν, Υπηρεσία Υλοποίησης, "
            "Χρονοπρογραμματισμός, Προϋπολογισμός, Πηγή Χρημ., Κ.Α., Άξονας Μέτρο. The verbatim text of every "
            "cell is kept. Amounts, budget codes, measures and funding sources that cannot be read with "
            "certainty are not guessed: they are left empty and listed in the report.\n\n"
            "Projects are keyed by a «Κωδικός έργου» column when the file has one, otherwise by the year and "
            "the title. Re-importing the same file changes nothing; a revised file updates the projects by key "
            "and the report lists every changed value. Projects of the year that the file no longer lists are "
            "reported, not deleted. The import is one transaction: if it fails nothing is written.\n\n"
            "OUTPUT is the import report: one row per finding or change, with the file row, column, value and "
            "reason.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(
            "INPUT", self.tr("Technical programme table (CSV, XLSX or ODS)"),
            QgsProcessingParameterFile.Behavior.File, fileFilter=FILE_FILTER))
        add_database_parameters(self, "DATABASE", self.tr("Municipal database"))
        self.addParameter(QgsProcessingParameterNumber(
            "YEAR", self.tr("Programme year"), QgsProcessingParameterNumber.Type.Integer,
            defaultValue=dt.date.today().year, minValue=1990, maxValue=2100))
        self.addParameter(QgsProcessingParameterBoolean(
            "DRY_RUN", self.tr("Only check the file (write nothing)"), defaultValue=False))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", self.tr("Import report"), QgsProcessing.SourceType.TypeVector))
        for name, description in (("PROJECTS", self.tr("Projects read")), ("ADDED", self.tr("Projects added")),
                                  ("UPDATED", self.tr("Projects updated")),
                                  ("UNCHANGED", self.tr("Projects unchanged")),
                                  ("FINDINGS", self.tr("Findings"))):
            self.addOutput(QgsProcessingOutputNumber(name, description))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        path = self.parameterAsFile(parameters, "INPUT", context)
        year = self.parameterAsInt(parameters, "YEAR", context)
        dry_run = self.parameterAsBoolean(parameters, "DRY_RUN", context)
        if not path or not Path(path).is_file():
            self.fail(self.tr("Input file {path} does not exist.").format(path=path))
        location = database_from_parameters(self, parameters, context, "DATABASE")
        try:
            info = open_database(location)
        except DatabaseError as exc:
            self.fail(str(exc))
        for table in ("programme_project", "project_funding"):
            if table not in info.tables:
                self.fail(self.tr("{db} has no {table} table: upgrade the database first.").format(
                    db=location.label, table=table))

        feedback.pushInfo(self.tr("Reading {path}").format(path=path))
        try:
            read = read_programme(path, year)
        except Exception as exc:  # noqa: BLE001 - openpyxl/odfpy raise their own errors on broken files
            self.fail(self.tr("File {path} cannot be read as a CSV, XLSX or ODS table: {error}").format(
                path=path, error=exc))
        if not read.header_found:
            self.fail(self.tr("File {path}: no header row with a description (Περιγραφή / title) column was "
                              "found in the first 20 rows.").format(path=path))
        if read.info.get("encoding"):
            feedback.pushInfo(self.tr("Encoding {encoding}, delimiter «{delimiter}», header on row {row}").format(
                encoding=read.info["encoding"], delimiter=read.info["delimiter"].replace("\t", "TAB"),
                row=read.info.get("header_row")))
        feedback.pushInfo(self.tr("{n} projects read, {f} findings").format(
            n=len(read.projects), f=len(read.findings)))
        feedback.setProgress(30)

        result = None
        if not dry_run:
            try:
                result = import_programme(location, read.projects, read.fundings, year,
                                          cancelled=feedback.isCanceled)
            except ImportCancelled:
                self.fail(self.tr("Cancelled by the user: nothing was written to {db}.").format(db=location.label))
            except DatabaseError as exc:
                self.fail(str(exc))
            except Exception as exc:  # noqa: BLE001 - sqlite3/psycopg2 errors: the transaction was rolled back
                self.fail(self.tr("{db}: the import failed and nothing was written: {error}").format(
                    db=location.label, error=exc))
        feedback.setProgress(80)

        fields = make_fields(REPORT_FIELDS)
        sink, dest_id = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.NoGeometry)
        if sink is None:
            self.fail(self.tr("Could not create the import report output."))
        row_of = {p["project_code"]: row for p, row in zip(read.projects, read.rows)}
        code_of_row = {row: p["project_code"] for p, row in zip(read.projects, read.rows)}
        report = [(f["row"], f["column"], f["value"], f["reason"], code_of_row.get(f["row"]), "finding")
                  for f in read.findings]
        if result is not None:
            for code in result.added:
                report.append((row_of[code], "", code, self.tr("new project"), code, "added"))
            for code, changes in result.updated.items():
                for name, before, after in changes:
                    report.append((row_of[code], name, _show(after),
                                   self.tr("changed from «{old}»").format(old=_show(before)), code, "changed"))
            for code, (before, after) in result.funding_changed.items():
                report.append((row_of[code], "funding_source", _show_funding(after),
                               self.tr("funding changed from «{old}»").format(old=_show_funding(before)),
                               code, "funding_changed"))
            for code in result.not_in_file:
                report.append((None, "", code, self.tr("project of {year} not in the imported file; kept in the "
                                                       "database").format(year=year), code, "not_in_file"))
        for values in report:
            sink.addFeature(make_feature(fields, values), QgsFeatureSink.Flag.FastInsert)

        if result is not None:
            feedback.pushInfo(self.tr("{added} added, {updated} updated, {unchanged} unchanged, "
                                      "{missing} not in the file").format(
                added=len(result.added), updated=len(set(result.updated) | set(result.funding_changed)),
                unchanged=len(result.unchanged), missing=len(result.not_in_file)))
        else:
            feedback.pushInfo(self.tr("Dry run: nothing was written."))
        feedback.setProgress(100)
        return {
            "OUTPUT": dest_id,
            "PROJECTS": len(read.projects),
            "ADDED": len(result.added) if result else 0,
            "UPDATED": len(set(result.updated) | set(result.funding_changed)) if result else 0,
            "UNCHANGED": len(result.unchanged) if result else 0,
            "FINDINGS": len(read.findings),
        }
