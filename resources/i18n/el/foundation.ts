<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="el_GR" sourcelanguage="en">
  <context>
    <name>municipal_gis</name>
    <message>
      <source>Approximate number of parcels</source>
      <translation>Κατά προσέγγιση αριθμός γεωτεμαχίων</translation>
    </message>
    <message>
      <source>Cancelled by the user.</source>
      <translation>Ακυρώθηκε από τον χρήστη.</translation>
    </message>
    <message>
      <source>Cannot connect to {db}: {error}</source>
      <translation>Αδυναμία σύνδεσης με {db}: {error}</translation>
    </message>
    <message>
      <source>Cannot open {path} for writing.</source>
      <translation>Το {path} δεν ανοίγει για εγγραφή.</translation>
    </message>
    <message>
      <source>Check in the database (PostGIS: as SQL, without reading the layers into QGIS)</source>
      <translation>Έλεγχος μέσα στη βάση δεδομένων (PostGIS: ως SQL, χωρίς ανάγνωση των επιπέδων στο QGIS)</translation>
    </message>
    <message>
      <source>Check municipal database</source>
      <translation>Έλεγχος δημοτικής βάσης</translation>
    </message>
    <message>
      <source>Check municipal database…</source>
      <translation>Έλεγχος δημοτικής βάσης…</translation>
    </message>
    <message>
      <source>Check: {n} findings, {e} errors → {path}</source>
      <translation>Έλεγχος: {n} ευρήματα, {e} σφάλματα → {path}</translation>
    </message>
    <message>
      <source>Checking layer {layer}</source>
      <translation>Έλεγχος επιπέδου {layer}</translation>
    </message>
    <message>
      <source>Checking parcels inside city blocks</source>
      <translation>Έλεγχος γεωτεμαχίων εντός οικοδομικών τετραγώνων</translation>
    </message>
    <message>
      <source>Checking references between layers</source>
      <translation>Έλεγχος αναφορών μεταξύ επιπέδων</translation>
    </message>
    <message>
      <source>Coordinate reference system: ΕΓΣΑ87 / Greek Grid (EPSG:2100). Printed {date}.</source>
      <translation>Σύστημα αναφοράς: ΕΓΣΑ87 (EPSG:2100). Εκτύπωση {date}.</translation>
    </message>
    <message>
      <source>Could not create GeoPackage {path}.</source>
      <translation>Δεν ήταν δυνατή η δημιουργία του GeoPackage {path}.</translation>
    </message>
    <message>
      <source>Could not create field {layer}.{field}.</source>
      <translation>Δεν ήταν δυνατή η δημιουργία του πεδίου {layer}.{field}.</translation>
    </message>
    <message>
      <source>Could not create layer {layer}.</source>
      <translation>Δεν ήταν δυνατή η δημιουργία του επιπέδου {layer}.</translation>
    </message>
    <message>
      <source>Could not write the PDF {path} (error {code}).</source>
      <translation>Δεν ήταν δυνατή η εγγραφή του PDF {path} (σφάλμα {code}).</translation>
    </message>
    <message>
      <source>Could not write the image {path} (error {code}).</source>
      <translation>Δεν ήταν δυνατή η εγγραφή της εικόνας {path} (σφάλμα {code}).</translation>
    </message>
    <message>
      <source>Create municipal database</source>
      <translation>Δημιουργία δημοτικής βάσης</translation>
    </message>
    <message>
      <source>Create municipal database…</source>
      <translation>Δημιουργία δημοτικής βάσης…</translation>
    </message>
    <message>
      <source>Creates an empty municipal database with every municipal layer (parcels, city blocks, zoning, municipal property, leases, encroachments, playgrounds, bike stations, census blocks, streets, communities, regeneration zones, technical-programme projects and funding, and the land-use certificate register) in EPSG:2100 (ΕΓΣΑ87).

OUTPUT is a GeoPackage file (the default: one file a municipality can e-mail). For a shared, multi-user database choose a PostGIS connection and a schema instead, or give OUTPUT as “PG:service=NAME schema=SCHEMA” with a PostgreSQL service file. Nothing is overwritten unless OVERWRITE is set; the database is built completely or not at all.</source>
      <translation>Δημιουργεί κενή δημοτική βάση με όλα τα δημοτικά επίπεδα (γεωτεμάχια, οικοδομικά τετράγωνα, ζώνες χρήσεων γης, δημοτική περιουσία, εκμισθώσεις, καταπατήσεις, παιδικές χαρές, σταθμούς ποδηλάτων, απογραφικά τμήματα, οδούς, κοινότητες, περιοχές παρέμβασης, έργα και χρηματοδοτήσεις του τεχνικού προγράμματος και το μητρώο βεβαιώσεων χρήσεων γης) σε EPSG:2100 (ΕΓΣΑ87).

Το OUTPUT είναι αρχείο GeoPackage (η προεπιλογή: ένα αρχείο που ο δήμος μπορεί να στείλει με e-mail). Για κοινή βάση πολλών χρηστών επιλέξτε σύνδεση PostGIS και σχήμα, ή δώστε στο OUTPUT «PG:service=NAME schema=SCHEMA» με αρχείο υπηρεσιών PostgreSQL. Τίποτα δεν αντικαθίσταται αν δεν οριστεί το OVERWRITE· η βάση δημιουργείται ολόκληρη ή καθόλου.</translation>
    </message>
    <message>
      <source>Creating {db}</source>
      <translation>Δημιουργία {db}</translation>
    </message>
    <message>
      <source>Database</source>
      <translation>Βάση δεδομένων</translation>
    </message>
    <message>
      <source>Features and rows written</source>
      <translation>Εγγραφές που γράφτηκαν</translation>
    </message>
    <message>
      <source>Generate sample municipality</source>
      <translation>Δημιουργία υποδειγματικού δήμου</translation>
    </message>
    <message>
      <source>Generate sample municipality…</source>
      <translation>Δημιουργία υποδειγματικού δήμου…</translation>
    </message>
    <message>
      <source>Generating about {n} parcels (seed {seed})…</source>
      <translation>Δημιουργία περίπου {n} γεωτεμαχίων (σπόρος {seed})…</translation>
    </message>
    <message>
      <source>Generating the sample municipality ({n} parcels, seed {seed})…</source>
      <translation>Δημιουργία του υποδειγματικού δήμου ({n} γεωτεμάχια, σπόρος {seed})…</translation>
    </message>
    <message>
      <source>GeoPackage {path} does not exist.</source>
      <translation>Το GeoPackage {path} δεν υπάρχει.</translation>
    </message>
    <message>
      <source>Ignore overlaps and gaps smaller than (m²)</source>
      <translation>Αγνόηση επικαλύψεων και κενών μικρότερων από (τ.μ.)</translation>
    </message>
    <message>
      <source>Land-use certificates</source>
      <translation>Βεβαιώσεις χρήσεων γης</translation>
    </message>
    <message>
      <source>Land-use certificate…</source>
      <translation>Βεβαίωση χρήσης γης…</translation>
    </message>
    <message>
      <source>Layer city_block, feature {fid}: {area} m² of the block are in no parcel.</source>
      <translation>Επίπεδο city_block, στοιχείο {fid}: {area} τ.μ. του οικοδομικού τετραγώνου δεν ανήκουν σε κανένα γεωτεμάχιο.</translation>
    </message>
    <message>
      <source>Layer parcel, feature {fid}: overlaps parcel {other} by {area} m².</source>
      <translation>Επίπεδο parcel, στοιχείο {fid}: επικαλύπτει το γεωτεμάχιο {other} κατά {area} τ.μ.</translation>
    </message>
    <message>
      <source>Layer {layer} ({name}) is missing.</source>
      <translation>Λείπει το επίπεδο {layer} ({name}).</translation>
    </message>
    <message>
      <source>Layer {layer} cannot be opened.</source>
      <translation>Το επίπεδο {layer} δεν ανοίγει.</translation>
    </message>
    <message>
      <source>Layer {layer} is in {crs}, not EPSG:2100 (ΕΓΣΑ87).</source>
      <translation>Το επίπεδο {layer} είναι σε {crs}, όχι σε EPSG:2100 (ΕΓΣΑ87).</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}: field {field} is empty but required.</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}: το υποχρεωτικό πεδίο {field} είναι κενό.</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}: invalid geometry ({reason}).</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}: μη έγκυρη γεωμετρία ({reason}).</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}: project «{code}» is not in the technical programme.</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}: το έργο «{code}» δεν υπάρχει στο τεχνικό πρόγραμμα.</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}: property «{code}» is not in the municipal property register.</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}: το ακίνητο «{code}» δεν υπάρχει στο μητρώο δημοτικής περιουσίας.</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}: the geometry is empty.</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}: η γεωμετρία είναι κενή.</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}: {field} «{value}» is not in the value list.</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}: η τιμή «{value}» του πεδίου {field} δεν υπάρχει στη λίστα τιμών.</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}: {field} «{value}» occurs {n} times.</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}: η τιμή «{value}» του πεδίου {field} εμφανίζεται {n} φορές.</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}: ΚΑΕΚ «{value}» is malformed (12 digits, optionally followed by a unit suffix such as /0/2).</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}: ο ΚΑΕΚ «{value}» είναι λανθασμένος (12 ψηφία, προαιρετικά με κατάληξη ιδιοκτησίας όπως /0/2).</translation>
    </message>
    <message>
      <source>Layer {layer}, record {n}: could not be written ({reason}).</source>
      <translation>Επίπεδο {layer}, εγγραφή {n}: δεν ήταν δυνατή η εγγραφή ({reason}).</translation>
    </message>
    <message>
      <source>Layer {layer}, record {n}: unknown fields {fields}.</source>
      <translation>Επίπεδο {layer}, εγγραφή {n}: άγνωστα πεδία {fields}.</translation>
    </message>
    <message>
      <source>Layer {layer}: coordinates fall outside Greece in ΕΓΣΑ87.</source>
      <translation>Επίπεδο {layer}: οι συντεταγμένες πέφτουν εκτός Ελλάδας σε ΕΓΣΑ87.</translation>
    </message>
    <message>
      <source>Layer {layer}: coordinates look like degrees (longitude/latitude), not ΕΓΣΑ87 metres.</source>
      <translation>Επίπεδο {layer}: οι συντεταγμένες μοιάζουν με μοίρες (γεωγραφικό μήκος/πλάτος), όχι μέτρα ΕΓΣΑ87.</translation>
    </message>
    <message>
      <source>Layer {layer}: easting and northing look swapped.</source>
      <translation>Επίπεδο {layer}: οι τετμημένες και οι τεταγμένες φαίνονται αντεστραμμένες.</translation>
    </message>
    <message>
      <source>Layer {layer}: field {field} has type {found}, expected {expected}.</source>
      <translation>Επίπεδο {layer}: το πεδίο {field} έχει τύπο {found} αντί για {expected}.</translation>
    </message>
    <message>
      <source>Layers created</source>
      <translation>Επίπεδα που δημιουργήθηκαν</translation>
    </message>
    <message>
      <source>Legend</source>
      <translation>Υπόμνημα</translation>
    </message>
    <message>
      <source>Municipal GIS</source>
      <translation>Δημοτικό GIS</translation>
    </message>
    <message>
      <source>Municipal GIS {version}</source>
      <translation>Δημοτικό GIS {version}</translation>
    </message>
    <message>
      <source>Municipal GIS: parcels, zoning, municipal property, projects and services</source>
      <translation>Δημοτικό GIS: γεωτεμάχια, χρήσεις γης, δημοτική περιουσία, έργα και υπηρεσίες</translation>
    </message>
    <message>
      <source>Municipal database (GeoPackage, or PG:service=… schema=…)</source>
      <translation>Δημοτική βάση (GeoPackage, ή PG:service=… schema=…)</translation>
    </message>
    <message>
      <source>Municipal database to create</source>
      <translation>Δημοτική βάση προς δημιουργία</translation>
    </message>
    <message>
      <source>No database given: choose a GeoPackage file or a PostGIS connection.</source>
      <translation>Δεν δόθηκε βάση: επιλέξτε αρχείο GeoPackage ή σύνδεση PostGIS.</translation>
    </message>
    <message>
      <source>Number of errors</source>
      <translation>Αριθμός σφαλμάτων</translation>
    </message>
    <message>
      <source>Number of findings</source>
      <translation>Αριθμός ευρημάτων</translation>
    </message>
    <message>
      <source>Open municipal database</source>
      <translation>Άνοιγμα δημοτικής βάσης</translation>
    </message>
    <message>
      <source>Open municipal database…</source>
      <translation>Άνοιγμα δημοτικής βάσης…</translation>
    </message>
    <message>
      <source>Overview map → {path}</source>
      <translation>Γενικός χάρτης → {path}</translation>
    </message>
    <message>
      <source>Overwrite an existing database</source>
      <translation>Αντικατάσταση υπάρχουσας βάσης</translation>
    </message>
    <message>
      <source>Overwrite an existing file</source>
      <translation>Αντικατάσταση υπάρχοντος αρχείου</translation>
    </message>
    <message>
      <source>Parameter PARCELS: {error}</source>
      <translation>Παράμετρος PARCELS: {error}</translation>
    </message>
    <message>
      <source>Parameter {name}: choose a GeoPackage file or a PostGIS connection.</source>
      <translation>Παράμετρος {name}: επιλέξτε αρχείο GeoPackage ή σύνδεση PostGIS.</translation>
    </message>
    <message>
      <source>Parcels written</source>
      <translation>Γεωτεμάχια που γράφτηκαν</translation>
    </message>
    <message>
      <source>PostGIS location «{text}» has no connection details.</source>
      <translation>Η θέση PostGIS «{text}» δεν έχει στοιχεία σύνδεσης.</translation>
    </message>
    <message>
      <source>PostGIS needs the Python package psycopg2 (python3-psycopg2).</source>
      <translation>Το PostGIS απαιτεί το πακέτο Python psycopg2 (python3-psycopg2).</translation>
    </message>
    <message>
      <source>PostGIS schema</source>
      <translation>Σχήμα PostGIS</translation>
    </message>
    <message>
      <source>PostGIS schema name «{schema}» is not a plain SQL identifier.</source>
      <translation>Το όνομα σχήματος PostGIS «{schema}» δεν είναι απλό αναγνωριστικό SQL.</translation>
    </message>
    <message>
      <source>Project «{code}» has no footprint and no feature is tied to it.</source>
      <translation>Το έργο «{code}» δεν έχει περίγραμμα και κανένα στοιχείο δεν συνδέεται με αυτό.</translation>
    </message>
    <message>
      <source>QGIS project with {n} layers → {path}</source>
      <translation>Έργο QGIS με {n} επίπεδα → {path}</translation>
    </message>
    <message>
      <source>Reports, without changing anything, what is wrong with a municipal database: missing layers or fields, wrong field types, layers not in EPSG:2100 or with coordinates that look like degrees, invalid or empty geometries, duplicate or malformed ΚΑΕΚ, parcels that overlap or leave gaps inside a city block, values outside the value lists, features tied to unknown projects, leases and encroachments of unknown property, and projects with no location.

OUTPUT is a table with one row per finding (layer, feature_id, field, problem, message, severity). FINDINGS is their count, ERRORS the count of findings of severity “error”.

On a PostGIS database the checks run as SQL in the database (advanced parameter «Check in the database», on by default): only the findings' rows come to QGIS, with the same findings as when every layer is read into QGIS. The log says which way it checked, and why when the database cannot.</source>
      <translation>Αναφέρει, χωρίς να αλλάζει τίποτα, τι δεν πάει καλά σε μια δημοτική βάση: επίπεδα ή πεδία που λείπουν, λάθος τύποι πεδίων, επίπεδα εκτός EPSG:2100 ή με συντεταγμένες που μοιάζουν με μοίρες, μη έγκυρες ή κενές γεωμετρίες, διπλοί ή λανθασμένοι ΚΑΕΚ, γεωτεμάχια που επικαλύπτονται ή αφήνουν κενά μέσα σε οικοδομικό τετράγωνο, τιμές εκτός λιστών τιμών, στοιχεία συνδεδεμένα με άγνωστα έργα, εκμισθώσεις και καταπατήσεις άγνωστων ακινήτων, και έργα χωρίς θέση.

Το OUTPUT είναι πίνακας με μία γραμμή ανά εύρημα (layer, feature_id, field, problem, message, severity). Το FINDINGS είναι το πλήθος τους και το ERRORS το πλήθος των ευρημάτων σοβαρότητας «error».

Σε βάση PostGIS οι έλεγχοι εκτελούνται ως SQL μέσα στη βάση δεδομένων (προχωρημένη παράμετρος «Έλεγχος μέσα στη βάση δεδομένων», ενεργή εξ ορισμού): στο QGIS έρχονται μόνο οι γραμμές των ευρημάτων, με τα ίδια ευρήματα όπως όταν κάθε επίπεδο διαβάζεται στο QGIS. Το ημερολόγιο λέει με ποιον τρόπο έγινε ο έλεγχος και, όταν η βάση δεν μπορεί, γιατί.</translation>
    </message>
    <message>
      <source>Sample municipality</source>
      <translation>Υποδειγματικός δήμος</translation>
    </message>
    <message>
      <source>Sample municipality – overview</source>
      <translation>Υποδειγματικός δήμος – γενικός χάρτης</translation>
    </message>
    <message>
      <source>Siting</source>
      <translation>Χωροθέτηση</translation>
    </message>
    <message>
      <source>Technical programme</source>
      <translation>Τεχνικό πρόγραμμα</translation>
    </message>
    <message>
      <source>Technical programme projects</source>
      <translation>Έργα τεχνικού προγράμματος</translation>
    </message>
    <message>
      <source>The checks cannot run in the database ({reason}); every layer is read into QGIS instead.</source>
      <translation>Οι έλεγχοι δεν μπορούν να εκτελεστούν μέσα στη βάση δεδομένων ({reason})· αντ' αυτού κάθε επίπεδο διαβάζεται στο QGIS.</translation>
    </message>
    <message>
      <source>The checks in the database failed ({reason}); every layer is read into QGIS instead.</source>
      <translation>Οι έλεγχοι μέσα στη βάση δεδομένων απέτυχαν ({reason})· αντ' αυτού κάθε επίπεδο διαβάζεται στο QGIS.</translation>
    </message>
    <message>
      <source>The checks run as SQL in the database.</source>
      <translation>Οι έλεγχοι εκτελούνται ως SQL μέσα στη βάση δεδομένων.</translation>
    </message>
    <message>
      <source>The database has no municipal schema version: it was not made by this plugin, or its metadata table is missing.</source>
      <translation>Η βάση δεν έχει έκδοση δημοτικού σχήματος: δεν δημιουργήθηκε από αυτό το πρόσθετο ή λείπει ο πίνακας μεταδεδομένων.</translation>
    </message>
    <message>
      <source>There is no PostgreSQL connection named «{name}» in QGIS.</source>
      <translation>Δεν υπάρχει σύνδεση PostgreSQL με όνομα «{name}» στο QGIS.</translation>
    </message>
    <message>
      <source>Urban regeneration</source>
      <translation>Αστική αναζωογόνηση</translation>
    </message>
    <message>
      <source>{db} already holds a municipal database; choose another schema or allow overwriting.</source>
      <translation>Το {db} περιέχει ήδη δημοτική βάση· επιλέξτε άλλο σχήμα ή επιτρέψτε την αντικατάσταση.</translation>
    </message>
    <message>
      <source>{db} has no layer {layer}.</source>
      <translation>Το {db} δεν έχει επίπεδο {layer}.</translation>
    </message>
    <message>
      <source>{db} is not a municipal database: it has none of the municipal layers. Create one with “Create municipal database”.</source>
      <translation>Το {db} δεν είναι δημοτική βάση: δεν έχει κανένα από τα δημοτικά επίπεδα. Δημιουργήστε μία με «Δημιουργία δημοτικής βάσης».</translation>
    </message>
    <message>
      <source>{db} was made by a newer version of the plugin (schema {found}, this version knows {known}). Update the plugin.</source>
      <translation>Το {db} δημιουργήθηκε από νεότερη έκδοση του πρόσθετου (σχήμα {found}, αυτή η έκδοση γνωρίζει το {known}). Ενημερώστε το πρόσθετο.</translation>
    </message>
    <message>
      <source>{db}, layer {layer}: could not write the records: {error}</source>
      <translation>{db}, επίπεδο {layer}: δεν ήταν δυνατή η εγγραφή: {error}</translation>
    </message>
    <message>
      <source>{db}: could not create the municipal tables: {error}</source>
      <translation>{db}: δεν ήταν δυνατή η δημιουργία των δημοτικών πινάκων: {error}</translation>
    </message>
    <message>
      <source>{db}: layer {layer} lacks fields {fields}.</source>
      <translation>{db}: στο επίπεδο {layer} λείπουν τα πεδία {fields}.</translation>
    </message>
    <message>
      <source>{db}: the PostGIS extension is not installed and could not be created ({error}). Ask the database administrator to run CREATE EXTENSION postgis.</source>
      <translation>{db}: η επέκταση PostGIS δεν είναι εγκατεστημένη και δεν ήταν δυνατή η δημιουργία της ({error}). Ζητήστε από τον διαχειριστή της βάσης να εκτελέσει CREATE EXTENSION postgis.</translation>
    </message>
    <message>
      <source>{layer}: {n}</source>
      <translation>{layer}: {n}</translation>
    </message>
    <message>
      <source>{n} features and rows, {p} parcels → {path}</source>
      <translation>{n} εγγραφές, {p} γεωτεμάχια → {path}</translation>
    </message>
    <message>
      <source>{n} findings, {e} errors.</source>
      <translation>{n} ευρήματα, {e} σφάλματα.</translation>
    </message>
    <message>
      <source>{path} already exists; choose another file or allow overwriting.</source>
      <translation>Το {path} υπάρχει ήδη· επιλέξτε άλλο αρχείο ή επιτρέψτε την αντικατάσταση.</translation>
    </message>
    <message>
      <source>{path} cannot be read as a GeoPackage: {error}</source>
      <translation>Το {path} δεν διαβάζεται ως GeoPackage: {error}</translation>
    </message>
    <message>
      <source>{path} is an SQLite file but not a GeoPackage.</source>
      <translation>Το {path} είναι αρχείο SQLite αλλά όχι GeoPackage.</translation>
    </message>
    <message>
      <source>{path} is not a GeoPackage (not an SQLite file).</source>
      <translation>Το {path} δεν είναι GeoPackage (δεν είναι αρχείο SQLite).</translation>
    </message>
    <message>
      <source>{path}: a municipal database file must end in .gpkg.</source>
      <translation>{path}: το αρχείο δημοτικής βάσης πρέπει να έχει κατάληξη .gpkg.</translation>
    </message>
    <message>
      <source>…or a PostGIS connection</source>
      <translation>…ή σύνδεση PostGIS</translation>
    </message>
  </context>
</TS>
