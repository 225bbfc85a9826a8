#!/usr/bin/env python3
"""The main job on the embedded default: generate the sample municipality in a GeoPackage,
check it, and write a styled QGIS project and a PDF overview map into an output folder.

    .venv/bin/python scripts/demo.py [--output output/sample] [--parcels 5000] [--seed 1] [--language el]
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=str(ROOT / "output" / "sample"))
    parser.add_argument("--parcels", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--language", default="el", choices=["el", "en"])
    args = parser.parse_args(argv)
    os.environ["MUNICIPAL_GIS_LOCALE"] = args.language

    from qgis.core import QgsApplication, QgsProject

    app = QgsApplication([], False)
    app.initQgis()
    from qgis.analysis import QgsNativeAlgorithms

    QgsApplication.processingRegistry().addProvider(QgsNativeAlgorithms())
    from municipal_gis.i18n import install_translator, tr

    install_translator(args.language)
    sys.path.append(os.path.join(QgsApplication.pkgDataPath(), "python", "plugins"))
    from processing.core.Processing import Processing
    from qgis import processing

    Processing.initialize()
    from municipal_gis.processing.provider import MunicipalGisProvider

    provider = MunicipalGisProvider()  # keep a reference: the registry does not own it
    QgsApplication.processingRegistry().addProvider(provider)

    out = Path(args.output).resolve()
    out.mkdir(parents=True, exist_ok=True)
    gpkg = out / "sample_municipality.gpkg"
    print(tr("Generating the sample municipality ({n} parcels, seed {seed})…").format(n=args.parcels, seed=args.seed))
    result = processing.run("municipal_gis:generate_sample_municipality",
                            {"OUTPUT": str(gpkg), "PARCELS": args.parcels, "SEED": args.seed, "OVERWRITE": True})
    print(tr("{n} features and rows, {p} parcels → {path}").format(
        n=result["FEATURE_COUNT"], p=result["PARCEL_COUNT"], path=gpkg))

    findings_csv = out / "findings.csv"
    if findings_csv.exists():
        findings_csv.unlink()
    check = processing.run("municipal_gis:check_database", {"INPUT": str(gpkg), "OUTPUT": str(findings_csv)})
    print(tr("Check: {n} findings, {e} errors → {path}").format(n=check["FINDINGS"], e=check["ERRORS"],
                                                                path=findings_csv))
    with open(findings_csv, encoding="utf-8") as handle:
        for row in list(csv.DictReader(handle))[:10]:
            print(f"  [{row['severity']}] {row['message']}")

    from municipal_gis.layers.project import city_extent, load_database, municipality_extent, set_default_view
    from municipal_gis.printing.layout import export_image, export_pdf, overview_layout

    project = QgsProject.instance()
    project.clear()
    project.setTitle(tr("Sample municipality"))
    loaded = load_database(str(gpkg), project, args.language)
    set_default_view(project, loaded)  # no canvas here: without it the project opens on a blank 1:1
    project_path = out / "municipality.qgz"
    project.write(str(project_path))
    print(tr("QGIS project with {n} layers → {path}").format(n=len(loaded), path=project_path))

    layout = overview_layout(project, city_extent(loaded), tr("Sample municipality – overview"),
                             tr("Municipal GIS: parcels, zoning, municipal property, projects and services"),
                             inset_extent=municipality_extent(loaded))
    pdf = out / "overview.pdf"
    export_pdf(layout, str(pdf))
    export_image(layout, str(out / "overview.png"), dpi=50)
    print(tr("Overview map → {path}").format(path=pdf))
    # release the layout and layers while QGIS is still up (else Qt complains at interpreter exit)
    del layout
    project.clear()
    app.exitQgis()
    return 0 if check["ERRORS"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
