"""Filling the land-use certificate print layout (resources/layouts/land_use_certificate.qpt).

The municipality may edit the template (header, logo, positions, fonts). Items are found by their
id; a missing item is skipped, never an error. The items above the zones table stay where the
template puts them; the table, terms, plans, notes and signatures flow one under the other,
over further pages when needed (`printing.layout.PageFlow`), so that nothing runs off the page.
Texts on the certificate follow the document language chosen by the user (Greek by default,
English on request), independent of the interface language, so they come from `TEXTS` rather
than from the interface translation.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import shapely
from qgis.core import (
    QgsExpressionContextUtils,
    QgsFillSymbol,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutSize,
    QgsLayoutTableColumn,
    QgsLayoutUtils,
    QgsProject,
    QgsSettings,
    QgsUnitTypes,
)
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QFont

from municipal_gis.core.formatting import fmt_number, pick
from municipal_gis.core.topographic import choose_scale
from municipal_gis.paths import layout_path
from municipal_gis.printing.layout import (
    PageFlow,
    clone_label,
    export_pdf,
    frame_map,
    labelled_layer,
    load_layout,
    set_label,
    text_height_mm,
    wrap_text,
)

SCALES = (500, 1000, 2000)  # the map excerpt's standard scales; a larger parcel gets a rounded 1:500 multiple

# document texts: key -> (English, Greek)
TEXTS = {
    "title": ("LAND-USE CERTIFICATE", "ΒΕΒΑΙΩΣΗ ΧΡΗΣΕΩΝ ΓΗΣ"),
    "draft": ("DRAFT – NOT REGISTERED", "ΣΧΕΔΙΟ – ΜΗ ΚΑΤΑΧΩΡΙΣΜΕΝΟ"),
    "number": ("Certificate no.", "Αρ. βεβαίωσης"),
    "protocol": ("Protocol no.", "Αρ. πρωτοκόλλου"),
    "date": ("Date", "Ημερομηνία"),
    "applicant": ("Applicant", "Αιτών/ούσα"),
    "kaek": ("ΚΑΕΚ", "ΚΑΕΚ"),
    "address": ("Address", "Διεύθυνση"),
    "block": ("City block (Ο.Τ.)", "Ο.Τ."),
    "gis_area": ("Area (GIS)", "Εμβαδόν (GIS)"),
    "registered_area": ("Registered area", "Εμβαδόν τίτλου"),
    "as_of": ("Plan in force on", "Ισχύς σχεδίου κατά την"),
    "scale": ("Scale", "Κλίμακα"),
    "col_zone": ("Zone", "Ζώνη"),
    "col_use": ("Use", "Χρήση"),
    "col_area": ("Area (m²)", "Εμβαδόν (τ.μ.)"),
    "col_share": ("Share %", "Ποσοστό %"),
    "col_share_reg": ("% of title", "% τίτλου"),
    "col_far": ("FAR", "ΣΔ"),
    "col_cov": ("Coverage %", "Κάλυψη %"),
    "col_height": ("Height (m) / floors", "Ύψος (μ.) / όροφοι"),
    "col_floor": ("Max floor area (m²)", "Μέγ. δόμηση (τ.μ.)"),
    "col_foot": ("Max footprint (m²)", "Μέγ. κάλυψη (τ.μ.)"),
    "unzoned": ("(no zone)", "(εκτός ζώνης)"),
    "overlap": ("OVERLAP", "ΕΠΙΚΑΛΥΨΗ"),
    "sliver": ("sliver", "υπόλειμμα"),
    "terms": ("Building terms and plot conformity", "Όροι δόμησης και αρτιότητα"),
    "total_floor": ("Maximum buildable floor area (sum of zones)", "Μέγιστη επιτρεπόμενη δόμηση (άθροισμα ζωνών)"),
    "total_foot": ("Maximum building footprint (sum of zones)", "Μέγιστη επιτρεπόμενη κάλυψη (άθροισμα ζωνών)"),
    "min_area": ("Minimum plot area", "Ελάχιστο εμβαδόν αρτιότητας"),
    "frontage": ("Frontage", "Πρόσωπο"),
    "min_frontage": ("minimum", "ελάχιστο"),
    "frontage_not_measured": ("not measured (no street or city-block layer given)",
                              "δεν μετρήθηκε (δεν δόθηκε επίπεδο οδών ή οικοδομικών τετραγώνων)"),
    "frontage_street_polygons": ("measured along the street polygons", "μετρήθηκε στα όρια των πολυγώνων των οδών"),
    "frontage_centrelines": ("measured along the street edges (centrelines widened by half their width)",
                             "μετρήθηκε στο όριο της οδού (άξονας οδού ± μισό πλάτος)"),
    "frontage_blocks": ("measured along the outline of the city block, i.e. the street line",
                        "μετρήθηκε στο περίγραμμα του Ο.Τ., δηλ. στη ρυμοτομική γραμμή"),
    "frontage_street_lines": ("measured along the street lines as drawn", "μετρήθηκε στις γραμμές οδών όπως σχεδιάστηκαν"),
    "meets": ("met", "πληρείται"),
    "fails": ("NOT met", "ΔΕΝ πληρείται"),
    "unknown": ("not assessed", "δεν εξετάστηκε"),
    "no_requirement": ("no requirement recorded", "δεν έχει καταχωριστεί όριο"),
    "plans": ("Plans applied", "Εφαρμοζόμενα σχέδια"),
    "no_plans": ("No zone of the plan covers the parcel.", "Καμία ζώνη του σχεδίου δεν καλύπτει το γεωτεμάχιο."),
    "valid_from": ("in force from", "σε ισχύ από"),
    "thresholds": ("Sliver thresholds", "Όρια υπολειμμάτων"),
    "or": ("or", "ή"),
    "of_parcel": ("of the parcel", "του γεωτεμαχίου"),
    "overlap_note": ("Zones {zones} overlap on {area} m² of this parcel: the plan must be clarified; no terms "
                     "are derived for that part.",
                     "Οι ζώνες {zones} επικαλύπτονται σε {area} τ.μ. του γεωτεμαχίου: απαιτείται διευκρίνιση "
                     "του σχεδίου· για το τμήμα αυτό δεν υπολογίζονται όροι."),
    "sliver_note": ("Slivers (listed, not dropped): {items}.", "Υπολείμματα (αναφέρονται, δεν αγνοούνται): {items}."),
    "repair_note": ("The parcel geometry was invalid ({reason}) and was repaired before the overlay.",
                    "Η γεωμετρία του γεωτεμαχίου ήταν άκυρη ({reason}) και διορθώθηκε πριν την επικάλυψη."),
    "scale_note": ("The parcel does not fit at 1:2000; drawn at 1:{scale}.",
                   "Το γεωτεμάχιο δεν χωρά σε κλίμακα 1:2000· σχεδιάστηκε σε 1:{scale}."),
    "verification": ("Verification code", "Κωδικός επαλήθευσης"),
    "verify_hint": ("Check this document against the municipal register (SHA-256 of the PDF or the code).",
                    "Επαληθεύστε το έγγραφο στο μητρώο του Δήμου (SHA-256 του PDF ή ο κωδικός)."),
    "draft_footer": ("Draft: not entered in the register, no verification code.",
                     "Σχέδιο: δεν έχει καταχωριστεί στο μητρώο, χωρίς κωδικό επαλήθευσης."),
    "yes": ("yes", "ναι"),
    "m2": ("m²", "τ.μ."),
    "m": ("m", "μ."),
    "zones_heading": ("Land-use zones on the parcel", "Ζώνες χρήσεων γης στο γεωτεμάχιο"),
    "plans_heading": ("Plans applied", "Εφαρμοζόμενα σχέδια"),
    "notes_heading": ("Notes", "Παρατηρήσεις"),
    "author_role": ("Prepared by", "Ο/Η Συντάξας/ασα"),
    "head_role": ("Head of Service", "Ο/Η Προϊστάμενος/η"),
    "stamp": ("Stamp", "Σφραγίδα"),
    "crs": ("Greek Grid (ΕΓΣΑ 87)", "ΕΓΣΑ 87"),
    "legend_parcel": ("Parcel certified", "Γεωτεμάχιο βεβαίωσης"),
    "legend_parcels": ("Other parcels", "Λοιπά γεωτεμάχια"),
    "legend_blocks": ("City blocks (Ο.Τ.)", "Οικοδομικά τετράγωνα"),
    "legend_zones": ("Land-use zones", "Ζώνες χρήσεων γης"),
    "page": ("Page {page} of {pages}", "Σελίδα {page} από {pages}"),
    "continued": ("{title} {number} · ΚΑΕΚ {kaek} (continued)", "{title} {number} · ΚΑΕΚ {kaek} (συνέχεια)"),
}


def text(key: str, language: str) -> str:
    return pick(TEXTS[key], language)


@dataclass
class CertificateData:
    kaek: str
    address: str | None
    ot_code: str | None
    gis_area_m2: float
    registered_area_m2: float | None
    as_of: str
    rows: list  # dicts: zone_code, category, area_m2, share_pct, share_registered_pct, sliver, overlap, terms...
    conformity: object  # building_terms.Conformity
    plans: list  # (plan_name, fek_ref, valid_from)
    thresholds: tuple  # (abs m², %)
    parcel_geometry: object
    neighbours: list = field(default_factory=list)  # (geometry, kaek)
    zones: list = field(default_factory=list)  # (geometry, zone_code)
    blocks: list = field(default_factory=list)  # (geometry, ot_code)
    notes: list = field(default_factory=list)  # extra note keys already rendered as text
    repair_reason: str | None = None
    frontage_method: str | None = None  # building_terms.STREET_POLYGONS / CENTRELINES / BLOCKS / STREET_LINES
    signatures: Signatures | None = None  # who signs; None: blank lines to sign by hand


@dataclass
class Signatures:
    """Who signs the certificate, and the municipality's letterhead (empty: the template's text).

    Kept as QGIS expression variables (see `VARIABLES`): the head of service and the letterhead
    in the project (shared by everyone who opens it), the author in the user's global variables
    (each clerk signs their own). The algorithm's parameters override them for headless use."""

    author_name: str = ""
    author_title: str = ""
    author_role: str = ""  # empty: «Ο/Η Συντάξας/ασα» in the document's language
    head_name: str = ""
    head_title: str = ""
    head_role: str = ""  # empty: «Ο/Η Προϊστάμενος/η»; e.g. «Με εντολή Δημάρχου\\nΗ Προϊσταμένη»
    header: str = ""


# Signatures field -> (expression variable, scope): "project" or "global" (this user, every project)
VARIABLES = {
    "header": ("mgis_certificate_header", "project"),
    "head_name": ("mgis_certificate_head_name", "project"),
    "head_title": ("mgis_certificate_head_title", "project"),
    "head_role": ("mgis_certificate_head_role", "project"),
    "author_name": ("mgis_certificate_author_name", "global"),
    "author_title": ("mgis_certificate_author_title", "global"),
    "author_role": ("mgis_certificate_author_role", "global"),
}


def load_signatures(project: QgsProject | None = None) -> Signatures:
    """The signatures kept in `project`'s variables and the user's global variables."""
    project_scope = QgsExpressionContextUtils.projectScope(project) if project is not None else None
    global_scope = QgsExpressionContextUtils.globalScope()
    values = {}
    for name, (variable, scope) in VARIABLES.items():
        source = project_scope if scope == "project" else global_scope
        value = source.variable(variable) if source is not None else None
        values[name] = "" if value is None else str(value).strip()
    return Signatures(**values)


def save_signatures(signatures: Signatures, project: QgsProject | None = None) -> None:
    """Keep `signatures` in the project's variables (letterhead, head of service) and the user's
    global variables (author); an empty value removes the variable."""
    global_values = QgsExpressionContextUtils.globalScope()
    for name, (variable, scope) in VARIABLES.items():
        value = getattr(signatures, name).strip()
        if scope == "project":
            if project is None:
                continue
            if value:
                QgsExpressionContextUtils.setProjectVariable(project, variable, value)
            elif project.customVariables().get(variable) is not None:
                QgsExpressionContextUtils.removeProjectVariable(project, variable)
        elif value:
            QgsExpressionContextUtils.setGlobalVariable(variable, value)
        elif global_values.hasVariable(variable):
            QgsExpressionContextUtils.removeGlobalVariable(variable)
    QgsSettings().sync()


def _category_label(code, language):
    """The ΠΔ 59/2018 category in words (the code itself when it is not in the list)."""
    from municipal_gis.schema.vocabularies import codes, label

    if not code:
        return "–"
    return label("landuse_general", code, language) if code in codes("landuse_general") else str(code)


def fek_citation(fek: str) -> str:
    """«ΦΕΚ 398/ΑΑΠ/12.5.2010» whether or not the stored reference already starts with ΦΕΚ."""
    fek = re.sub(r"^\s*(ΦΕΚ|Φ\.Ε\.Κ\.)\s*[:.]?\s*", "", str(fek or ""), flags=re.IGNORECASE).strip()
    return f"ΦΕΚ {fek}" if fek else ""


NUMERIC_FROM = 2  # table columns from this one on hold numbers: right-aligned, never broken


def _fit_table(table, headers: list[str], rows: list[list[str]], width_mm: float):
    """Columns of the zones table sized to the page width: numbers on one line, headings and the
    zone and use texts wrapped, so that the table never runs off the page. Sets the columns and
    returns (heading row, rows) with the texts wrapped."""
    font = QFont(table.contentTextFormat().font())
    font.setPointSizeF(table.contentTextFormat().size())
    n = len(headers)
    grid = table.gridStrokeWidth() if table.showGrid() else 0.0
    room = width_mm - n * 2 * table.cellMargin() - (n + 1) * grid - 0.5

    def w(text):
        return QgsLayoutUtils.textWidthMM(font, text) * 1.08

    longest_word = [max(w(word) for word in h.split(" ")) for h in headers]
    natural, least = [], []
    for c in range(n):
        cells = [row[c] for row in rows]
        natural.append(max([w(headers[c])] + [w(x) for x in cells]))
        if c >= NUMERIC_FROM:
            least.append(max([longest_word[c]] + [w(x) for x in cells]))
        else:
            least.append(max([longest_word[c], 8.0] + [w(word) for x in cells for word in x.split(" ")]))
    widths = list(least)
    spare = room - sum(least)
    if spare < 0:  # even the least does not fit: shrink everything (words break inside)
        widths = [x * room / sum(least) for x in least]
    else:
        # the text columns grow towards their natural width first, then every column shares what is left
        wants = [max(natural[c] - least[c], 0.0) if c < NUMERIC_FROM else 0.0 for c in range(n)]
        if sum(wants) > 0:
            share = min(1.0, spare / sum(wants))
            widths = [widths[c] + wants[c] * share for c in range(n)]
            spare -= sum(wants) * share
        widths = [x + spare * x / sum(widths) for x in widths]
    columns = []
    for c, heading in enumerate(headers):
        column = QgsLayoutTableColumn(heading)
        column.setWidth(widths[c])
        if c >= NUMERIC_FROM:
            column.setHAlignment(Qt.AlignmentFlag.AlignRight)
        columns.append(column)
    table.setColumns(columns)

    def wrapped(row):
        return ["\n".join(wrap_text(font, cell, widths[c])) for c, cell in enumerate(row)]

    return wrapped(headers), [wrapped(row) for row in rows]


def _set_signature(layout, item_id: str, role: str, name: str, title: str) -> None:
    """A signature: the role, room to sign, the name (a dotted line to write it by hand when not
    set) and the title, each wrapped to the label's width; the label grows when they need it."""
    item = layout.itemById(item_id)
    if not isinstance(item, QgsLayoutItemLabel):
        return
    width = item.sizeWithUnits().width()
    lines = []
    for part in (role, None, name or "." * 40, title):
        lines += ["", "", ""] if part is None else wrap_text(item.font(), part, width) if part else []
    item.setText("\n".join(lines))
    needed = text_height_mm(item.font(), len(lines))
    if needed > item.sizeWithUnits().height():
        item.attemptResize(QgsLayoutSize(width, needed, QgsUnitTypes.LayoutUnit.LayoutMillimeters))


def render(data: CertificateData, out_path, language: str = "el", certificate_no: str | None = None,
           verification_code: str | None = None, issued_at=None, protocol_no: str | None = None,
           applicant: str | None = None, template: Path | None = None) -> Path:
    """Fill the template with one parcel's certificate and export it to `out_path` (PDF).

    The items above the table (letterhead, title, parcel, map, scale) stay where the template puts
    them; the zones table, the terms, the plans, the notes and the signatures then follow one
    another down the page, onto further pages when needed (the table repeats its header), and
    every page gets the footer and «page n of m»."""
    t = lambda key: text(key, language)  # noqa: E731
    num = lambda v, d=2: fmt_number(v, d, language)  # noqa: E731
    m2 = t("m2")
    signatures = data.signatures or Signatures()
    project = QgsProject()
    layout = load_layout(project, template or layout_path("land_use_certificate"))
    draft = certificate_no is None

    title = t("title") + (f" — {t('draft')}" if draft else "")
    set_label(layout, "title", title)
    if signatures.header:
        _fit_label(layout, "header", signatures.header.splitlines())
    date_text = issued_at.strftime("%d/%m/%Y %H:%M") if issued_at else ""
    info = []
    if certificate_no:
        info.append(f"{t('number')}: {certificate_no}")
    if protocol_no:
        info.append(f"{t('protocol')}: {protocol_no}")
    if date_text:
        info.append(f"{t('date')}: {date_text}")
    if applicant:
        info.append(f"{t('applicant')}: {applicant}")
    _fit_label(layout, "issue_info", info)
    reg = f"{num(data.registered_area_m2)} {m2}" if data.registered_area_m2 else "–"
    parcel_lines = [f"{t('kaek')}: {data.kaek}", f"{t('block')}: {data.ot_code or '–'}",
                    f"{t('address')}: {data.address or '–'}"]
    area_lines = [f"{t('gis_area')}: {num(data.gis_area_m2)} {m2}", f"{t('registered_area')}: {reg}",
                  f"{t('as_of')}: {data.as_of}"]
    if isinstance(layout.itemById("area_info"), QgsLayoutItemLabel):
        _fit_label(layout, "parcel_info", parcel_lines)
        _fit_label(layout, "area_info", area_lines)
    else:  # an older template: one label of two lines
        _fit_label(layout, "parcel_info", ["    ".join(parcel_lines), "    ".join(area_lines)])

    # map
    map_item = layout.itemById("map")
    layers = []
    notes = list(data.notes)
    if isinstance(map_item, QgsLayoutItemMap):
        polygon = QgsFillSymbol.createSimple
        zones = labelled_layer("MultiPolygon", t("legend_zones"), data.zones, polygon({
            "color": "255,236,170,110", "outline_color": "120,40,160", "outline_width": "0.5",
            "outline_style": "dash"}), 9, "#6a1b9a")
        blocks = labelled_layer("MultiPolygon", t("legend_blocks"), data.blocks, polygon({
            "color": "0,0,0,0", "outline_color": "60,60,60", "outline_width": "0.6"}), 10, "#333333")
        neighbours = labelled_layer("MultiPolygon", t("legend_parcels"), data.neighbours, polygon({
            "color": "0,0,0,0", "outline_color": "110,110,110", "outline_width": "0.2"}), 5, "#555555")
        parcel = labelled_layer("MultiPolygon", t("legend_parcel"), [(data.parcel_geometry, data.kaek)], polygon({
            "color": "220,30,30,40", "outline_color": "200,0,0", "outline_width": "0.8"}), 8, "#b00000")
        layers = [parcel, neighbours, blocks, zones]
        xmin, ymin, xmax, ymax = shapely.bounds(data.parcel_geometry)
        size = map_item.sizeWithUnits()
        scale, standard = choose_scale(xmax - xmin, ymax - ymin, size.width(), size.height(), scales=SCALES,
                                       fallback=(), round_to=500)
        frame_map(layout, map_item, layers, ((xmin + xmax) / 2, (ymin + ymax) / 2), scale,
                  grid_step=max(10, scale // 20), bar_step=max(5, scale // 50))
        set_label(layout, "scale_text", f"{t('scale')} 1:{scale}\n{t('crs')}")
        legend = layout.itemById("legend")
        if isinstance(legend, QgsLayoutItemLegend):
            root = legend.model().rootGroup()
            root.removeAllChildren()
            for layer in layers:
                if layer.featureCount():
                    root.addLayer(layer)
            legend.adjustBoxSize()
        if not standard:
            notes.append(t("scale_note").format(scale=scale))

    # what flows down the page(s): from under the lowest fixed item to above the footer
    flow_ids = {"zones_table", "terms", "plans", "notes", "signature", "signature_author", "stamp", "stamp_text",
                "footer", "page_number"}
    fixed_bottom = max((item.pagePositionWithUnits().y() + item.sizeWithUnits().height()
                        for item in layout.items() if hasattr(item, "pagePositionWithUnits")
                        and item.id() and item.id() not in flow_ids and item.page() == 0), default=60.0)
    footer = layout.itemById("footer")
    page_number = layout.itemById("page_number")
    page_height = layout.pageCollection().page(0).pageSize().height()
    bottom = (footer.pagePositionWithUnits().y() if footer is not None else page_height - 15.0) - 3.0
    header = layout.itemById("header")
    page_top = header.pagePositionWithUnits().y() if header is not None else 12.0

    def running_header(page):
        label = clone_label(footer) if footer is not None else QgsLayoutItemLabel(layout)
        label.setHAlign(Qt.AlignmentFlag.AlignLeft)
        label.setText(t("continued").format(title=t("title"), number=certificate_no or t("draft"), kaek=data.kaek))
        flow.put(label, left, page_top, right - left, 5.0)
        flow.y = page_top + 9.0

    title_item = layout.itemById("title")
    left = title_item.pagePositionWithUnits().x() if title_item is not None else 15.0
    right = left + (title_item.sizeWithUnits().width() if title_item is not None else 180.0)
    flow = PageFlow(layout, fixed_bottom + 4.0, bottom, page_top, on_new_page=running_header)
    body = layout.itemById("terms")

    def heading():
        if not isinstance(body, QgsLayoutItemLabel):
            return None
        label = clone_label(body)
        font = QFont(body.font())
        font.setBold(True)
        label.setFont(font)
        return label

    # zone table
    frame = layout.itemById("zones_table")
    table = frame.multiFrame() if frame is not None and hasattr(frame, "multiFrame") else None
    if table is not None and hasattr(table, "setContents"):
        headers = ["col_zone", "col_use", "col_area", "col_share", "col_share_reg", "col_far", "col_cov",
                   "col_height", "col_floor", "col_foot"]
        contents = []
        for row in data.rows:
            zone = row["zone_code"] or t("unzoned")
            if row["overlap"]:
                zone = f"{t('overlap')}: {row['zone_code']}"
            if row["sliver"]:
                zone += f" ({t('sliver')})"
            height = " / ".join(x for x in (num(row.get("max_height_m"), 1) if row.get("max_height_m") is not None
                                            else None,
                                            str(row["max_floors"]) if row.get("max_floors") is not None else None)
                                if x) or "–"
            contents.append([
                zone, _category_label(row.get("category_code"), language), num(row["area_m2"]), num(row["share_pct"]),
                num(row.get("share_registered_pct")), num(row.get("far")), num(row.get("coverage_pct"), 0),
                height, num(row.get("max_floor_area_m2")), num(row.get("max_footprint_m2")),
            ])
        # the frame takes the table's width: fit the columns to the text width of the page
        header_row, contents = _fit_table(table, [t(h) for h in headers], contents, right - left)
        zones_heading = heading()
        if zones_heading is not None:
            # the heading goes with the table: both on the next page when the header and a row do not fit
            if flow.room < 25.0:
                flow.new_page()
            flow.text(zones_heading, t("zones_heading"), keep=1)
        flow.table(frame, header_row, contents)
        flow.skip(4.0)

    # terms
    c = data.conformity
    total_floor = sum(r["max_floor_area_m2"] for r in data.rows if _ok(r.get("max_floor_area_m2")))
    total_foot = sum(r["max_footprint_m2"] for r in data.rows if _ok(r.get("max_footprint_m2")))

    def verdict(value):
        return t("unknown") if value is None else (t("meets") if value else t("fails"))

    m = t("m")
    lines = [f"• {t('total_floor')}: {num(total_floor)} {m2}",
             f"• {t('total_foot')}: {num(total_foot)} {m2}"]
    if c is not None:
        if c.min_plot_area_m2 is None:
            lines.append(f"• {t('min_area')}: {t('no_requirement')}")
        else:
            lines.append(f"• {t('min_area')}: {num(c.min_plot_area_m2)} {m2} — {verdict(c.meets_area)}")
        if c.frontage_m is None:
            lines.append(f"• {t('frontage')}: {t('frontage_not_measured')}")
        elif c.min_frontage_m is None:
            lines.append(f"• {t('frontage')}: {num(c.frontage_m)} {m} — {t('no_requirement')}")
        else:
            lines.append(f"• {t('frontage')}: {num(c.frontage_m)} {m} ({t('min_frontage')} "
                         f"{num(c.min_frontage_m)} {m}) — {verdict(c.meets_frontage)}")
        if c.frontage_m is not None and data.frontage_method:
            lines.append(f"  ({t('frontage_' + data.frontage_method)})")
    if isinstance(body, QgsLayoutItemLabel):
        flow.text(body, "\n".join(lines), keep=3, heading=heading(), heading_text=t("terms"))
        flow.skip(3.0)

    plan_lines = []
    if data.plans:
        for name, fek, valid_from in data.plans:
            parts = [p for p in (name, fek_citation(fek),
                                 f"{t('valid_from')} {valid_from}" if valid_from else None) if p]
            plan_lines.append("• " + ", ".join(parts))
    else:
        plan_lines.append(t("no_plans"))
    plans_item = layout.itemById("plans")
    if isinstance(plans_item, QgsLayoutItemLabel):
        flow.text(plans_item, "\n".join(plan_lines), keep=2, heading=heading(),
                  heading_text=t("plans_heading"))
        flow.skip(3.0)

    abs_m2, pct = data.thresholds
    note_lines = [f"{t('thresholds')}: < {num(abs_m2)} {m2} {t('or')} < {num(pct)} % {t('of_parcel')}."]
    overlaps = [r for r in data.rows if r["overlap"]]
    for r in overlaps:
        note_lines.append(t("overlap_note").format(zones=r["zone_code"], area=num(r["area_m2"])))
    slivers = [r for r in data.rows if r["sliver"]]
    if slivers:
        items = ", ".join(f"{r['zone_code'] or t('unzoned')} {num(r['area_m2'])} {m2}" for r in slivers)
        note_lines.append(t("sliver_note").format(items=items))
    if data.repair_reason:
        note_lines.append(t("repair_note").format(reason=data.repair_reason))
    note_lines += notes
    notes_item = layout.itemById("notes")
    if isinstance(notes_item, QgsLayoutItemLabel):
        flow.text(notes_item, "\n".join(note_lines), keep=2, heading=heading(),
                  heading_text=t("notes_heading"))
        flow.skip(6.0)

    # signatures, with the place of the stamp
    _set_signature(layout, "signature_author", signatures.author_role or t("author_role"), signatures.author_name,
                   signatures.author_title)
    _set_signature(layout, "signature", signatures.head_role or t("head_role"), signatures.head_name,
                   signatures.head_title)
    set_label(layout, "stamp_text", t("stamp"))
    flow.group([layout.itemById(i) for i in ("signature_author", "stamp", "stamp_text", "signature")])

    # footer and page number on every page
    footer_text = t("draft_footer") if draft else f"{t('verification')}: {verification_code}    {t('verify_hint')}"
    pages = layout.pageCollection().pageCount()
    for item, texts in ((footer, [footer_text] * pages),
                        (page_number, [t("page").format(page=p + 1, pages=pages) for p in range(pages)])):
        if not isinstance(item, QgsLayoutItemLabel):
            continue
        item.setText(texts[0])
        position, size = item.pagePositionWithUnits(), item.sizeWithUnits()
        for p in range(1, pages):
            copy = clone_label(item)
            copy.setText(texts[p])
            flow.page = p
            flow.put(copy, position.x(), position.y(), size.width(), size.height())

    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        export_pdf(layout, out_path, dpi=200, text_as_text=True)
    finally:
        del layers
    return out_path


def _fit_label(layout, item_id: str, lines: list[str]) -> None:
    """Set a fixed label's text, wrapped to its width; when it is taller than the label (a long
    letterhead or applicant), the font is made smaller, down to 6 pt, rather than cut."""
    item = layout.itemById(item_id)
    if not isinstance(item, QgsLayoutItemLabel):
        return
    width, height = item.sizeWithUnits().width(), item.sizeWithUnits().height()
    font = QFont(item.font())
    wrapped = wrap_text(font, "\n".join(lines), width)
    while text_height_mm(font, len(wrapped)) > height and font.pointSizeF() > 6.0:
        font.setPointSizeF(font.pointSizeF() - 0.5)
        wrapped = wrap_text(font, "\n".join(lines), width)
    item.setFont(font)
    item.setText("\n".join(wrapped))


def _ok(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))
