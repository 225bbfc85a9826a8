<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="el_GR" sourcelanguage="en">
  <context>
    <name>municipal_gis</name>
    <message>
      <source>(unzoned)</source>
      <translation>(εκτός ζώνης)</translation>
    </message>
    <message>
      <source>1 certificate</source>
      <translation>1 βεβαίωση</translation>
    </message>
    <message>
      <source>1 parcel</source>
      <translation>1 γεωτεμάχιο</translation>
    </message>
    <message>
      <source>1 piece</source>
      <translation>1 τμήμα</translation>
    </message>
    <message>
      <source>1 ΚΑΕΚ problem</source>
      <translation>1 πρόβλημα ΚΑΕΚ</translation>
    </message>
    <message>
      <source>A reissue replaces one certificate: give exactly one ΚΑΕΚ.</source>
      <translation>Η επανέκδοση αντικαθιστά μία βεβαίωση: δώστε ακριβώς ένα ΚΑΕΚ.</translation>
    </message>
    <message>
      <source>Applicant</source>
      <translation>Αιτών</translation>
    </message>
    <message>
      <source>Applicant (printed and registered only if given)</source>
      <translation>Αιτών/ούσα (τυπώνεται και καταχωρίζεται μόνο αν δοθεί)</translation>
    </message>
    <message>
      <source>Building terms</source>
      <translation>Όροι δόμησης</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Ακύρωση</translation>
    </message>
    <message>
      <source>Cancelled: no certificate was issued after the cancel.</source>
      <translation>Ακυρώθηκε: καμία βεβαίωση δεν εκδόθηκε μετά την ακύρωση.</translation>
    </message>
    <message>
      <source>Certificate PDF</source>
      <translation>PDF βεβαίωσης</translation>
    </message>
    <message>
      <source>Certificate language</source>
      <translation>Γλώσσα βεβαίωσης</translation>
    </message>
    <message>
      <source>Certificate number</source>
      <translation>Αριθμός βεβαίωσης</translation>
    </message>
    <message>
      <source>Certificate {numbers} issued in {folder}.</source>
      <translation>Η βεβαίωση {numbers} εκδόθηκε στον φάκελο {folder}.</translation>
    </message>
    <message>
      <source>Certificate {number} (ΚΑΕΚ {kaek}): its stored result cannot be read.</source>
      <translation>Βεβαίωση {number} (ΚΑΕΚ {kaek}): το αποθηκευμένο αποτέλεσμά της δεν μπορεί να διαβαστεί.</translation>
    </message>
    <message>
      <source>Certificate {number} (ΚΑΕΚ {kaek}): its zone shares add up to {total} %, not 100 %; reissue it (an earlier release added a phantom unzoned row to parcels wholly inside one zone).</source>
      <translation>Βεβαίωση {number} (ΚΑΕΚ {kaek}): τα ποσοστά των ζωνών της αθροίζουν {total} % και όχι 100 %· επανεκδώστε τη (παλαιότερη έκδοση πρόσθετε ανύπαρκτη γραμμή «εκτός ζώνης» σε γεωτεμάχια που βρίσκονται εξ ολοκλήρου σε μία ζώνη).</translation>
    </message>
    <message>
      <source>Certificate {number} has been replaced by {later}.</source>
      <translation>Η βεβαίωση {number} έχει αντικατασταθεί από τη {later}.</translation>
    </message>
    <message>
      <source>Certificate {number} is not in the register of {db}; it cannot be replaced.</source>
      <translation>Η βεβαίωση {number} δεν υπάρχει στο μητρώο της βάσης {db}· δεν μπορεί να αντικατασταθεί.</translation>
    </message>
    <message>
      <source>Certificates {numbers} issued in {folder}.</source>
      <translation>Οι βεβαιώσεις {numbers} εκδόθηκαν στον φάκελο {folder}.</translation>
    </message>
    <message>
      <source>City blocks (Ο.Τ.), for the frontage on their outline</source>
      <translation>Οικοδομικά τετράγωνα (Ο.Τ.), για το πρόσωπο στο περίγραμμά τους</translation>
    </message>
    <message>
      <source>Click a parcel on the map.</source>
      <translation>Κάντε κλικ σε ένα γεωτεμάχιο στον χάρτη.</translation>
    </message>
    <message>
      <source>Compute in the database when parcels and zones are PostGIS tables of one database (table of areas for every parcel)</source>
      <translation>Υπολογισμός μέσα στη βάση όταν τα γεωτεμάχια και οι ζώνες είναι πίνακες της ίδιας βάσης PostGIS (πίνακας εμβαδών για όλα τα γεωτεμάχια)</translation>
    </message>
    <message>
      <source>Drafts written to {folder}: {certificates} (no register: load the municipal database to number them).</source>
      <translation>Σχέδια βεβαιώσεων στον φάκελο {folder}: {certificates} (χωρίς μητρώο: φορτώστε τη δημοτική βάση για να αριθμηθούν).</translation>
    </message>
    <message>
      <source>English</source>
      <translation>Αγγλικά</translation>
    </message>
    <message>
      <source>FAR {far} (max floor area {area} m²)</source>
      <translation>ΣΔ {far} (μέγιστη δόμηση {area} τ.μ.)</translation>
    </message>
    <message>
      <source>Folder for the PDF certificates</source>
      <translation>Φάκελος για τα PDF των βεβαιώσεων</translation>
    </message>
    <message>
      <source>Frontage: distance from the street's edge (m)</source>
      <translation>Πρόσωπο: απόσταση από το όριο της οδού (m)</translation>
    </message>
    <message>
      <source>Greek</source>
      <translation>Ελληνικά</translation>
    </message>
    <message>
      <source>In the database: when parcels and zones are tables of one PostGIS database, every parcel is certified (no ΚΑΕΚ list), no PDFs are written and the output is a table of areas (piece geometries off), the areas are computed by one SQL query in the database instead of reading every parcel into QGIS, with the same results (advanced parameter «Compute in the database», on by default). Zones in force that overlap one another, layers with a filter or selection, and layers in another CRS take the QGIS path.</source>
      <translation>Μέσα στη βάση: όταν τα γεωτεμάχια και οι ζώνες είναι πίνακες της ίδιας βάσης PostGIS, βεβαιώνονται όλα τα γεωτεμάχια (χωρίς κατάλογο ΚΑΕΚ), δεν παράγονται PDF και η έξοδος είναι πίνακας εμβαδών (χωρίς τις γεωμετρίες των τμημάτων), τα εμβαδά υπολογίζονται με ένα ερώτημα SQL μέσα στη βάση αντί να διαβαστεί κάθε γεωτεμάχιο στο QGIS, με τα ίδια αποτελέσματα (προχωρημένη παράμετρος «Υπολογισμός μέσα στη βάση», ενεργή εξ ορισμού). Ζώνες σε ισχύ που επικαλύπτονται μεταξύ τους, επίπεδα με φίλτρο ή επιλογή και επίπεδα σε άλλο σύστημα αναφοράς ακολουθούν τη διαδρομή του QGIS.</translation>
    </message>
    <message>
      <source>Issue PDF</source>
      <translation>Έκδοση PDF</translation>
    </message>
    <message>
      <source>Issue: number the certificates in the register</source>
      <translation>Έκδοση: αρίθμηση των βεβαιώσεων στο μητρώο</translation>
    </message>
    <message>
      <source>Issued at</source>
      <translation>Ημερομηνία έκδοσης</translation>
    </message>
    <message>
      <source>Issuing {certificates}…</source>
      <translation>Έκδοση: {certificates}…</translation>
    </message>
    <message>
      <source>Land-use certificate</source>
      <translation>Βεβαίωση χρήσεων γης</translation>
    </message>
    <message>
      <source>Land-use zones</source>
      <translation>Ζώνες χρήσεων γης</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}, field {field}: no street width; this street is left out of the frontage.</source>
      <translation>Επίπεδο {layer}, οντότητα {fid}, πεδίο {field}: δεν δίνεται πλάτος οδού· η οδός αυτή δεν λαμβάνεται υπόψη στο πρόσωπο.</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}, field {field}: the value {value} {problem}; the share of the title area is left empty.</source>
      <translation>Επίπεδο {layer}, οντότητα {fid}, πεδίο {field}: η τιμή {value} {problem}· το ποσοστό επί του εμβαδού τίτλου μένει κενό.</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}, field {field}: {reason}</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}, πεδίο {field}: {reason}</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}: invalid geometry ({reason}) repaired; area {before} → {after} m².</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}: άκυρη γεωμετρία ({reason}) διορθώθηκε· εμβαδόν {before} → {after} τ.μ.</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}: invalid zone geometry ({reason}) repaired.</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}: άκυρη γεωμετρία ζώνης ({reason}) διορθώθηκε.</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}: no usable polygon ({reason}).</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}: δεν υπάρχει χρήσιμο πολύγωνο ({reason}).</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}: the ΚΑΕΚ is also on other parcels; not certified.</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}: το ΚΑΕΚ υπάρχει και σε άλλα γεωτεμάχια· δεν εκδίδεται βεβαίωση.</translation>
    </message>
    <message>
      <source>Layer {layer}: no parcel boundary runs along these street lines; if they are centrelines, give their width field or the city blocks.</source>
      <translation>Επίπεδο {layer}: κανένα όριο γεωτεμαχίου δεν ακολουθεί αυτές τις γραμμές οδών· αν είναι άξονες οδών, δώστε το πεδίο πλάτους τους ή τα οικοδομικά τετράγωνα.</translation>
    </message>
    <message>
      <source>Layer {layer}: no parcel selected.</source>
      <translation>Επίπεδο {layer}: δεν έχει επιλεγεί γεωτεμάχιο.</translation>
    </message>
    <message>
      <source>Layer {layer}: no parcel with this ΚΑΕΚ.</source>
      <translation>Επίπεδο {layer}: δεν υπάρχει γεωτεμάχιο με αυτό το ΚΑΕΚ.</translation>
    </message>
    <message>
      <source>Layer {layer}: the chosen parcels have no geometry.</source>
      <translation>Επίπεδο {layer}: τα επιλεγμένα γεωτεμάχια δεν έχουν γεωμετρία.</translation>
    </message>
    <message>
      <source>Layer {layer}: zones {a} and {b} (features {fa}, {fb}) overlap on {area} m².</source>
      <translation>Επίπεδο {layer}: οι ζώνες {a} και {b} (στοιχεία {fa}, {fb}) επικαλύπτονται σε {area} τ.μ.</translation>
    </message>
    <message>
      <source>Layer {layer}: {n} parcels (features {fids}) carry this ΚΑΕΚ; none certified.</source>
      <translation>Επίπεδο {layer}: {n} γεωτεμάχια (στοιχεία {fids}) έχουν αυτό το ΚΑΕΚ· δεν εκδίδεται βεβαίωση για κανένα.</translation>
    </message>
    <message>
      <source>Listed more than once; certified once.</source>
      <translation>Δόθηκε περισσότερες από μία φορές· βεβαιώνεται μία φορά.</translation>
    </message>
    <message>
      <source>Load the municipal database first: no parcel layer in the project.</source>
      <translation>Φορτώστε πρώτα τη δημοτική βάση: δεν υπάρχει επίπεδο γεωτεμαχίων στο έργο.</translation>
    </message>
    <message>
      <source>Load the municipal database first: the parcel and land-use zone layers are needed.</source>
      <translation>Φορτώστε πρώτα τη δημοτική βάση: χρειάζονται τα επίπεδα γεωτεμαχίων και ζωνών χρήσεων γης.</translation>
    </message>
    <message>
      <source>Matches a register entry</source>
      <translation>Ταυτίζεται με εγγραφή του μητρώου</translation>
    </message>
    <message>
      <source>No register entry has this file's SHA-256: the file is not a registered certificate, or it was changed after issue.</source>
      <translation>Καμία εγγραφή του μητρώου δεν έχει το SHA-256 αυτού του αρχείου: το αρχείο δεν είναι καταχωρισμένη βεβαίωση ή τροποποιήθηκε μετά την έκδοση.</translation>
    </message>
    <message>
      <source>Overlays parcels exactly on the land-use zones in force on a date and gives, per parcel and zone, the area and its share of the parcel (the unzoned part and overlaps of zones are their own rows, so shares add up to 100 %; slivers are flagged, never dropped), the building terms (ΣΔ, coverage, height, maximum floor area and footprint) and the plot conformity (minimum area; minimum frontage when a street layer is given). Optionally writes one PDF certificate per parcel from the print layout template and, with a database and «Issue», numbers each certificate in the append-only register (per-year numbers such as 2026/0001). ΚΑΕΚ codes that are malformed, not found or duplicated are listed in a separate output while the rest of the batch runs.</source>
      <translation>Επικαλύπτει με ακρίβεια τα γεωτεμάχια με τις ζώνες χρήσεων γης που ισχύουν σε μια ημερομηνία και δίνει, ανά γεωτεμάχιο και ζώνη, το εμβαδόν και το ποσοστό του γεωτεμαχίου (το τμήμα εκτός ζωνών και οι επικαλύψεις ζωνών είναι χωριστές γραμμές, ώστε τα ποσοστά να αθροίζουν 100 %· τα υπολείμματα σημαίνονται, δεν απορρίπτονται), τους όρους δόμησης (ΣΔ, κάλυψη, ύψος, μέγιστη δόμηση και κάλυψη) και την αρτιότητα (ελάχιστο εμβαδόν· ελάχιστο πρόσωπο όταν δοθεί επίπεδο οδών). Προαιρετικά γράφει ένα PDF βεβαίωσης ανά γεωτεμάχιο από το πρότυπο σύνθεσης εκτύπωσης και, με βάση δεδομένων και «Έκδοση», αριθμεί κάθε βεβαίωση στο μητρώο που δεν επιτρέπει διαγραφές (αριθμοί ανά έτος, π.χ. 2026/0001). Τα ΚΑΕΚ που είναι λανθασμένα, δεν βρέθηκαν ή επαναλαμβάνονται καταγράφονται σε χωριστή έξοδο, ενώ η υπόλοιπη παρτίδα εκτελείται κανονικά.</translation>
    </message>
    <message>
      <source>PDF file {path} does not exist.</source>
      <translation>Το αρχείο PDF {path} δεν υπάρχει.</translation>
    </message>
    <message>
      <source>Parcel × zone pieces</source>
      <translation>Τμήματα γεωτεμαχίου × ζώνης</translation>
    </message>
    <message>
      <source>Parcels</source>
      <translation>Γεωτεμάχια</translation>
    </message>
    <message>
      <source>Parcels without a ΚΑΕΚ cannot be certified: {parcels}.</source>
      <translation>Γεωτεμάχια χωρίς ΚΑΕΚ δεν πιστοποιούνται: {parcels}.</translation>
    </message>
    <message>
      <source>Pick a parcel on the map</source>
      <translation>Επιλογή γεωτεμαχίου στον χάρτη</translation>
    </message>
    <message>
      <source>Plan in force on</source>
      <translation>Σχέδιο σε ισχύ στις</translation>
    </message>
    <message>
      <source>Plan in force on (empty: today)</source>
      <translation>Ισχύς σχεδίου κατά την (κενό: σήμερα)</translation>
    </message>
    <message>
      <source>Protocol number</source>
      <translation>Αριθμός πρωτοκόλλου</translation>
    </message>
    <message>
      <source>Register database (GeoPackage path or PG:… schema=…)</source>
      <translation>Βάση δεδομένων μητρώου (αρχείο GeoPackage ή PG:… schema=…)</translation>
    </message>
    <message>
      <source>Reissue: number of the certificate this one replaces</source>
      <translation>Επανέκδοση: αριθμός της βεβαίωσης που αντικαθίσταται</translation>
    </message>
    <message>
      <source>Replaced by</source>
      <translation>Αντικαταστάθηκε από</translation>
    </message>
    <message>
      <source>SHA-256 of the file</source>
      <translation>SHA-256 του αρχείου</translation>
    </message>
    <message>
      <source>Select parcels, or pick one on the map.</source>
      <translation>Επιλέξτε γεωτεμάχια ή δείξτε ένα στον χάρτη.</translation>
    </message>
    <message>
      <source>Share (%)</source>
      <translation>Ποσοστό (%)</translation>
    </message>
    <message>
      <source>Sliver</source>
      <translation>Υπόλειμμα</translation>
    </message>
    <message>
      <source>Sliver: pieces smaller than (% of the parcel)</source>
      <translation>Υπόλειμμα: τμήματα μικρότερα από (% του γεωτεμαχίου)</translation>
    </message>
    <message>
      <source>Sliver: pieces smaller than (m²)</source>
      <translation>Υπόλειμμα: τμήματα μικρότερα από (τ.μ.)</translation>
    </message>
    <message>
      <source>Some zones overlap: the overlapping parts are shown once, with every zone.</source>
      <translation>Ορισμένες ζώνες επικαλύπτονται: τα κοινά τμήματα εμφανίζονται μία φορά, με όλες τις ζώνες.</translation>
    </message>
    <message>
      <source>Street width field (m), when the street lines are centrelines</source>
      <translation>Πεδίο πλάτους οδού (m), όταν οι γραμμές είναι άξονες οδών</translation>
    </message>
    <message>
      <source>Streets, for the frontage: street polygons, or street lines</source>
      <translation>Οδοί, για το πρόσωπο: πολύγωνα οδών ή γραμμές οδών</translation>
    </message>
    <message>
      <source>Temporary output: the pieces are written to a GeoPackage in the QGIS processing temporary folder and added as a temporary layer, like a memory layer and about twice as fast to fill (a GeoPackage is filled in bulk, a memory layer one feature at a time). Like a memory layer it is deleted when QGIS closes: to keep it, save it to a file of your own (Export → Save Features As…). An output given as «memory:» stays a memory layer.</source>
      <translation>Προσωρινή έξοδος: τα τμήματα γράφονται σε GeoPackage στον προσωρινό φάκελο επεξεργασίας του QGIS και προστίθενται ως προσωρινό επίπεδο, όπως ένα επίπεδο μνήμης, αλλά γεμίζουν περίπου δύο φορές ταχύτερα (το GeoPackage γεμίζει μαζικά, το επίπεδο μνήμης ένα στοιχείο τη φορά). Όπως και το επίπεδο μνήμης, διαγράφεται όταν κλείσει το QGIS: για να το κρατήσετε, αποθηκεύστε το σε δικό σας αρχείο (Εξαγωγή → Αποθήκευση στοιχείων ως…). Έξοδος που δίνεται ως «memory:» παραμένει επίπεδο μνήμης.</translation>
    </message>
    <message>
      <source>The file is certificate {number} (ΚΑΕΚ {kaek}), issued {date}.</source>
      <translation>Το αρχείο είναι η βεβαίωση {number} (ΚΑΕΚ {kaek}), που εκδόθηκε στις {date}.</translation>
    </message>
    <message>
      <source>The overlay runs in the PostGIS database ({parcels} × {zones}).</source>
      <translation>Η επικάλυψη εκτελείται μέσα στη βάση PostGIS ({parcels} × {zones}).</translation>
    </message>
    <message>
      <source>To issue certificates, give the folder for the PDF certificates.</source>
      <translation>Για την έκδοση βεβαιώσεων δώστε τον φάκελο για τα PDF.</translation>
    </message>
    <message>
      <source>To issue certificates, give the register database.</source>
      <translation>Για την έκδοση βεβαιώσεων δώστε τη βάση δεδομένων του μητρώου.</translation>
    </message>
    <message>
      <source>Use the selected parcels</source>
      <translation>Χρήση των επιλεγμένων γεωτεμαχίων</translation>
    </message>
    <message>
      <source>Verify land-use certificate</source>
      <translation>Επαλήθευση βεβαίωσης χρήσεων γης</translation>
    </message>
    <message>
      <source>Write the piece geometries (off: a table of areas only, faster)</source>
      <translation>Εγγραφή των γεωμετριών των τμημάτων (χωρίς: μόνο πίνακας εμβαδών, ταχύτερα)</translation>
    </message>
    <message>
      <source>Zone</source>
      <translation>Ζώνη</translation>
    </message>
    <message>
      <source>Zone code field</source>
      <translation>Πεδίο κωδικού ζώνης</translation>
    </message>
    <message>
      <source>Zones in force overlap one another: the overlay runs in QGIS, not in the database.</source>
      <translation>Ζώνες σε ισχύ επικαλύπτονται μεταξύ τους: η επικάλυψη εκτελείται στο QGIS και όχι μέσα στη βάση.</translation>
    </message>
    <message>
      <source>a ΚΑΕΚ has 12 digits</source>
      <translation>το ΚΑΕΚ έχει 12 ψηφία</translation>
    </message>
    <message>
      <source>a ΚΑΕΚ has only digits (and an optional /unit suffix)</source>
      <translation>το ΚΑΕΚ έχει μόνο ψηφία (και προαιρετική κατάληξη /ιδιοκτησίας)</translation>
    </message>
    <message>
      <source>coverage {pct} % (max footprint {area} m²)</source>
      <translation>κάλυψη {pct} % (μέγιστη κάλυψη {area} τ.μ.)</translation>
    </message>
    <message>
      <source>empty ΚΑΕΚ</source>
      <translation>κενό ΚΑΕΚ</translation>
    </message>
    <message>
      <source>height {h} m</source>
      <translation>ύψος {h} μ.</translation>
    </message>
    <message>
      <source>optional; printed and registered only if given</source>
      <translation>προαιρετικό· τυπώνεται και καταχωρίζεται μόνο αν δοθεί</translation>
    </message>
    <message>
      <source>the unit suffix must be numbers separated by «/»</source>
      <translation>η κατάληξη ιδιοκτησίας πρέπει να είναι αριθμοί χωρισμένοι με «/»</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>ναι</translation>
    </message>
    <message>
      <source>{db} has no land-use certificate register (table {table}); create or upgrade the municipal database first.</source>
      <translation>Η βάση {db} δεν έχει μητρώο βεβαιώσεων χρήσεων γης (πίνακας {table})· δημιουργήστε ή αναβαθμίστε πρώτα τη δημοτική βάση.</translation>
    </message>
    <message>
      <source>{n} certificates</source>
      <translation>{n} βεβαιώσεις</translation>
    </message>
    <message>
      <source>{n} of {total} zones are in force on {date}.</source>
      <translation>{n} από {total} ζώνες ισχύουν στις {date}.</translation>
    </message>
    <message>
      <source>{n} parcel geometries were invalid and have been repaired.</source>
      <translation>{n} γεωμετρίες γεωτεμαχίων ήταν άκυρες και διορθώθηκαν.</translation>
    </message>
    <message>
      <source>{n} parcels</source>
      <translation>{n} γεωτεμάχια</translation>
    </message>
    <message>
      <source>{n} pieces</source>
      <translation>{n} τμήματα</translation>
    </message>
    <message>
      <source>{n} ΚΑΕΚ problems</source>
      <translation>{n} προβλήματα ΚΑΕΚ</translation>
    </message>
    <message>
      <source>{parcels} to certify, {problems}.</source>
      <translation>{parcels} για βεβαίωση, {problems}.</translation>
    </message>
    <message>
      <source>{parcels}, {pieces}; plan in force on {date}.</source>
      <translation>{parcels}, {pieces}· σχέδιο σε ισχύ στις {date}.</translation>
    </message>
    <message>
      <source>{zones} (zones overlap)</source>
      <translation>{zones} (επικάλυψη ζωνών)</translation>
    </message>
    <message>
      <source>ΚΑΕΚ</source>
      <translation>ΚΑΕΚ</translation>
    </message>
    <message>
      <source>ΚΑΕΚ codes to certify (one per line, or a CSV/text file); empty: all parcels</source>
      <translation>ΚΑΕΚ για βεβαίωση (ένα ανά γραμμή ή αρχείο CSV/κειμένου)· κενό: όλα τα γεωτεμάχια</translation>
    </message>
    <message>
      <source>ΚΑΕΚ field</source>
      <translation>Πεδίο ΚΑΕΚ</translation>
    </message>
    <message>
      <source>ΚΑΕΚ problems</source>
      <translation>Προβλήματα ΚΑΕΚ</translation>
    </message>
    <message>
      <source>ΚΑΕΚ {kaek}: certificate {number} issued.</source>
      <translation>ΚΑΕΚ {kaek}: εκδόθηκε η βεβαίωση {number}.</translation>
    </message>
    <message>
      <source>ΚΑΕΚ {kaek}: the certificate could not be written to {folder}: {error}</source>
      <translation>ΚΑΕΚ {kaek}: η βεβαίωση δεν ήταν δυνατό να γραφτεί στον φάκελο {folder}: {error}</translation>
    </message>
  </context>
</TS>
