"""Filling the land-use certificate print layout (resources/layouts/land_use_certificate.qpt).

The municipality may edit the template (header, logo, positions, fonts). Items are found by their
id; a missing item is skipped, never an error. Texts on the certificate follow the document
language chosen by the user (Greek by default, English on request), independent of the
interface language, so they come from `TEXTS` rather than from the interface translation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import shapely
from qgis.core import (
    QgsFillSymbol,
    QgsLayoutItemMap,
    QgsLayoutTableColumn,
    QgsProject,
)

from municipal_gis.core.topographic import choose_scale
from municipal_gis.layers.maps import export_pdf, frame_map, labelled_layer, load_layout, set_label
from municipal_gis.paths import layout_path

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
    "col_area": ("Area m²", "Εμβαδόν τ.μ."),
    "col_share": ("Share %", "Ποσοστό %"),
    "col_share_reg": ("% of title", "% τίτλου"),
    "col_far": ("ΣΔ", "ΣΔ"),
    "col_cov": ("Coverage %", "Κάλυψη %"),
    "col_height": ("Height m / floors", "Ύψος μ. / όροφοι"),
    "col_floor": ("Max floor area m²", "Μέγ. δόμηση τ.μ."),
    "col_foot": ("Max footprint m²", "Μέγ. κάλυψη τ.μ."),
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
}


def text(key: str, language: str) -> str:
    en, el = TEXTS[key]
    return en if language == "en" else el


def fmt_number(value, decimals: int = 2, language: str = "el") -> str:
    """Number with the document's separators (Greek: 1.234,56)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    s = f"{value:,.{decimals}f}"
    if language != "en":
        s = s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return s


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


def _category_label(code, language):
    """The ΠΔ 59/2018 category in words (the code itself when it is not in the list)."""
    from municipal_gis.layers.vocabularies import codes, label

    if not code:
        return "–"
    return label("landuse_general", code, language) if code in codes("landuse_general") else str(code)


def render(data: CertificateData, out_path, language: str = "el", certificate_no: str | None = None,
           verification_code: str | None = None, issued_at=None, protocol_no: str | None = None,
           applicant: str | None = None, template: Path | None = None) -> Path:
    """Fill the template with one parcel's certificate and export it to `out_path` (PDF)."""
    t = lambda key: text(key, language)  # noqa: E731
    num = lambda v, d=2: fmt_number(v, d, language)  # noqa: E731
    project = QgsProject()
    layout = load_layout(project, template or layout_path("land_use_certificate"))
    draft = certificate_no is None

    title = t("title") + (f" — {t('draft')}" if draft else "")
    set_label(layout, "title", title)
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
    set_label(layout, "issue_info", "\n".join(info))
    reg = f"{num(data.registered_area_m2)} m²" if data.registered_area_m2 else "–"
    set_label(layout, "parcel_info", "\n".join([
        f"{t('kaek')}: {data.kaek}        {t('block')}: {data.ot_code or '–'}        "
        f"{t('address')}: {data.address or '–'}",
        f"{t('gis_area')}: {num(data.gis_area_m2)} m²        {t('registered_area')}: {reg}        "
        f"{t('as_of')}: {data.as_of}",
    ]))

    # map
    map_item = layout.itemById("map")
    layers = []
    notes = list(data.notes)
    if isinstance(map_item, QgsLayoutItemMap):
        polygon = QgsFillSymbol.createSimple
        zones = labelled_layer("MultiPolygon", "zones", data.zones, polygon({
            "color": "255,236,170,110", "outline_color": "120,40,160", "outline_width": "0.5",
            "outline_style": "dash"}), 9, "#6a1b9a")
        blocks = labelled_layer("MultiPolygon", "blocks", data.blocks, polygon({
            "color": "0,0,0,0", "outline_color": "60,60,60", "outline_width": "0.6"}), 10, "#333333")
        neighbours = labelled_layer("MultiPolygon", "parcels", data.neighbours, polygon({
            "color": "0,0,0,0", "outline_color": "110,110,110", "outline_width": "0.2"}), 5, "#555555")
        parcel = labelled_layer("MultiPolygon", "parcel", [(data.parcel_geometry, data.kaek)], polygon({
            "color": "220,30,30,40", "outline_color": "200,0,0", "outline_width": "0.8"}), 8, "#b00000")
        layers = [parcel, neighbours, blocks, zones]
        xmin, ymin, xmax, ymax = shapely.bounds(data.parcel_geometry)
        size = map_item.sizeWithUnits()
        scale, standard = choose_scale(xmax - xmin, ymax - ymin, size.width(), size.height(), scales=SCALES,
                                       fallback=(), round_to=500)
        frame_map(layout, map_item, layers, ((xmin + xmax) / 2, (ymin + ymax) / 2), scale,
                  grid_step=max(10, scale // 20), bar_step=max(5, scale // 50))
        set_label(layout, "scale_text", f"{t('scale')} 1:{scale}")
        if not standard:
            notes.append(t("scale_note").format(scale=scale))

    # zone table
    frame = layout.itemById("zones_table")
    table = frame.multiFrame() if frame is not None and hasattr(frame, "multiFrame") else None
    if table is not None and hasattr(table, "setContents"):
        headers = ["col_zone", "col_use", "col_area", "col_share", "col_share_reg", "col_far", "col_cov",
                   "col_height", "col_floor", "col_foot"]
        table.setColumns([QgsLayoutTableColumn(t(h)) for h in headers])
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
        table.setContents(contents)
        table.refresh()

    # terms
    c = data.conformity
    total_floor = sum(r["max_floor_area_m2"] for r in data.rows if _ok(r.get("max_floor_area_m2")))
    total_foot = sum(r["max_footprint_m2"] for r in data.rows if _ok(r.get("max_footprint_m2")))

    def verdict(value):
        return t("unknown") if value is None else (t("meets") if value else t("fails"))

    lines = [t("terms"),
             f"• {t('total_floor')}: {num(total_floor)} m²",
             f"• {t('total_foot')}: {num(total_foot)} m²"]
    if c is not None:
        if c.min_plot_area_m2 is None:
            lines.append(f"• {t('min_area')}: {t('no_requirement')}")
        else:
            lines.append(f"• {t('min_area')}: {num(c.min_plot_area_m2)} m² — {verdict(c.meets_area)}")
        if c.frontage_m is None:
            lines.append(f"• {t('frontage')}: {t('frontage_not_measured')}")
        elif c.min_frontage_m is None:
            lines.append(f"• {t('frontage')}: {num(c.frontage_m)} m — {t('no_requirement')}")
        else:
            lines.append(f"• {t('frontage')}: {num(c.frontage_m)} m ({t('min_frontage')} "
                         f"{num(c.min_frontage_m)} m) — {verdict(c.meets_frontage)}")
        if c.frontage_m is not None and data.frontage_method:
            lines.append(f"  ({t('frontage_' + data.frontage_method)})")
    set_label(layout, "terms", "\n".join(lines))

    plan_lines = [t("plans") + ":"]
    if data.plans:
        for name, fek, valid_from in data.plans:
            parts = [p for p in (name, f"ΦΕΚ {fek}" if fek else None,
                                 f"{t('valid_from')} {valid_from}" if valid_from else None) if p]
            plan_lines.append("• " + ", ".join(parts))
    else:
        plan_lines.append(t("no_plans"))
    set_label(layout, "plans", "\n".join(plan_lines))

    abs_m2, pct = data.thresholds
    note_lines = [f"{t('thresholds')}: < {num(abs_m2)} m² {t('or')} < {num(pct)} % {t('of_parcel')}."]
    overlaps = [r for r in data.rows if r["overlap"]]
    for r in overlaps:
        note_lines.append(t("overlap_note").format(zones=r["zone_code"], area=num(r["area_m2"])))
    slivers = [r for r in data.rows if r["sliver"]]
    if slivers:
        items = ", ".join(f"{r['zone_code'] or t('unzoned')} {num(r['area_m2'])} m²" for r in slivers)
        note_lines.append(t("sliver_note").format(items=items))
    if data.repair_reason:
        note_lines.append(t("repair_note").format(reason=data.repair_reason))
    note_lines += notes
    set_label(layout, "notes", "\n".join(note_lines))

    if draft:
        set_label(layout, "footer", t("draft_footer"))
    else:
        set_label(layout, "footer", f"{t('verification')}: {verification_code}    {t('verify_hint')}")

    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        export_pdf(layout, out_path, dpi=200, text_as_text=True)
    finally:
        del layers
    return out_path


def _ok(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))
