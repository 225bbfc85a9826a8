#!/usr/bin/env python3
"""Write the layout templates that are built by code: resources/layouts/funding_proposal.qpt from
`municipal_gis.printing.funding.build_layout`. Edit the code, not the .qpt, and run `make layouts`;
tests/test_layout_alignment.py checks that the two agree. (The certificate and topographic-diagram
templates are designed in QGIS's layout editor and committed as they are.)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["QT_HASH_SEED"] = "0"  # XML attributes in a fixed order


def main() -> int:
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from municipal_gis.paths import resource
    from municipal_gis.printing.funding import TEMPLATE_NAME, save_template

    target = resource("layouts") / f"{TEMPLATE_NAME}.qpt"
    save_template(target)
    print(target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
