"""Code lists shipped with the plugin (see shared/domain/vocabularies.md).

Each entry is (code, Greek label, English label). Codes are stable ASCII, never translated and
never reused; labels are what users see. Pure Python: the importers in `core` use these too.
"""

from __future__ import annotations

VOCABULARIES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "owner_type": (
        ("municipal", "Δημοτική", "Municipal"),
        ("public", "Δημόσια", "Public"),
        ("private", "Ιδιωτική", "Private"),
        ("unknown", "Άγνωστη", "Unknown"),
    ),
    "property_type": (
        ("land", "Δημοτική έκταση / οικόπεδο", "Municipal land (plot or tract)"),
        ("building", "Δημοτικό κτίριο / οίκημα", "Municipal building"),
        ("facility", "Δημοτική εγκατάσταση", "Municipal facility"),
        ("housing", "Δημοτική στέγη", "Municipal housing"),
        ("common_space", "Κοινόχρηστος χώρος", "Common public space"),
        ("cemetery", "Κοιμητήριο", "Cemetery"),
        ("agricultural_land", "Αγρόκτημα / αγροτεμάχιο", "Agricultural land"),
        ("pasture", "Βοσκότοπος", "Pasture"),
        ("water_area", "Υδάτινη έκταση", "Water area"),
        ("building_unit", "Οριζόντια ιδιοκτησία", "Unit within a building"),
    ),
    "acquisition": (
        ("purchase", "Αγορά", "Purchase"),
        ("bequest", "Κληροδότημα", "Bequest"),
        ("expropriation", "Απαλλοτρίωση", "Expropriation"),
        ("donation", "Δωρεά", "Donation"),
        ("land_contribution", "Εισφορά σε γη (πράξη εφαρμογής)", "Land contribution (implementation act)"),
        ("merger_succession", "Περιέλευση από συνενωθέντα ΟΤΑ", "Succession from merged municipalities"),
        ("state_grant", "Παραχώρηση από το Δημόσιο", "Grant from the State"),
        ("prescription", "Χρησικτησία", "Prescription"),
        ("other", "Άλλο", "Other"),
        ("unknown", "Άγνωστο / υπό διερεύνηση", "Unknown / under investigation"),
    ),
    "property_status": (
        ("own_use", "Ιδιόχρηση", "Used by the municipality"),
        ("leased", "Εκμισθωμένο", "Leased out"),
        ("vacant", "Κενό", "Vacant"),
        ("encroached", "Καταπατημένο", "Encroached"),
        ("under_maintenance", "Υπό συντήρηση", "Under maintenance"),
    ),
    "lease_status": (
        ("planned", "Προς εκμίσθωση", "To be leased"),
        ("auction_announced", "Διακήρυξη δημοπρασίας", "Auction notice published"),
        ("awarded", "Κατακύρωση", "Awarded"),
        ("active", "Σε ισχύ", "Active"),
        ("expiring", "Λήγει", "Expiring"),
        ("expired", "Έληξε", "Expired"),
        ("renewed", "Παράταση / αναμίσθωση", "Extended or re-let"),
        ("terminated", "Λύση / καταγγελία", "Terminated early"),
    ),
    "encroachment_status": (
        ("detected", "Εντοπίστηκε", "Detected"),
        ("notified", "Κοινοποιήθηκε", "Owner notified"),
        ("fee_charged", "Βεβαιώθηκε τέλος", "Fee charged"),
        ("disputed", "Αμφισβητείται", "Disputed"),
        ("resolved", "Αποκαταστάθηκε", "Resolved"),
    ),
    "playground_status": (
        ("existing", "Σε λειτουργία", "Existing"),
        ("planned", "Προγραμματισμένη", "Planned"),
        ("under_construction", "Υπό κατασκευή / αναβάθμιση", "Being built or upgraded"),
        ("closed", "Εκτός λειτουργίας", "Closed"),
        ("removed", "Καταργημένη", "Removed"),
    ),
    "age_group": (
        ("over_3", "Άνω των 3 ετών", "Over 3, with accompanying adults"),
        ("under_3", "Έως 3 ετών", "Up to 3"),
        ("under_6", "Έως 6 ετών", "Under 6"),
        ("age_6_12", "6–12 ετών", "6 to 12"),
        ("over_12", "Άνω των 12 ετών", "12 and over"),
        ("all_ages", "Όλες οι ηλικίες", "All ages"),
    ),
    "bike_station_status": (
        ("existing", "Σε λειτουργία", "Existing"),
        ("planned", "Προγραμματισμένος", "Planned"),
        ("removed", "Καταργημένος", "Removed"),
    ),
    "parcel_status": (
        ("active", "Ενεργό", "Active"),
        ("closed", "Κλειστό (διαιρέθηκε ή συνενώθηκε)", "Closed (split or merged)"),
    ),
    "lineage_operation": (
        ("split", "Διανομή", "Split"),
        ("merge", "Συνένωση", "Merge"),
    ),
    "zone_status": (
        ("proposed", "Προτεινόμενη", "Proposed"),
        ("approved", "Εγκεκριμένη", "Approved"),
        ("completed", "Ολοκληρωμένη", "Completed"),
    ),
    "community_kind": (
        ("municipal_unit", "Δημοτική Ενότητα", "Municipal unit"),
        ("municipal_community", "Δημοτική Κοινότητα", "Municipal community"),
        ("local_community", "Τοπική Κοινότητα", "Local community"),
    ),
    "action_kind": (
        ("works", "Έργο", "Works"),
        ("supply", "Προμήθεια", "Supply of goods"),
        ("services", "Παροχή υπηρεσιών", "Services"),
        ("study", "Μελέτη", "Technical study"),
    ),
    "continuity": (
        ("continuing", "Σ (Συνεχιζόμενη)", "Continuing"),
        ("new", "Ν (Νέα)", "New"),
        ("unspecified", "(κενό)", "Not stated"),
    ),
    "project_phase": (
        ("proposal", "Πρόταση", "Proposal"),
        ("approved", "Ένταξη / έγκριση χρηματοδότησης", "Approved for funding"),
        ("tendering", "Δημοπράτηση", "Tendering"),
        ("contract", "Σύμβαση", "Contract"),
        ("execution", "Εκτέλεση", "In execution"),
        ("acceptance", "Παραλαβή", "Accepted"),
        ("continuing", "Συνεχιζόμενο", "Continuing"),
        ("study_maturation", "Μελέτη / ωρίμανση", "Study / maturation"),
        ("cancelled", "Ματαίωση / απένταξη", "Cancelled"),
    ),
    "funding_source": (
        ("own_revenue", "Ίδιοι πόροι / Έσοδα Δήμου", "Municipal own resources"),
        ("own_revenue_impl_acts", "Έσοδα Δήμου (από πράξεις εφαρμογής)", "Revenue from implementation acts"),
        ("sata", "ΣΑΤΑ", "ΣΑΤΑ capital grant"),
        ("sata_schools", "ΣΑΤΑ Σχολείων", "ΣΑΤΑ for schools"),
        ("espa", "ΕΣΠΑ", "EU Partnership Agreement"),
        ("op_central_macedonia", "Ε.Π. «Κεντρική Μακεδονία 2014-2020»", "ROP Central Macedonia 2014-2020"),
        ("svaa_serres", "ΣΒΑΑ Σερρών", "Sustainable Urban Development Strategy of Serres"),
        ("op_ymeperaa", "Ε.Π. ΥΜΕΠΕΡΑΑ", "OP Transport, Environment and Sustainable Development"),
        ("op_competitiveness", "Ε.Π. Ανταγωνιστικότητα, Επιχειρηματικότητα & Καινοτομία 2014-2020", "OP Competitiveness, Entrepreneurship and Innovation"),
        ("op_public_sector_reform", "Ε.Π. «Μεταρρύθμιση Δημόσιου Τομέα 2014-2020»", "OP Public Sector Reform"),
        ("cross_border", "Διασυνοριακά Προγράμματα", "Cross-border programmes"),
        ("interreg_gr_bg", "INTERREG V-A Ελλάδα–Βουλγαρία 2014-2020", "Interreg V-A Greece–Bulgaria"),
        ("interreg_gr_mk", "Διασυνοριακό Ελλάδα – ΠΓΔΜ 2014-2020", "Cross-border Greece – fYRoM 2014-2020"),
        ("filodimos", "ΦΙΛΟΔΗΜΟΣ", "Filodimos"),
        ("filodimos_ii", "ΦΙΛΟΔΗΜΟΣ ΙΙ", "Filodimos II"),
        ("ypes_gga", "ΥΠΕΣ / Γενική Γραμματεία Αθλητισμού", "Ministry of Interior / Sport Secretariat"),
        ("green_fund", "Πράσινο Ταμείο", "Green Fund"),
        ("leader", "LEADER (ΠΑΑ 2014-2020)", "LEADER (RDP 2014-2020)"),
        ("loan_tpd", "Δάνειο Ταμείου Παρακαταθηκών & Δανείων", "Loan, Consignment Deposits and Loans Fund"),
        ("ppp", "ΣΔΙΤ", "Public–private partnership"),
        ("self_financed", "Αυτοχρηματοδοτούμενα έργα", "Self-financed projects"),
        ("kap_investment", "ΚΑΠ για επενδυτικές ανάγκες", "Central autonomous resources (investment)"),
        ("pde", "ΠΔΕ (Πρόγραμμα Δημοσίων Επενδύσεων)", "Public Investment Programme"),
        ("rrf", "Ταμείο Ανάκαμψης και Ανθεκτικότητας", "Recovery and Resilience Facility"),
        ("tritsis", "Πρόγραμμα «Αντώνης Τρίτσης»", "“Antonis Tritsis” programme"),
        ("service_charges", "Ανταποδοτικά τέλη", "Service-charge revenue"),
        ("espa_2021_2027", "ΕΣΠΑ 2021-2027", "Partnership Agreement 2021-2027"),
        ("donation", "Δωρεά / χορηγία", "Donation / sponsorship"),
    ),
    "landuse_general": (
        ("pure_residential", "Αμιγής κατοικία", "Exclusively residential"),
        ("general_residential", "Γενική κατοικία", "General residential"),
        ("urban_centre", "Πολεοδομικό κέντρο – Κεντρικές λειτουργίες πόλης", "Town centre / central functions"),
        ("tourism_recreation", "Τουρισμός – Αναψυχή", "Tourism and recreation"),
        ("community_facilities", "Κοινωφελείς λειτουργίες", "Community facilities"),
        ("open_space_green", "Ελεύθεροι χώροι – Αστικό πράσινο", "Open spaces and urban green"),
        ("production_low_medium", "Παραγωγικές δραστηριότητες χαμηλής και μέσης όχλησης", "Low/medium-nuisance production"),
        ("wholesale", "Χονδρεμπόριο", "Wholesale trade"),
        ("technopolis", "Τεχνόπολις – Τεχνολογικό πάρκο", "Technology park"),
        ("production_high", "Παραγωγικές δραστηριότητες υψηλής όχλησης", "High-nuisance production"),
        ("urban_utilities", "Εγκαταστάσεις αστικών υποδομών κοινής ωφέλειας", "Urban utility installations"),
        ("special_uses", "Ειδικές χρήσεις", "Special uses"),
        ("agricultural", "Αγροτική χρήση", "Agricultural use"),
    ),
    "op_measure": (
        ("1.1", "Φυσικό Περιβάλλον", "Natural environment"),
        ("1.2", "Πολεοδομικός Σχεδιασμός/Οικιστικό Περιβάλλον", "Urban planning / built environment"),
        ("1.3", "Υποδομές Μεταφορών-Κυκλοφορία-Στάθμευση", "Transport, traffic, parking"),
        ("1.4", "Υποδομές δικτύων/Περιβαλλοντικές υποδομές", "Networks / environmental infrastructure"),
        ("2.1", "Κοινωνική πρόνοια και Υγεία", "Social welfare and health"),
        ("2.2", "Κοινωνική μέριμνα – Κοινωνική ενσωμάτωση", "Social care and inclusion"),
        ("2.3", "Παιδεία - Εκπαίδευση – Δια Βίου Μάθηση", "Education and lifelong learning"),
        ("2.4", "Πολιτισμός – Αθλητισμός - Τουρισμός", "Culture, sport, tourism"),
        ("2.5", "Εθελοντισμός – Κοινωνικά Δίκτυα", "Volunteering and social networks"),
        ("3.1", "Απασχόληση – Ανάπτυξη Ανθρώπινου Δυναμικού", "Employment and skills"),
        ("3.2", "Επιχειρηματικότητα και Οικονομία", "Entrepreneurship and economy"),
        ("3.3", "Υποδομές Παραγωγικών Δραστηριοτήτων - Δίκτυα", "Infrastructure for production"),
        ("4.1", "Δραστηριότητες και Διαδικασίες λειτουργίας", "Operations and procedures"),
        ("4.2", "Ολοκληρωμένες Ηλεκτρονικές Υπηρεσίες στον Πολίτη", "Integrated e-services"),
        ("4.3", "Ανθρώπινο δυναμικό και Υλικοτεχνική υποδομή", "Staff and equipment"),
        ("4.4", "Οργάνωση και Συνεργασίες", "Organisation and partnerships"),
        ("4.5", "Οικονομική Διοίκηση και Δημοτική Περιουσία", "Financial management and municipal property"),
    ),
}


def codes(vocabulary: str) -> tuple[str, ...]:
    return tuple(code for code, _, _ in VOCABULARIES[vocabulary])


def label(vocabulary: str, code: str, language: str = "el") -> str:
    for value, el, en in VOCABULARIES[vocabulary]:
        if value == code:
            return el if language == "el" else en
    return code
