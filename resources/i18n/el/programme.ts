<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="el_GR" sourcelanguage="en">
  <context>
    <name>municipal_gis</name>
    <message>
      <source> (it reads {amount})</source>
      <translation> (γράφει {amount})</translation>
    </message>
    <message>
      <source> for {year}</source>
      <translation> για το {year}</translation>
    </message>
    <message>
      <source>All</source>
      <translation>Όλα</translation>
    </message>
    <message>
      <source>Budget summary</source>
      <translation>Σύνοψη προϋπολογισμού</translation>
    </message>
    <message>
      <source>Cancelled by the user: nothing was written to {db}.</source>
      <translation>Ακυρώθηκε από τον χρήστη: δεν γράφτηκε τίποτα στη βάση {db}.</translation>
    </message>
    <message>
      <source>Cannot write to folder {folder}: {error}</source>
      <translation>Δεν είναι δυνατή η εγγραφή στον φάκελο {folder}: {error}</translation>
    </message>
    <message>
      <source>Combined PDF</source>
      <translation>Συνενωμένο PDF</translation>
    </message>
    <message>
      <source>Community</source>
      <translation>Κοινότητα</translation>
    </message>
    <message>
      <source>Conflicts</source>
      <translation>Συγκρούσεις</translation>
    </message>
    <message>
      <source>Dry run: nothing was written.</source>
      <translation>Δοκιμαστική εκτέλεση: δεν γράφτηκε τίποτα.</translation>
    </message>
    <message>
      <source>Encoding {encoding}, delimiter «{delimiter}», header on row {row}</source>
      <translation>Κωδικοποίηση {encoding}, διαχωριστικό «{delimiter}», επικεφαλίδα στη γραμμή {row}</translation>
    </message>
    <message>
      <source>English number format</source>
      <translation>αγγλική μορφή αριθμού</translation>
    </message>
    <message>
      <source>Feature ids linked</source>
      <translation>Αναγνωριστικά συνδεδεμένων στοιχείων</translation>
    </message>
    <message>
      <source>Features linked</source>
      <translation>Συνδεδεμένα στοιχεία</translation>
    </message>
    <message>
      <source>File {path} cannot be read as a CSV, XLSX or ODS table: {error}</source>
      <translation>Το αρχείο {path} δεν διαβάζεται ως πίνακας CSV, XLSX ή ODS: {error}</translation>
    </message>
    <message>
      <source>File {path}: no header row with a description (Περιγραφή / title) column was found in the first 20 rows.</source>
      <translation>Αρχείο {path}: στις πρώτες 20 γραμμές δεν βρέθηκε γραμμή επικεφαλίδων με στήλη περιγραφής (Περιγραφή / title).</translation>
    </message>
    <message>
      <source>Files written</source>
      <translation>Αρχεία που γράφτηκαν</translation>
    </message>
    <message>
      <source>Findings</source>
      <translation>Ευρήματα</translation>
    </message>
    <message>
      <source>Folder for tables and charts</source>
      <translation>Φάκελος για πίνακες και διαγράμματα</translation>
    </message>
    <message>
      <source>Folder for the PDF files</source>
      <translation>Φάκελος για τα αρχεία PDF</translation>
    </message>
    <message>
      <source>Footprint (features of LAYER that intersect it)</source>
      <translation>Αποτύπωμα (τα στοιχεία του LAYER που το τέμνουν)</translation>
    </message>
    <message>
      <source>Funding source</source>
      <translation>Πηγή χρηματοδότησης</translation>
    </message>
    <message>
      <source>Funding-proposal map pack</source>
      <translation>Φάκελος χαρτών πρότασης χρηματοδότησης</translation>
    </message>
    <message>
      <source>Give a footprint, or link the selected features of layer {layer}.</source>
      <translation>Δώστε αποτύπωμα ή συνδέστε τα επιλεγμένα στοιχεία του επιπέδου {layer}.</translation>
    </message>
    <message>
      <source>Import report</source>
      <translation>Αναφορά εισαγωγής</translation>
    </message>
    <message>
      <source>Import technical programme</source>
      <translation>Εισαγωγή τεχνικού προγράμματος</translation>
    </message>
    <message>
      <source>Input file {path} does not exist.</source>
      <translation>Το αρχείο εισόδου {path} δεν υπάρχει.</translation>
    </message>
    <message>
      <source>Language of the pages</source>
      <translation>Γλώσσα των σελίδων</translation>
    </message>
    <message>
      <source>Language of the tables and charts</source>
      <translation>Γλώσσα πινάκων και διαγραμμάτων</translation>
    </message>
    <message>
      <source>Layer whose features to link</source>
      <translation>Επίπεδο του οποίου τα στοιχεία θα συνδεθούν</translation>
    </message>
    <message>
      <source>Layer {layer} has no field project_code: it cannot be linked to projects.</source>
      <translation>Το επίπεδο {layer} δεν έχει πεδίο project_code: δεν μπορεί να συνδεθεί με έργα.</translation>
    </message>
    <message>
      <source>Layer {layer} has no selected features and no footprint was given.</source>
      <translation>Το επίπεδο {layer} δεν έχει επιλεγμένα στοιχεία και δεν δόθηκε αποτύπωμα.</translation>
    </message>
    <message>
      <source>Layer {layer} is in edit mode: save its edits to keep the links.</source>
      <translation>Το επίπεδο {layer} είναι σε επεξεργασία: αποθηκεύστε τις αλλαγές για να διατηρηθούν οι συνδέσεις.</translation>
    </message>
    <message>
      <source>Layer {layer}: project_code could not be written ({error}).</source>
      <translation>Επίπεδο {layer}: δεν ήταν δυνατή η εγγραφή του project_code ({error}).</translation>
    </message>
    <message>
      <source>Layout template (.qpt)</source>
      <translation>Πρότυπο διάταξης (.qpt)</translation>
    </message>
    <message>
      <source>Layout template {path} cannot be read.</source>
      <translation>Το πρότυπο διάταξης {path} δεν διαβάζεται.</translation>
    </message>
    <message>
      <source>Layout template {path} does not exist.</source>
      <translation>Το πρότυπο διάταξης {path} δεν υπάρχει.</translation>
    </message>
    <message>
      <source>Layout template {path} needs two map items with the ids «map» and «overview».</source>
      <translation>Το πρότυπο διάταξης {path} χρειάζεται δύο χάρτες με αναγνωριστικά «map» και «overview».</translation>
    </message>
    <message>
      <source>Link features to a programme project</source>
      <translation>Σύνδεση στοιχείων με έργο του τεχνικού προγράμματος</translation>
    </message>
    <message>
      <source>Link the selected features of LAYER (when no footprint is given)</source>
      <translation>Σύνδεση των επιλεγμένων στοιχείων του LAYER (όταν δεν δίνεται αποτύπωμα)</translation>
    </message>
    <message>
      <source>Loads the rows of a technical programme (Τεχνικό Πρόγραμμα) as the municipality publishes them into the database's projects and project-funding tables.

INPUT is a CSV (UTF-8 or Greek Windows/ISO encodings; comma, semicolon or tab), XLSX or ODS file with Greek headers such as Α/Α, Περιγραφή, Είδος, Χωροθέτηση, Σ/Ν, Υπηρεσία Υλοποίησης, Χρονοπρογραμματισμός, Προϋπολογισμός, Πηγή Χρημ., Κ.Α., Άξονας Μέτρο. The verbatim text of every cell is kept. Amounts, budget codes, measures and funding sources that cannot be read with certainty are not guessed: they are left empty and listed in the report.

Projects are keyed by a «Κωδικός έργου» column when the file has one, otherwise by the year and the title. Re-importing the same file changes nothing; a revised file updates the projects by key and the report lists every changed value. Projects of the year that the file no longer lists are reported, not deleted. The import is one transaction: if it fails nothing is written.

OUTPUT is the import report: one row per finding or change, with the file row, column, value and reason.</source>
      <translation>Φορτώνει τις γραμμές του Τεχνικού Προγράμματος, όπως τις δημοσιεύει ο δήμος, στους πίνακες έργων και χρηματοδότησης έργων της βάσης.

INPUT είναι αρχείο CSV (UTF-8 ή ελληνικές κωδικοποιήσεις Windows/ISO· κόμμα, ερωτηματικό ή tab), XLSX ή ODS με ελληνικές επικεφαλίδες όπως Α/Α, Περιγραφή, Είδος, Χωροθέτηση, Σ/Ν, Υπηρεσία Υλοποίησης, Χρονοπρογραμματισμός, Προϋπολογισμός, Πηγή Χρημ., Κ.Α., Άξονας Μέτρο. Το κείμενο κάθε κελιού διατηρείται όπως γράφεται. Ποσά, Κ.Α., μέτρα και πηγές χρηματοδότησης που δεν διαβάζονται με βεβαιότητα δεν μαντεύονται: μένουν κενά και καταγράφονται στην αναφορά.

Τα έργα ταυτοποιούνται από στήλη «Κωδικός έργου» όταν υπάρχει, αλλιώς από το έτος και τον τίτλο. Η επανεισαγωγή του ίδιου αρχείου δεν αλλάζει τίποτα· ένα αναθεωρημένο αρχείο ενημερώνει τα έργα κατά κωδικό και η αναφορά καταγράφει κάθε τιμή που άλλαξε. Έργα του έτους που δεν περιέχει πλέον το αρχείο αναφέρονται, δεν διαγράφονται. Η εισαγωγή είναι μία συναλλαγή: αν αποτύχει δεν γράφεται τίποτα.

OUTPUT είναι η αναφορά εισαγωγής: μία γραμμή ανά εύρημα ή αλλαγή, με τη γραμμή του αρχείου, τη στήλη, την τιμή και την αιτία.</translation>
    </message>
    <message>
      <source>Municipal database</source>
      <translation>Δημοτική βάση δεδομένων</translation>
    </message>
    <message>
      <source>Municipal database (to check the project code)</source>
      <translation>Δημοτική βάση δεδομένων (για έλεγχο του κωδικού έργου)</translation>
    </message>
    <message>
      <source>Only check the file (write nothing)</source>
      <translation>Μόνο έλεγχος του αρχείου (χωρίς εγγραφή)</translation>
    </message>
    <message>
      <source>Only projects of this funding source (code)</source>
      <translation>Μόνο έργα αυτής της πηγής χρηματοδότησης (κωδικός)</translation>
    </message>
    <message>
      <source>Pages</source>
      <translation>Σελίδες</translation>
    </message>
    <message>
      <source>Parameter LAYER: no layer given.</source>
      <translation>Παράμετρος LAYER: δεν δόθηκε επίπεδο.</translation>
    </message>
    <message>
      <source>Parameter PROJECT_CODE: give the code of a programme project.</source>
      <translation>Παράμετρος PROJECT_CODE: δώστε τον κωδικό ενός έργου του τεχνικού προγράμματος.</translation>
    </message>
    <message>
      <source>Phase</source>
      <translation>Φάση</translation>
    </message>
    <message>
      <source>Programme total (€)</source>
      <translation>Σύνολο προγράμματος (€)</translation>
    </message>
    <message>
      <source>Programme year</source>
      <translation>Έτος προγράμματος</translation>
    </message>
    <message>
      <source>Programme year (0: every year)</source>
      <translation>Έτος προγράμματος (0: όλα τα έτη)</translation>
    </message>
    <message>
      <source>Project code</source>
      <translation>Κωδικός έργου</translation>
    </message>
    <message>
      <source>Project codes (comma-separated; empty: all)</source>
      <translation>Κωδικοί έργων (χωρισμένοι με κόμμα· κενό: όλα)</translation>
    </message>
    <message>
      <source>Project {code} does not exist in {db}.</source>
      <translation>Το έργο {code} δεν υπάρχει στη βάση {db}.</translation>
    </message>
    <message>
      <source>Project {code} has no footprint and no linked feature.</source>
      <translation>Το έργο {code} δεν έχει αποτύπωμα ούτε συνδεδεμένα στοιχεία.</translation>
    </message>
    <message>
      <source>Project {code} has no footprint and no linked feature: left out.</source>
      <translation>Το έργο {code} δεν έχει αποτύπωμα ούτε συνδεδεμένα στοιχεία: παραλείπεται.</translation>
    </message>
    <message>
      <source>Projects added</source>
      <translation>Έργα που προστέθηκαν</translation>
    </message>
    <message>
      <source>Projects read</source>
      <translation>Έργα που διαβάστηκαν</translation>
    </message>
    <message>
      <source>Projects unchanged</source>
      <translation>Έργα χωρίς αλλαγή</translation>
    </message>
    <message>
      <source>Projects updated</source>
      <translation>Έργα που ενημερώθηκαν</translation>
    </message>
    <message>
      <source>Projects without a location</source>
      <translation>Έργα χωρίς θέση</translation>
    </message>
    <message>
      <source>Reading {path}</source>
      <translation>Ανάγνωση {path}</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>Ανανέωση</translation>
    </message>
    <message>
      <source>SET_FOOTPRINT needs both a footprint and a database.</source>
      <translation>Το SET_FOOTPRINT χρειάζεται και αποτύπωμα και βάση δεδομένων.</translation>
    </message>
    <message>
      <source>Sets project_code on features of LAYER: on its selected features, or on every feature that intersects a drawn FOOTPRINT (a polygon layer; its selected features only, if any are selected). LAYER is edited: this is the purpose of the algorithm.

With a DATABASE, the project code must exist among its technical-programme projects, and SET_FOOTPRINT also stores the footprint as the project's own location.</source>
      <translation>Ορίζει το project_code στα στοιχεία του LAYER: στα επιλεγμένα του στοιχεία ή σε κάθε στοιχείο που τέμνει ένα σχεδιασμένο αποτύπωμα FOOTPRINT (επίπεδο πολυγώνων· μόνο τα επιλεγμένα του, αν υπάρχουν). Το LAYER τροποποιείται: αυτός είναι ο σκοπός του αλγορίθμου.

Με DATABASE, ο κωδικός έργου πρέπει να υπάρχει στα έργα του τεχνικού προγράμματος της βάσης, και το SET_FOOTPRINT αποθηκεύει επίσης το αποτύπωμα ως θέση του έργου.</translation>
    </message>
    <message>
      <source>Smallest overlap of two footprints that counts as a conflict (m²)</source>
      <translation>Ελάχιστη επικάλυψη δύο αποτυπωμάτων που θεωρείται σύγκρουση (τ.μ.)</translation>
    </message>
    <message>
      <source>Spatial-temporal conflicts</source>
      <translation>Χωροχρονικές συγκρούσεις</translation>
    </message>
    <message>
      <source>Store the footprint as the project's location</source>
      <translation>Αποθήκευση του αποτυπώματος ως θέσης του έργου</translation>
    </message>
    <message>
      <source>Sums the budget of the technical-programme projects by funding source, kind of action, axis and measure of the operational programme, phase, community, inside or outside the regeneration zones, and city or villages. Every table adds up to the programme total: a project with several funding sources and no amounts per source is shown under their combination; a project's budget is shared between areas in proportion to the part of its location in each (its own footprint, otherwise the features linked to it); projects without a location and budgets that could not be read have categories of their own.

FOLDER receives the tables as CSV and XLSX and, when matplotlib is available, a bar chart per table as PNG and SVG, ready for a report. CONFLICTS lists projects whose locations overlap while their schedules overlap (a project without dates runs through its programme year).</source>
      <translation>Αθροίζει τον προϋπολογισμό των έργων του τεχνικού προγράμματος ανά πηγή χρηματοδότησης, είδος δράσης, άξονα και μέτρο του επιχειρησιακού προγράμματος, φάση, κοινότητα, εντός ή εκτός περιοχών παρέμβασης, και πόλη ή χωριά. Κάθε πίνακας αθροίζει στο σύνολο του προγράμματος: έργο με περισσότερες πηγές χωρίς ποσό ανά πηγή εμφανίζεται στον συνδυασμό τους· ο προϋπολογισμός ενός έργου κατανέμεται στις περιοχές ανάλογα με το τμήμα της θέσης του σε καθεμία (το δικό του αποτύπωμα, αλλιώς τα στοιχεία που συνδέονται με αυτό)· έργα χωρίς θέση και προϋπολογισμοί που δεν διαβάστηκαν έχουν δικές τους κατηγορίες.

Στον FOLDER γράφονται οι πίνακες ως CSV και XLSX και, όταν υπάρχει το matplotlib, ένα ραβδόγραμμα ανά πίνακα ως PNG και SVG, έτοιμα για έκθεση. Το CONFLICTS καταγράφει έργα των οποίων οι θέσεις επικαλύπτονται ενώ επικαλύπτονται και τα χρονοδιαγράμματά τους (έργο χωρίς ημερομηνίες διαρκεί όλο το έτος του προγράμματος).</translation>
    </message>
    <message>
      <source>Technical programme summary</source>
      <translation>Σύνοψη τεχνικού προγράμματος</translation>
    </message>
    <message>
      <source>Technical programme table (CSV, XLSX or ODS)</source>
      <translation>Πίνακας τεχνικού προγράμματος (CSV, XLSX ή ODS)</translation>
    </message>
    <message>
      <source>The combined PDF {path} could not be written: {error}</source>
      <translation>Δεν ήταν δυνατή η εγγραφή του συνενωμένου PDF {path}: {error}</translation>
    </message>
    <message>
      <source>The project PDFs could not be written to {folder}: {error}</source>
      <translation>Δεν ήταν δυνατή η εγγραφή των PDF των έργων στον φάκελο {folder}: {error}</translation>
    </message>
    <message>
      <source>Year</source>
      <translation>Έτος</translation>
    </message>
    <message>
      <source>Zoom to project</source>
      <translation>Εστίαση στο έργο</translation>
    </message>
    <message>
      <source>a dot after the decimal comma</source>
      <translation>τελεία μετά την υποδιαστολή</translation>
    </message>
    <message>
      <source>administrative action, no cost</source>
      <translation>διοικητική ενέργεια, χωρίς κόστος</translation>
    </message>
    <message>
      <source>amount before VAT («{text}»): not the budget with VAT</source>
      <translation>ποσό χωρίς ΦΠΑ («{text}»): δεν είναι ο προϋπολογισμός με ΦΠΑ</translation>
    </message>
    <message>
      <source>amount in parentheses: usually the total of a parent project, not this row's budget{hint}</source>
      <translation>ποσό σε παρένθεση: συνήθως το σύνολο ενός ευρύτερου έργου, όχι ο προϋπολογισμός αυτής της γραμμής{hint}</translation>
    </message>
    <message>
      <source>changed from «{old}»</source>
      <translation>άλλαξε από «{old}»</translation>
    </message>
    <message>
      <source>dot before the last {n} digit(s): a decimal point, or a thousands group missing a digit</source>
      <translation>τελεία πριν από τα τελευταία {n} ψηφία: υποδιαστολή ή ομάδα χιλιάδων που της λείπει ψηφίο</translation>
    </message>
    <message>
      <source>funding changed from «{old}»</source>
      <translation>η χρηματοδότηση άλλαξε από «{old}»</translation>
    </message>
    <message>
      <source>leading thousands group has more than 3 digits</source>
      <translation>η πρώτη ομάδα χιλιάδων έχει περισσότερα από 3 ψηφία</translation>
    </message>
    <message>
      <source>matplotlib is not installed: no charts were drawn.</source>
      <translation>Το matplotlib δεν είναι εγκατεστημένο: δεν σχεδιάστηκαν διαγράμματα.</translation>
    </message>
    <message>
      <source>more than one decimal comma</source>
      <translation>περισσότερες από μία υποδιαστολές</translation>
    </message>
    <message>
      <source>new project</source>
      <translation>νέο έργο</translation>
    </message>
    <message>
      <source>no budget given</source>
      <translation>δεν δίνεται προϋπολογισμός</translation>
    </message>
    <message>
      <source>no header row with a description (Περιγραφή) column found</source>
      <translation>δεν βρέθηκε γραμμή επικεφαλίδων με στήλη Περιγραφή</translation>
    </message>
    <message>
      <source>not a valid amount</source>
      <translation>μη έγκυρο ποσό</translation>
    </message>
    <message>
      <source>not a year; the programme year is used</source>
      <translation>δεν είναι έτος· χρησιμοποιείται το έτος του προγράμματος</translation>
    </message>
    <message>
      <source>not an amount</source>
      <translation>δεν είναι ποσό</translation>
    </message>
    <message>
      <source>one decimal digit after the comma: the amount may be truncated</source>
      <translation>ένα δεκαδικό ψηφίο μετά την υποδιαστολή: το ποσό μπορεί να είναι κομμένο</translation>
    </message>
    <message>
      <source>project code repeated: row skipped</source>
      <translation>επαναλαμβανόμενος κωδικός έργου: η γραμμή παραλείφθηκε</translation>
    </message>
    <message>
      <source>project of {year} not in the imported file; kept in the database</source>
      <translation>έργο του {year} που δεν υπάρχει στο αρχείο· παραμένει στη βάση</translation>
    </message>
    <message>
      <source>range «{part}» not expanded: only its two ends kept</source>
      <translation>το εύρος «{part}» δεν αναπτύχθηκε: κρατήθηκαν μόνο τα δύο άκρα του</translation>
    </message>
    <message>
      <source>row without a description skipped: {cells}</source>
      <translation>γραμμή χωρίς περιγραφή παραλείφθηκε: {cells}</translation>
    </message>
    <message>
      <source>schedule ends before it starts</source>
      <translation>το χρονοδιάγραμμα λήγει πριν αρχίσει</translation>
    </message>
    <message>
      <source>service name looks truncated: «{last}» («{word}»?)</source>
      <translation>το όνομα της υπηρεσίας φαίνεται κομμένο: «{last}» («{word}»;)</translation>
    </message>
    <message>
      <source>thousands group «{group}» has {n} digits instead of 3</source>
      <translation>η ομάδα χιλιάδων «{group}» έχει {n} ψηφία αντί για 3</translation>
    </message>
    <message>
      <source>unknown funding source «{part}»</source>
      <translation>άγνωστη πηγή χρηματοδότησης «{part}»</translation>
    </message>
    <message>
      <source>unknown kind of action «{text}»</source>
      <translation>άγνωστο είδος δράσης «{text}»</translation>
    </message>
    <message>
      <source>unknown phase «{text}»</source>
      <translation>άγνωστη φάση «{text}»</translation>
    </message>
    <message>
      <source>{added} added, {updated} updated, {unchanged} unchanged, {missing} not in the file</source>
      <translation>{added} προστέθηκαν, {updated} ενημερώθηκαν, {unchanged} χωρίς αλλαγή, {missing} εκτός αρχείου</translation>
    </message>
    <message>
      <source>{db} has no programme_project layer.</source>
      <translation>Η βάση {db} δεν έχει επίπεδο programme_project.</translation>
    </message>
    <message>
      <source>{db} has no {table} table: upgrade the database first.</source>
      <translation>Η βάση {db} δεν έχει πίνακα {table}: αναβαθμίστε πρώτα τη βάση.</translation>
    </message>
    <message>
      <source>{db}, layer programme_project, feature {fid}: field project_code is empty.</source>
      <translation>{db}, επίπεδο programme_project, στοιχείο {fid}: το πεδίο project_code είναι κενό.</translation>
    </message>
    <message>
      <source>{db}, layer programme_project: field {field} is missing.</source>
      <translation>{db}, επίπεδο programme_project: λείπει το πεδίο {field}.</translation>
    </message>
    <message>
      <source>{db}: layer {layer} cannot be opened.</source>
      <translation>{db}: το επίπεδο {layer} δεν ανοίγει.</translation>
    </message>
    <message>
      <source>{db}: no project {codes} in layer programme_project.</source>
      <translation>{db}: δεν υπάρχει έργο {codes} στο επίπεδο programme_project.</translation>
    </message>
    <message>
      <source>{db}: no technical-programme projects{year}.</source>
      <translation>{db}: δεν υπάρχουν έργα τεχνικού προγράμματος{year}.</translation>
    </message>
    <message>
      <source>{db}: none of the chosen projects has a location (a footprint or linked features).</source>
      <translation>{db}: κανένα από τα επιλεγμένα έργα δεν έχει θέση (αποτύπωμα ή συνδεδεμένα στοιχεία).</translation>
    </message>
    <message>
      <source>{db}: the footprint of project {code} could not be stored.</source>
      <translation>{db}: δεν ήταν δυνατή η αποθήκευση του αποτυπώματος του έργου {code}.</translation>
    </message>
    <message>
      <source>{db}: the import failed and nothing was written: {error}</source>
      <translation>{db}: η εισαγωγή απέτυχε και δεν γράφτηκε τίποτα: {error}</translation>
    </message>
    <message>
      <source>{n} features of {layer} linked to project {code}</source>
      <translation>{n} στοιχεία του {layer} συνδέθηκαν με το έργο {code}</translation>
    </message>
    <message>
      <source>{n} pages written to {folder}</source>
      <translation>{n} σελίδες γράφτηκαν στον φάκελο {folder}</translation>
    </message>
    <message>
      <source>{n} pairs of projects overlap in place and time.</source>
      <translation>{n} ζεύγη έργων επικαλύπτονται σε χώρο και χρόνο.</translation>
    </message>
    <message>
      <source>{n} projects read, {f} findings</source>
      <translation>Διαβάστηκαν {n} έργα, {f} ευρήματα</translation>
    </message>
    <message>
      <source>{n} projects, total {total} €, {located} with a location</source>
      <translation>{n} έργα, σύνολο {total} €, {located} με θέση</translation>
    </message>
    <message>
      <source>«{part}» is not a measure code (axis.measure)</source>
      <translation>«{part}» δεν είναι κωδικός μέτρου (άξονας.μέτρο)</translation>
    </message>
    <message>
      <source>«{part}» is not a measure of the operational programme</source>
      <translation>«{part}» δεν είναι μέτρο του επιχειρησιακού προγράμματος</translation>
    </message>
    <message>
      <source>«{part}» is not a project funding source</source>
      <translation>«{part}» δεν είναι πηγή χρηματοδότησης έργου</translation>
    </message>
    <message>
      <source>«{part}» names an axis but no measure</source>
      <translation>«{part}»: δίνεται άξονας χωρίς μέτρο</translation>
    </message>
    <message>
      <source>«{text}» is neither Σ nor Ν</source>
      <translation>«{text}» δεν είναι ούτε Σ ούτε Ν</translation>
    </message>
    <message>
      <source>«{text}» is not a valid date</source>
      <translation>«{text}» δεν είναι έγκυρη ημερομηνία</translation>
    </message>
  </context>
</TS>
