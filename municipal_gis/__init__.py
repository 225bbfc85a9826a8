"""Municipal GIS: a QGIS plugin for Greek municipalities."""


def classFactory(iface):  # noqa: N802 (QGIS API name)
    """QGIS entry point: import lazily so that loading the package costs nothing."""
    from municipal_gis.plugin import MunicipalGisPlugin

    return MunicipalGisPlugin(iface)
