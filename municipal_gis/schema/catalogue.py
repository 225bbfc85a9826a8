"""The declarative catalogue: every municipal layer, its fields, aliases, value lists and relations.

This module is pure Python (no Qt, no GDAL) so that the core, the database builders, the checks
and the tests all read one definition. The GeoPackage and PostGIS builders
(`municipal_gis.layers.database`), the checker and the QGIS project loader
(`municipal_gis.layers.project`) are driven by it.

Field and layer ids are frozen: later work and users' scripts rely on them. To change the
schema, add fields or layers, bump `SCHEMA_VERSION` and add a step to `MIGRATIONS`.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = 2  # 2: edit history, row versions, lineage; the certificate register's hash chain
CRS_EPSG = 2100
METADATA_TABLE = "mgis_metadata"
PROJECT_LAYER = "programme_project"
PROJECT_KEY = "project_code"
LOOKUP_KEYS = ("project_code", "property_code", "kaek", "ot_code")  # indexed wherever they are not unique

# field types understood by every backend
TEXT, INTEGER, REAL, DATE, DATETIME, BOOLEAN = "text", "integer", "real", "date", "datetime", "boolean"
FIELD_TYPES = (TEXT, INTEGER, REAL, DATE, DATETIME, BOOLEAN)


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    alias_en: str
    alias_el: str
    vocabulary: str | None = None
    not_null: bool = False
    unique: bool = False
    length: int = 0
    personal: bool = False  # personal data: left out of exports unless asked for

    def alias(self, language: str) -> str:
        return self.alias_el if language == "el" else self.alias_en


@dataclass(frozen=True)
class Layer:
    id: str
    name_en: str
    name_el: str
    geometry: str | None  # 'MultiPolygon', 'Point', 'LineString' or None for a table
    group: str
    fields: tuple[Field, ...]
    display_expression: str = ""
    project_link: bool = True  # carries a project_code that relates to programme_project
    append_only: bool = False

    def name(self, language: str) -> str:
        return self.name_el if language == "el" else self.name_en

    @property
    def is_spatial(self) -> bool:
        return self.geometry is not None

    @property
    def all_fields(self) -> tuple[Field, ...]:
        fields = self.fields
        if self.project_link and not any(f.name == PROJECT_KEY for f in self.fields):
            fields = fields + (PROJECT_FIELD,)
        if self.id in HISTORY_LAYERS:
            fields = fields + (VERSION_FIELD,)
        return fields

    def field(self, name: str) -> Field:
        for candidate in self.all_fields:
            if candidate.name == name:
                return candidate
        raise KeyError(f"{self.id}.{name}")

    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.all_fields)

    def indexed_fields(self) -> tuple[Field, ...]:
        """Key fields that other layers look up by (unique fields are indexed by their constraint)."""
        return tuple(f for f in self.all_fields if f.name in LOOKUP_KEYS and not f.unique)


@dataclass(frozen=True)
class Relation:
    id: str
    name_en: str
    name_el: str
    referencing_layer: str  # child, holds the foreign key
    referencing_field: str
    referenced_layer: str  # parent
    referenced_field: str


@dataclass(frozen=True)
class Group:
    id: str
    name_en: str
    name_el: str

    def name(self, language: str) -> str:
        return self.name_el if language == "el" else self.name_en


PROJECT_FIELD = Field(PROJECT_KEY, TEXT, "Project code", "Κωδικός έργου τεχνικού προγράμματος")

# Edit history (schema 2): every change to these layers is recorded by database triggers in a
# `<layer>_history` table (municipal_gis.layers.history), and each row carries a version that the
# database raises on every update (optimistic locking on PostGIS).
HISTORY_LAYERS = ("parcel", "city_block", "land_use_zone", "municipal_property", "lease", "encroachment")
ROW_VERSION = "row_version"
VERSION_FIELD = Field(ROW_VERSION, INTEGER, "Row version", "Έκδοση εγγραφής")
HISTORY_SUFFIX = "_history"
PARCEL_ACTIVE, PARCEL_CLOSED = "active", "closed"  # parcel.status; empty means active


def _f(name, type_, en, el, **kw) -> Field:
    return Field(name, type_, en, el, **kw)


GROUPS: tuple[Group, ...] = (
    Group("programme", "Technical programme", "Τεχνικό πρόγραμμα"),
    Group("property", "Municipal property", "Δημοτική περιουσία"),
    Group("planning", "Cadastre and planning", "Κτηματολόγιο και πολεοδομία"),
    Group("services", "Playgrounds and mobility", "Παιδικές χαρές και κινητικότητα"),
    Group("regeneration", "Population and regeneration", "Πληθυσμός και αναζωογόνηση"),
    Group("base", "Base map", "Υπόβαθρο"),
)

LAYERS: tuple[Layer, ...] = (
    Layer(
        "programme_project", "Technical programme projects", "Έργα τεχνικού προγράμματος", "MultiPolygon",
        "programme",
        (
            _f("project_code", TEXT, "Project code", "Κωδικός έργου", not_null=True, unique=True),
            _f("title", TEXT, "Title", "Τίτλος", not_null=True),
            _f("kind", TEXT, "Kind", "Είδος", vocabulary="action_kind"),
            _f("continuing", TEXT, "Continuing or new", "Σ/Ν", vocabulary="continuity"),
            _f("implementing_service", TEXT, "Implementing service", "Υπηρεσία υλοποίησης"),
            _f("year", INTEGER, "Programme year", "Έτος προγράμματος"),
            _f("budget_eur", REAL, "Budget (€)", "Προϋπολογισμός (€)"),
            _f("ka_codes", TEXT, "Budget codes (Κ.Α.)", "Κ.Α. προϋπολογισμού"),
            _f("op_measure", TEXT, "Operational programme measure", "Άξονας / Μέτρο Ε.Π."),
            _f("status", TEXT, "Phase", "Φάση", vocabulary="project_phase"),
            _f("siting", TEXT, "Siting", "Χωροθέτηση"),
            _f("schedule", TEXT, "Schedule", "Χρονοπρογραμματισμός"),
            _f("start_date", DATE, "Start", "Έναρξη"),
            _f("end_date", DATE, "End", "Λήξη"),
            _f("funding_sought", BOOLEAN, "Funding being sought", "Αναζήτηση χρηματοδότησης"),
            _f("source_ref", TEXT, "Source reference", "Πηγή (έγγραφο:γραμμή)"),
            _f("aa_text", TEXT, "Α/Α (verbatim)", "Α/Α (όπως γράφεται)"),
            _f("title_text", TEXT, "Title (verbatim)", "Περιγραφή (όπως γράφεται)"),
            _f("kind_text", TEXT, "Kind (verbatim)", "Είδος (όπως γράφεται)"),
            _f("siting_text", TEXT, "Siting (verbatim)", "Χωροθέτηση (όπως γράφεται)"),
            _f("continuing_text", TEXT, "Σ/Ν (verbatim)", "Σ/Ν (όπως γράφεται)"),
            _f("service_text", TEXT, "Service (verbatim)", "Υπηρεσία (όπως γράφεται)"),
            _f("schedule_text", TEXT, "Schedule (verbatim)", "Χρονοπρογραμματισμός (όπως γράφεται)"),
            _f("budget_text", TEXT, "Budget (verbatim)", "Προϋπολογισμός (όπως γράφεται)"),
            _f("funding_text", TEXT, "Funding (verbatim)", "Πηγή χρηματοδότησης (όπως γράφεται)"),
            _f("ka_text", TEXT, "Κ.Α. (verbatim)", "Κ.Α. (όπως γράφεται)"),
            _f("measure_text", TEXT, "Measure (verbatim)", "Άξονας Μέτρο (όπως γράφεται)"),
        ),
        display_expression='"project_code" || \' – \' || "title"',
        project_link=False,
    ),
    Layer(
        "project_funding", "Project funding", "Χρηματοδότηση έργων", None, "programme",
        (
            _f("project_code", TEXT, "Project code", "Κωδικός έργου", not_null=True),
            _f("funding_source", TEXT, "Funding source", "Πηγή χρηματοδότησης", vocabulary="funding_source"),
            _f("amount_eur", REAL, "Amount (€)", "Ποσό (€)"),
            _f("year", INTEGER, "Year", "Έτος"),
            _f("source_text", TEXT, "Funding (verbatim)", "Πηγή (όπως γράφεται)"),
        ),
        display_expression='"funding_source"',
        project_link=False,
    ),
    Layer(
        "municipal_property", "Municipal property", "Δημοτική περιουσία", "MultiPolygon", "property",
        (
            _f("property_code", TEXT, "Property code", "Κωδικός ακινήτου", not_null=True, unique=True),
            _f("name", TEXT, "Name", "Ονομασία"),
            _f("kaek", TEXT, "ΚΑΕΚ", "ΚΑΕΚ"),
            _f("property_type", TEXT, "Property type", "Είδος ακινήτου", vocabulary="property_type"),
            _f("acquisition", TEXT, "Acquisition", "Τρόπος κτήσης", vocabulary="acquisition"),
            _f("bequest_name", TEXT, "Bequest", "Κληροδότημα"),
            _f("current_use", TEXT, "Current use", "Τρέχουσα χρήση"),
            _f("status", TEXT, "Status", "Κατάσταση", vocabulary="property_status"),
            _f("address", TEXT, "Address", "Διεύθυνση"),
            _f("ot_code", TEXT, "City block (Ο.Τ.)", "Ο.Τ."),
            _f("registered_area_m2", REAL, "Registered area (m²)", "Εμβαδόν τίτλου (τ.μ.)"),
            _f("forest_check", BOOLEAN, "Forest-character check", "Έλεγχος δασικού χαρακτήρα"),
            _f("listed_building", BOOLEAN, "Listed building", "Διατηρητέο"),
        ),
        display_expression='"property_code" || \' – \' || coalesce("name", \'\')',
    ),
    Layer(
        "lease", "Leases", "Εκμισθώσεις", None, "property",
        (
            _f("lease_code", TEXT, "Lease code", "Κωδικός μίσθωσης", not_null=True, unique=True),
            _f("property_code", TEXT, "Property code", "Κωδικός ακινήτου", not_null=True),
            _f("lessee", TEXT, "Lessee", "Μισθωτής", personal=True),
            _f("purpose", TEXT, "Purpose", "Σκοπός μίσθωσης"),
            _f("start_date", DATE, "Start", "Έναρξη"),
            _f("end_date", DATE, "End", "Λήξη"),
            _f("annual_rent_eur", REAL, "Annual rent (€)", "Ετήσιο μίσθωμα (€)"),
            _f("decision_ref", TEXT, "Decision (ΑΔΑ)", "Απόφαση (ΑΔΑ)"),
            _f("status", TEXT, "Status", "Κατάσταση", vocabulary="lease_status"),
        ),
        display_expression='"lease_code" || \' – \' || coalesce("purpose", \'\')',
    ),
    Layer(
        "encroachment", "Encroachments", "Καταπατήσεις", "MultiPolygon", "property",
        (
            _f("property_code", TEXT, "Property code", "Κωδικός ακινήτου", not_null=True),
            _f("detected_on", DATE, "Detected on", "Ημερομηνία εντοπισμού"),
            _f("area_m2", REAL, "Area (m²)", "Εμβαδόν (τ.μ.)"),
            _f("fee_eur", REAL, "Arbitrary-use fee (€)", "Τέλος αυθαίρετης χρήσης (€)"),
            _f("neighbour_kaek", TEXT, "Neighbouring ΚΑΕΚ", "ΚΑΕΚ όμορου"),
            _f("status", TEXT, "Status", "Κατάσταση", vocabulary="encroachment_status"),
        ),
        display_expression='"property_code"',
    ),
    Layer(
        "parcel", "Parcels", "Γεωτεμάχια", "MultiPolygon", "planning",
        (
            _f("kaek", TEXT, "ΚΑΕΚ", "ΚΑΕΚ", not_null=True, unique=True),
            _f("ot_code", TEXT, "City block (Ο.Τ.)", "Ο.Τ."),
            _f("address", TEXT, "Address", "Διεύθυνση"),
            _f("registered_area_m2", REAL, "Registered area (m²)", "Εμβαδόν τίτλου (τ.μ.)"),
            _f("owner_type", TEXT, "Owner type", "Είδος ιδιοκτησίας", vocabulary="owner_type"),
            _f("status", TEXT, "Status", "Κατάσταση", vocabulary="parcel_status"),
            _f("closed_at", DATETIME, "Closed at", "Κλείσιμο"),
        ),
        display_expression='"kaek"',
    ),
    Layer(
        "city_block", "City blocks (Ο.Τ.)", "Οικοδομικά τετράγωνα", "MultiPolygon", "planning",
        (
            _f("ot_code", TEXT, "City block (Ο.Τ.)", "Ο.Τ.", not_null=True),
            _f("planning_unit", TEXT, "Planning unit", "Πολεοδομική ενότητα"),
            _f("community", TEXT, "Community", "Κοινότητα"),
        ),
        display_expression='\'Ο.Τ. \' || "ot_code"',
    ),
    Layer(
        "land_use_zone", "Land-use zones", "Ζώνες χρήσεων γης", "MultiPolygon", "planning",
        (
            _f("zone_code", TEXT, "Zone code", "Κωδικός ζώνης", not_null=True),
            _f("category_code", TEXT, "General land-use category", "Γενική κατηγορία χρήσης (ΠΔ 59/2018)",
               vocabulary="landuse_general"),
            _f("special_use", TEXT, "Special use", "Ειδική χρήση"),
            _f("far", REAL, "Floor-area ratio (ΣΔ)", "Συντελεστής δόμησης (ΣΔ)"),
            _f("coverage_pct", REAL, "Coverage (%)", "Κάλυψη (%)"),
            _f("max_height_m", REAL, "Max height (m)", "Μέγιστο ύψος (μ.)"),
            _f("max_floors", INTEGER, "Max floors", "Μέγιστος αριθμός ορόφων"),
            _f("min_plot_area_m2", REAL, "Min plot area (m²)", "Ελάχιστο εμβαδόν αρτιότητας (τ.μ.)"),
            _f("min_frontage_m", REAL, "Min frontage (m)", "Ελάχιστο πρόσωπο (μ.)"),
            _f("plan_name", TEXT, "Plan", "Σχέδιο"),
            _f("fek_ref", TEXT, "ΦΕΚ", "ΦΕΚ"),
            _f("valid_from", DATE, "Valid from", "Ισχύει από"),
            _f("valid_to", DATE, "Valid to", "Ισχύει έως"),
        ),
        display_expression='"zone_code"',
    ),
    Layer(
        "street", "Streets", "Οδοί", "LineString", "base",
        (
            _f("name", TEXT, "Name", "Ονομασία"),
            _f("walkable", BOOLEAN, "Walkable", "Βατή για πεζούς"),
            _f("street_class", TEXT, "Class", "Κατηγορία"),
        ),
        display_expression='"name"',
    ),
    Layer(
        "community", "Communities", "Κοινότητες", "MultiPolygon", "base",
        (
            _f("name", TEXT, "Name", "Ονομασία", not_null=True),
            _f("kind", TEXT, "Kind", "Είδος", vocabulary="community_kind"),
            _f("municipal_unit", TEXT, "Municipal unit", "Δημοτική Ενότητα"),
            _f("is_city", BOOLEAN, "City (not village)", "Πόλη (όχι χωριό)"),
        ),
        display_expression='"name"',
    ),
    Layer(
        "playground", "Playgrounds", "Παιδικές χαρές", "Point", "services",
        (
            _f("name", TEXT, "Name", "Ονομασία"),
            _f("address", TEXT, "Address", "Διεύθυνση"),
            _f("area_m2", REAL, "Area (m²)", "Εμβαδόν (τ.μ.)"),
            _f("age_group", TEXT, "Age group", "Ηλικιακή ομάδα", vocabulary="age_group"),
            _f("certified_until", DATE, "Operating mark valid until", "Σήμα λειτουργίας έως"),
            _f("status", TEXT, "Status", "Κατάσταση", vocabulary="playground_status"),
            _f("plan_code", TEXT, "Plan code (Ο.Π.)", "Κωδικός σχεδίου (Ο.Π.)"),
        ),
        display_expression='"name"',
    ),
    Layer(
        "bike_station", "Shared-bike stations", "Σταθμοί κοινόχρηστων ποδηλάτων", "Point", "services",
        (
            _f("name", TEXT, "Name", "Ονομασία"),
            _f("docks", INTEGER, "Docks", "Θέσεις"),
            _f("status", TEXT, "Status", "Κατάσταση", vocabulary="bike_station_status"),
        ),
        display_expression='"name"',
    ),
    Layer(
        "census_block", "Census blocks", "Απογραφικά τμήματα", "MultiPolygon", "regeneration",
        (
            _f("block_code", TEXT, "Block code", "Κωδικός τμήματος", not_null=True, unique=True),
            _f("community", TEXT, "Community", "Κοινότητα"),
            _f("population", INTEGER, "Population", "Πληθυσμός"),
            _f("pop_0_14", INTEGER, "Population 0–14", "Πληθυσμός 0–14"),
            _f("pop_65_plus", INTEGER, "Population 65+", "Πληθυσμός 65+"),
            _f("labour_force", INTEGER, "Labour force", "Εργατικό δυναμικό"),
            _f("unemployed", INTEGER, "Unemployed", "Άνεργοι"),
            _f("adults_25_64", INTEGER, "Adults 25–64", "Ενήλικες 25–64"),
            _f("low_education", INTEGER, "Adults with low education", "Ενήλικες χαμηλής εκπαίδευσης"),
            _f("households", INTEGER, "Households", "Νοικοκυριά"),
            _f("overcrowded_households", INTEGER, "Overcrowded households", "Υπερπλήρη νοικοκυριά"),
            _f("non_nationals", INTEGER, "Non-national residents", "Αλλοδαποί κάτοικοι"),
            _f("dwellings", INTEGER, "Dwellings", "Κατοικίες"),
            _f("dwellings_pre_1980", INTEGER, "Dwellings built before 1980", "Κατοικίες προ του 1980"),
            _f("unemployment_rate", REAL, "Unemployment rate", "Ποσοστό ανεργίας"),
            _f("low_education_share", REAL, "Low-education share", "Ποσοστό χαμηλής εκπαίδευσης"),
            _f("overcrowding_share", REAL, "Overcrowding share", "Ποσοστό υπερπληρότητας"),
            _f("non_national_share", REAL, "Non-national share", "Ποσοστό αλλοδαπών"),
            _f("old_housing_share", REAL, "Old housing share", "Ποσοστό παλαιών κατοικιών"),
        ),
        display_expression='"block_code"',
    ),
    Layer(
        "regeneration_zone", "Regeneration zones", "Περιοχές παρέμβασης", "MultiPolygon", "regeneration",
        (
            _f("name", TEXT, "Name", "Ονομασία", not_null=True),
            _f("programme", TEXT, "Programme", "Πρόγραμμα"),
            _f("population", INTEGER, "Population", "Πληθυσμός"),
            _f("status", TEXT, "Status", "Κατάσταση", vocabulary="zone_status"),
        ),
        display_expression='"name"',
    ),
    Layer(
        "land_use_certificate", "Land-use certificate register", "Μητρώο βεβαιώσεων χρήσεων γης", None,
        "planning",
        (
            _f("certificate_no", TEXT, "Certificate number", "Αριθμός βεβαίωσης", not_null=True, unique=True),
            _f("year", INTEGER, "Year", "Έτος", not_null=True),
            _f("sequence", INTEGER, "Sequence in year", "Αύξων αριθμός έτους", not_null=True),
            _f("issued_at", DATETIME, "Issued at", "Ημερομηνία έκδοσης", not_null=True),
            _f("kaek", TEXT, "ΚΑΕΚ", "ΚΑΕΚ", not_null=True),
            _f("applicant", TEXT, "Applicant", "Αιτών", personal=True),
            _f("protocol_no", TEXT, "Protocol number", "Αριθμός πρωτοκόλλου"),
            _f("as_of", DATE, "Plan as of", "Ισχύς σχεδίου κατά"),
            _f("language", TEXT, "Language", "Γλώσσα"),
            _f("result_json", TEXT, "Result rows (JSON)", "Αποτελέσματα (JSON)"),
            _f("plans_used", TEXT, "Plan versions used", "Εκδόσεις σχεδίων"),
            _f("pdf_sha256", TEXT, "PDF SHA-256", "SHA-256 του PDF"),
            _f("verification_code", TEXT, "Verification code", "Κωδικός επαλήθευσης"),
            _f("replaces_no", TEXT, "Replaces certificate", "Αντικαθιστά τη βεβαίωση"),
            _f("prev_hash", TEXT, "Previous entry's hash (SHA-256)", "Αποτύπωμα SHA-256 προηγούμενης εγγραφής"),
            _f("entry_hash", TEXT, "Entry hash (SHA-256)", "Αποτύπωμα SHA-256 εγγραφής"),
        ),
        display_expression='"certificate_no" || \' – \' || "kaek"',
        project_link=False,
        append_only=True,
    ),
    Layer(
        "parcel_lineage", "Parcel lineage", "Γενεαλογία γεωτεμαχίων", None, "planning",
        (
            _f("operation_id", TEXT, "Operation id", "Κωδικός πράξης", not_null=True),
            _f("operation", TEXT, "Operation", "Πράξη", vocabulary="lineage_operation", not_null=True),
            _f("parent_kaek", TEXT, "Parent ΚΑΕΚ", "ΚΑΕΚ γονικού", not_null=True),
            _f("child_kaek", TEXT, "Child ΚΑΕΚ", "ΚΑΕΚ θυγατρικού", not_null=True),
            _f("parent_area_m2", REAL, "Parent registered area (m²)", "Εμβαδόν τίτλου γονικού (τ.μ.)"),
            _f("child_area_m2", REAL, "Child registered area (m²)", "Εμβαδόν τίτλου θυγατρικού (τ.μ.)"),
            _f("user_name", TEXT, "User", "Χρήστης"),
            _f("done_at", DATETIME, "Done at", "Χρόνος", not_null=True),
            _f("reason", TEXT, "Reason", "Αιτιολογία"),
        ),
        display_expression='"parent_kaek" || \' → \' || "child_kaek"',
        project_link=False,
        append_only=True,
    ),
    Layer(
        "edit_exception", "Accepted editing exceptions", "Αποδεκτές εξαιρέσεις ελέγχου", None, "planning",
        (
            _f("layer_id", TEXT, "Layer", "Επίπεδο", not_null=True),
            _f("kaek", TEXT, "ΚΑΕΚ", "ΚΑΕΚ"),
            _f("rule", TEXT, "Rule", "Κανόνας", not_null=True),
            _f("detail", TEXT, "Detail", "Λεπτομέρειες"),
            _f("reason", TEXT, "Reason", "Αιτιολογία", not_null=True),
            _f("user_name", TEXT, "User", "Χρήστης"),
            _f("accepted_at", DATETIME, "Accepted at", "Χρόνος αποδοχής", not_null=True),
        ),
        display_expression='"rule" || \' – \' || coalesce("kaek", \'\')',
        project_link=False,
        append_only=True,
    ),
)

RELATIONS: tuple[Relation, ...] = (
    Relation("property_lease", "Leases", "Εκμισθώσεις", "lease", "property_code", "municipal_property",
             "property_code"),
    Relation("property_encroachment", "Encroachments", "Καταπατήσεις", "encroachment", "property_code",
             "municipal_property", "property_code"),
    Relation("project_funding_rel", "Funding", "Χρηματοδότηση", "project_funding", "project_code",
             "programme_project", "project_code"),
) + tuple(
    Relation(f"project_{layer.id}", layer.name_en, layer.name_el, layer.id, PROJECT_KEY, PROJECT_LAYER,
             PROJECT_KEY)
    for layer in LAYERS
    if layer.project_link
)

# schema version -> list of SQL-free migration callables, applied in order by the builders
MIGRATIONS: dict[int, tuple] = {}

_BY_ID = {layer.id: layer for layer in LAYERS}


def layer(layer_id: str) -> Layer:
    return _BY_ID[layer_id]


def layer_ids() -> tuple[str, ...]:
    return tuple(_BY_ID)


def group(group_id: str) -> Group:
    return next(g for g in GROUPS if g.id == group_id)
