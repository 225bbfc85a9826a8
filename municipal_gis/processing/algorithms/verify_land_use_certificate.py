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
    # output names
    VALID = "VALID"
    CERTIFICATE_NO = "CERTIFICATE_NO"
    KAEK = "KAEK"
    ISSUED_AT = "ISSUED_AT"
    SHA256 = "SHA256"
    REPLACED_BY = "REPLACED_BY"
    CHAIN_INTACT = "CHAIN_INTACT"
    CHAIN = "CHAIN"
    CHAIN_BROKEN_AT = "CHAIN_BROKEN_AT"
    CHAIN_HEAD = "CHAIN_HEAD"
    DATABASE_PARAMETERS = ("DATABASE",)

    PDF, DATABASE = "PDF", "DATABASE"

    def displayName(self):  # noqa: N802
        return self.tr("Verify land-use certificate")

    def shortHelpString(self):  # noqa: N802
        return self.tr(
            "Computes the SHA-256 of a certificate PDF and looks it up in the land-use certificate register. "
            "A match means the file is, byte for byte, the certificate issued under that number; any change to "
            "the file breaks the match. Also checks the register's hash chain (every entry holds the hash of "
            "the one before it): the result says whether the chain is intact or names the first entry that was "
            "changed or removed, and a file whose entry is in doubt is not valid. Also says whether a later "
            "certificate replaces it.")

    def initAlgorithm(self, config=None):  # noqa: N802
        self.addParameter(QgsProcessingParameterFile(self.PDF, self.tr("Certificate PDF"), extension="pdf"))
        self.addParameter(database_parameter(
            self.DATABASE, self.tr("Register database (GeoPackage path or PG:… schema=…)")))
        self.addOutput(QgsProcessingOutputBoolean(self.VALID, self.tr("Matches a register entry")))
        self.addOutput(QgsProcessingOutputString(self.CERTIFICATE_NO, self.tr("Certificate number")))
        self.addOutput(QgsProcessingOutputString(self.KAEK, self.tr("ΚΑΕΚ")))
        self.addOutput(QgsProcessingOutputString(self.ISSUED_AT, self.tr("Issued at")))
        self.addOutput(QgsProcessingOutputString(self.SHA256, self.tr("SHA-256 of the file")))
        self.addOutput(QgsProcessingOutputString(self.REPLACED_BY, self.tr("Replaced by")))
        self.addOutput(QgsProcessingOutputBoolean(self.CHAIN_INTACT, self.tr("Register hash chain intact")))
        self.addOutput(QgsProcessingOutputString(self.CHAIN, self.tr("Register hash chain")))
        self.addOutput(QgsProcessingOutputString(self.CHAIN_BROKEN_AT, self.tr("First broken register entry")))
        self.addOutput(QgsProcessingOutputString(self.CHAIN_HEAD, self.tr("Register chain head (SHA-256)")))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        from municipal_gis.layers import register
        from municipal_gis.layers.database import DatabaseError

        path = self.parameterAsFile(parameters, self.PDF, context)
        database = self.parameterAsString(parameters, self.DATABASE, context)
        try:
            digest, found = register.verify_pdf(database, path)
            replaced = register.replaced_by(database, found[0].certificate_no) if found else []
            chain = register.verify_chain(database)
        except DatabaseError as exc:
            self.fail(str(exc))
        first = chain.first_problem
        if first is None:
            chain_text = tr("The register's hash chain is intact. {summary}").format(summary=chain.summary())
        else:
            chain_text = tr("The register's hash chain is broken; first at entry {number}: {problem}").format(
                number=first.certificate_no, problem=first.message)
        result = {self.VALID: False, self.SHA256: digest, self.CERTIFICATE_NO: "", self.KAEK: "", self.ISSUED_AT: "",
                  self.REPLACED_BY: ", ".join(e.certificate_no for e in replaced), self.CHAIN_INTACT: chain.ok,
                  self.CHAIN: chain_text, self.CHAIN_BROKEN_AT: first.certificate_no if first else "",
                  self.CHAIN_HEAD: chain.head}
        if chain.ok:
            feedback.pushInfo(chain_text)
        else:
            feedback.pushWarning(chain_text)
            for problem in chain.problems:
                if problem is not first:
                    feedback.pushWarning(problem.message)
        if found:
            entry = found[0]
            doubts = chain.problems_for(entry.certificate_no)
            result.update({self.VALID: not doubts, self.CERTIFICATE_NO: entry.certificate_no, self.KAEK: entry.kaek,
                           self.ISSUED_AT: str(entry.issued_at)})
            if doubts:
                feedback.pushWarning(tr(
                    "The file matches register entry {number} (ΚΑΕΚ {kaek}), but that entry was changed or "
                    "tampered with after issue, so the match proves nothing: the certificate is NOT valid. "
                    "{problem}").format(number=entry.certificate_no, kaek=entry.kaek, problem=doubts[0].message))
            else:
                feedback.pushInfo(tr("The file is certificate {number} (ΚΑΕΚ {kaek}), issued {date}.").format(
                    number=entry.certificate_no, kaek=entry.kaek, date=entry.issued_at))
            if replaced:
                feedback.pushWarning(tr("Certificate {number} has been replaced by {later}.").format(
                    number=entry.certificate_no, later=result[self.REPLACED_BY]))
        else:
            feedback.pushWarning(tr("No register entry has this file's SHA-256: the file is not a registered "
                                    "certificate, or it was changed after issue."))
        return result
