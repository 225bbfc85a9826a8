"""Tell whether a land-use certificate PDF is exactly one that was registered."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputBoolean,
    QgsProcessingOutputString,
    QgsProcessingParameterFile,
)

from municipal_gis.i18n import tr
from municipal_gis.processing.base import MunicipalAlgorithm, database_parameter


class VerifyLandUseCertificate(MunicipalAlgorithm):
    ALGORITHM_ID = "verify_land_use_certificate"
    GROUP_ID = "certificates"
    DATABASE_PARAMETERS = ("DATABASE",)

    PDF, DATABASE = "PDF", "DATABASE"

    def displayName(self):  # noqa: N802
        return self.tr("Verify land-use certificate")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Computes the SHA-256 of a certificate PDF and looks it up in the land-use certificate register. "
            "A match means the file is, byte for byte, the certificate issued under that number; any change to "
            "the file breaks the match. Also says whether a later certificate replaces it.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(self.PDF, self.tr("Certificate PDF"), extension="pdf"))
        self.addParameter(database_parameter(
            self.DATABASE, self.tr("Register database (GeoPackage path or PG:… schema=…)")))
        self.addOutput(QgsProcessingOutputBoolean("VALID", self.tr("Matches a register entry")))
        self.addOutput(QgsProcessingOutputString("CERTIFICATE_NO", self.tr("Certificate number")))
        self.addOutput(QgsProcessingOutputString("KAEK", self.tr("ΚΑΕΚ")))
        self.addOutput(QgsProcessingOutputString("ISSUED_AT", self.tr("Issued at")))
        self.addOutput(QgsProcessingOutputString("SHA256", self.tr("SHA-256 of the file")))
        self.addOutput(QgsProcessingOutputString("REPLACED_BY", self.tr("Replaced by")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from municipal_gis.layers import register
        from municipal_gis.layers.database import DatabaseError

        path = self.parameterAsFile(parameters, self.PDF, context)
        database = self.parameterAsString(parameters, self.DATABASE, context)
        try:
            digest, found = register.verify_pdf(database, path)
            replaced = register.replaced_by(database, found[0].certificate_no) if found else []
        except DatabaseError as exc:
            self.fail(str(exc))
        result = {"VALID": bool(found), "SHA256": digest, "CERTIFICATE_NO": "", "KAEK": "", "ISSUED_AT": "",
                  "REPLACED_BY": ", ".join(e.certificate_no for e in replaced)}
        if found:
            entry = found[0]
            result.update(CERTIFICATE_NO=entry.certificate_no, KAEK=entry.kaek, ISSUED_AT=str(entry.issued_at))
            feedback.pushInfo(tr("The file is certificate {number} (ΚΑΕΚ {kaek}), issued {date}.").format(
                number=entry.certificate_no, kaek=entry.kaek, date=entry.issued_at))
            if replaced:
                feedback.pushWarning(tr("Certificate {number} has been replaced by {later}.").format(
                    number=entry.certificate_no, later=result["REPLACED_BY"]))
        else:
            feedback.pushWarning(tr("No register entry has this file's SHA-256: the file is not a registered "
                                    "certificate, or it was changed after issue."))
        return result
