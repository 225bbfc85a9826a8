#!/usr/bin/env python3
"""Write the algorithm reference (docs/algorithms/, Greek in docs/algorithms/el/) from the algorithms.

    .venv/bin/python scripts/algorithm_docs.py [--output docs/algorithms]

Run `make i18n` first (the Greek pages read the compiled translations). tests/test_algorithm_docs.py
fails when the committed pages differ from what this writes.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=str(ROOT / "docs" / "algorithms"))
    args = parser.parse_args(argv)
    os.environ.pop("MUNICIPAL_GIS_LOCALE", None)

    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from municipal_gis.processing.reference import write

    written = write(Path(args.output))
    print(f"{len(written)} pages → {args.output}")
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
