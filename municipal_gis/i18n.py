"""Translation helpers.

All messages live in one Qt translation context, ``municipal_gis``. Source strings are English;
the Greek catalogue is built from ``resources/i18n/el/*.ts`` into one ``.qm`` by
``scripts/i18n.py build`` (run by the make targets). ``tr()`` must wrap a literal string so that
the extractor finds it; format after translating: ``tr("{n} parcels").format(n=n)``.
"""

from __future__ import annotations

import os
import sys

CONTEXT = "municipal_gis"
_installed = []


def tr(text: str, disambiguation: str | None = None) -> str:
    # never import Qt from here: core code used outside QGIS stays Qt-free (and fast to import)
    qtcore = sys.modules.get("qgis.PyQt.QtCore")
    if qtcore is None:
        return text
    return qtcore.QCoreApplication.translate(CONTEXT, text, disambiguation)


def plural(n: int, one: str, many: str) -> str:
    """`one` for 1, else `many` formatted with n: ``plural(n, tr("1 parcel"), tr("{n} parcels"))`` (`many` has
    no other placeholder: put the result into the sentence). Greek, like English, has a single singular
    form (1 γεωτεμάχιο, 0 / 2 γεωτεμάχια)."""
    return one if n == 1 else many.format(n=n)


def qm_path(locale: str):
    from municipal_gis.paths import resource

    return resource("i18n", f"municipal_gis_{locale}.qm")


def current_locale() -> str:
    """Two-letter UI locale: MUNICIPAL_GIS_LOCALE, else QGIS's setting, else 'en'."""
    forced = os.environ.get("MUNICIPAL_GIS_LOCALE")
    if forced:
        return forced[:2]
    try:
        from qgis.core import QgsSettings

        value = QgsSettings().value("locale/userLocale", "") or ""
        if not value:
            from qgis.PyQt.QtCore import QLocale

            value = QLocale.system().name()
        return str(value)[:2] or "en"
    except Exception:  # noqa: BLE001 - no QGIS: default language
        return "en"


def install_translator(locale: str | None = None) -> bool:
    """Load the compiled catalogue for `locale` into the running application (idempotent)."""
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    locale = (locale or current_locale())[:2]
    for translator in _installed:
        QCoreApplication.removeTranslator(translator)
    _installed.clear()
    path = qm_path(locale)
    if locale == "en" or not path.exists():
        return False
    translator = QTranslator()
    if not translator.load(str(path)):
        return False
    QCoreApplication.installTranslator(translator)
    _installed.append(translator)
    return True
