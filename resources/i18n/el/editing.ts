<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="el_GR" sourcelanguage="en">
  <context>
    <name>municipal_gis</name>
    <message>
      <source>As of (date and time)</source>
      <translation>Κατά την (ημερομηνία και ώρα)</translation>
    </message>
    <message>
      <source>Cadastral check</source>
      <translation>Έλεγχος κτηματολογίου</translation>
    </message>
    <message>
      <source>Cadastral check problems</source>
      <translation>Προβλήματα ελέγχου κτηματολογίου</translation>
    </message>
    <message>
      <source>Cadastral editing</source>
      <translation>Επεξεργασία κτηματολογίου</translation>
    </message>
    <message>
      <source>Change id</source>
      <translation>Κωδικός αλλαγής</translation>
    </message>
    <message>
      <source>Changes undone</source>
      <translation>Αλλαγές που αναιρέθηκαν</translation>
    </message>
    <message>
      <source>Click inside the parcel to split.</source>
      <translation>Κάντε κλικ μέσα στο γεωτεμάχιο που θα διαιρεθεί.</translation>
    </message>
    <message>
      <source>Edit history</source>
      <translation>Ιστορικό αλλαγών</translation>
    </message>
    <message>
      <source>Edit history report</source>
      <translation>Αναφορά ιστορικού αλλαγών</translation>
    </message>
    <message>
      <source>Edit history…</source>
      <translation>Ιστορικό αλλαγών…</translation>
    </message>
    <message>
      <source>From</source>
      <translation>Από</translation>
    </message>
    <message>
      <source>Give either CHANGE_ID or TRANSACTION_ID (one of them).</source>
      <translation>Δώστε είτε CHANGE_ID είτε TRANSACTION_ID (ένα από τα δύο).</translation>
    </message>
    <message>
      <source>Layer</source>
      <translation>Επίπεδο</translation>
    </message>
    <message>
      <source>Layer as of</source>
      <translation>Επίπεδο κατά την ημερομηνία</translation>
    </message>
    <message>
      <source>Layer as of a date and time</source>
      <translation>Επίπεδο όπως ήταν σε ημερομηνία και ώρα</translation>
    </message>
    <message>
      <source>Layer as of a date…</source>
      <translation>Επίπεδο όπως ήταν σε ημερομηνία…</translation>
    </message>
    <message>
      <source>Layer parcel, field kaek: the new ΚΑΕΚ codes repeat one another.</source>
      <translation>Επίπεδο parcel, πεδίο kaek: οι νέοι ΚΑΕΚ επαναλαμβάνονται.</translation>
    </message>
    <message>
      <source>Layer parcel, field kaek: the new ΚΑΕΚ «{kaek}» is not well-formed (12 digits).</source>
      <translation>Επίπεδο parcel, πεδίο kaek: ο νέος ΚΑΕΚ «{kaek}» δεν είναι έγκυρος (12 ψηφία).</translation>
    </message>
    <message>
      <source>Layer parcel, field kaek: ΚΑΕΚ {kaek} already exists.</source>
      <translation>Επίπεδο parcel, πεδίο kaek: ο ΚΑΕΚ {kaek} υπάρχει ήδη.</translation>
    </message>
    <message>
      <source>Layer parcel, ΚΑΕΚ {kaek}: nothing was written: {problems}.</source>
      <translation>Επίπεδο parcel, ΚΑΕΚ {kaek}: δεν γράφτηκε τίποτα: {problems}.</translation>
    </message>
    <message>
      <source>Layer parcel, ΚΑΕΚ {kaek}: the line does not cut the parcel in two or more parts.</source>
      <translation>Επίπεδο parcel, ΚΑΕΚ {kaek}: η γραμμή δεν τέμνει το γεωτεμάχιο σε δύο ή περισσότερα τμήματα.</translation>
    </message>
    <message>
      <source>Layer parcel, ΚΑΕΚ {kaek}: the line makes {n} parts but {m} new ΚΑΕΚ were given.</source>
      <translation>Επίπεδο parcel, ΚΑΕΚ {kaek}: η γραμμή δίνει {n} τμήματα αλλά δόθηκαν {m} νέοι ΚΑΕΚ.</translation>
    </message>
    <message>
      <source>Layer parcel, ΚΑΕΚ {kaek}: the parcel has no geometry.</source>
      <translation>Επίπεδο parcel, ΚΑΕΚ {kaek}: το γεωτεμάχιο δεν έχει γεωμετρία.</translation>
    </message>
    <message>
      <source>Layer parcel, ΚΑΕΚ {kaek}: the parcel is closed (split or merged already).</source>
      <translation>Επίπεδο parcel, ΚΑΕΚ {kaek}: το γεωτεμάχιο είναι κλειστό (έχει ήδη διανεμηθεί ή συνενωθεί).</translation>
    </message>
    <message>
      <source>Layer parcel: no free ΚΑΕΚ left after {prefix}; give the new ΚΑΕΚ yourself.</source>
      <translation>Επίπεδο parcel: δεν απομένουν ελεύθεροι ΚΑΕΚ μετά το {prefix}· δώστε εσείς τους νέους ΚΑΕΚ.</translation>
    </message>
    <message>
      <source>Layer parcel: there is no parcel with ΚΑΕΚ {kaek}.</source>
      <translation>Επίπεδο parcel: δεν υπάρχει γεωτεμάχιο με ΚΑΕΚ {kaek}.</translation>
    </message>
    <message>
      <source>Layer parcel: ΚΑΕΚ {kaeks} are not adjacent; only neighbouring parcels can be merged.</source>
      <translation>Επίπεδο parcel: τα ΚΑΕΚ {kaeks} δεν είναι όμορα· συνενώνονται μόνο γειτονικά γεωτεμάχια.</translation>
    </message>
    <message>
      <source>Layer parcel: ΚΑΕΚ {kaeks} lie in different city blocks ({blocks}).</source>
      <translation>Επίπεδο parcel: τα ΚΑΕΚ {kaeks} βρίσκονται σε διαφορετικά οικοδομικά τετράγωνα ({blocks}).</translation>
    </message>
    <message>
      <source>Layer {layer} has no edit history; layers with history: {layers}.</source>
      <translation>Το επίπεδο {layer} δεν έχει ιστορικό αλλαγών· επίπεδα με ιστορικό: {layers}.</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {key} (fid {fid}) was changed again afterwards (change {n} by {user}); undo that change first.</source>
      <translation>Επίπεδο {layer}, στοιχείο {key} (fid {fid}): άλλαξε ξανά αργότερα (αλλαγή {n} από {user})· αναιρέστε πρώτα εκείνη την αλλαγή.</translation>
    </message>
    <message>
      <source>Layers</source>
      <translation>Επίπεδα</translation>
    </message>
    <message>
      <source>Lists the changes the database recorded between START and END (either may be empty) in the chosen layers, optionally of one feature (KEY: a ΚΑΕΚ, property code, lease code …): the change id, the feature, the operation, who, when, the transaction and reason, and which fields (and whether the geometry) changed. Values are not listed, so personal data stays in the database. A change id or transaction id from here is what “Undo a change” takes.</source>
      <translation>Καταγράφει τις αλλαγές που κατέγραψε η βάση μεταξύ START και END (οποιοδήποτε μπορεί να μείνει κενό) στα επιλεγμένα επίπεδα, προαιρετικά για ένα στοιχείο (KEY: ΚΑΕΚ, κωδικός ακινήτου, κωδικός μίσθωσης …): κωδικό αλλαγής, στοιχείο, πράξη, ποιος, πότε, τη συναλλαγή και την αιτιολογία, και ποια πεδία (και αν η γεωμετρία) άλλαξαν. Οι τιμές δεν εμφανίζονται, ώστε τα προσωπικά δεδομένα να μένουν στη βάση. Ο κωδικός αλλαγής ή συναλλαγής από εδώ είναι αυτό που δέχεται η «Αναίρεση αλλαγής».</translation>
    </message>
    <message>
      <source>Merge parcels</source>
      <translation>Συνένωση γεωτεμαχίων</translation>
    </message>
    <message>
      <source>Merge parcels…</source>
      <translation>Συνένωση γεωτεμαχίων…</translation>
    </message>
    <message>
      <source>Merges the neighbouring parcels KAEKS (same city block) into one new parcel NEW_KAEK, in one transaction: the parents are closed, not deleted; the new parcel's registered area is the sum of theirs; lineage records tie each parent to it. Nothing is written if the parcels are not adjacent, lie in different blocks, or the new ΚΑΕΚ is malformed or taken.</source>
      <translation>Συνενώνει τα όμορα γεωτεμάχια KAEKS (στο ίδιο οικοδομικό τετράγωνο) σε ένα νέο γεωτεμάχιο NEW_KAEK, σε μία συναλλαγή: τα αρχικά κλείνουν, δεν διαγράφονται· το εμβαδόν τίτλου του νέου είναι το άθροισμα των δικών τους· εγγραφές γενεαλογίας συνδέουν κάθε αρχικό με το νέο. Δεν γράφεται τίποτα αν τα γεωτεμάχια δεν είναι όμορα, βρίσκονται σε διαφορετικά τετράγωνα ή ο νέος ΚΑΕΚ είναι λανθασμένος ή υπάρχει ήδη.</translation>
    </message>
    <message>
      <source>New ΚΑΕΚ</source>
      <translation>Νέοι ΚΑΕΚ</translation>
    </message>
    <message>
      <source>New ΚΑΕΚ of the parts (comma separated)</source>
      <translation>Νέοι ΚΑΕΚ των τμημάτων (χωρισμένοι με κόμμα)</translation>
    </message>
    <message>
      <source>Only this ΚΑΕΚ or code</source>
      <translation>Μόνο αυτό το ΚΑΕΚ ή κωδικός</translation>
    </message>
    <message>
      <source>Parameter AREAS: give numbers in m², separated by spaces or semicolons.</source>
      <translation>Παράμετρος AREAS: δώστε αριθμούς σε τ.μ., χωρισμένους με κενά ή ερωτηματικά.</translation>
    </message>
    <message>
      <source>Parameter AS_OF: give the date and time to rebuild the layer at.</source>
      <translation>Παράμετρος AS_OF: δώστε την ημερομηνία και ώρα για την οποία θα ανασυντεθεί το επίπεδο.</translation>
    </message>
    <message>
      <source>Parameter KAEKS: give two or more ΚΑΕΚ to merge.</source>
      <translation>Παράμετρος KAEKS: δώστε δύο ή περισσότερους ΚΑΕΚ για συνένωση.</translation>
    </message>
    <message>
      <source>Parameter LINE: draw or give the line that splits the parcel.</source>
      <translation>Παράμετρος LINE: σχεδιάστε ή δώστε τη γραμμή που διαιρεί το γεωτεμάχιο.</translation>
    </message>
    <message>
      <source>Parcel lineage</source>
      <translation>Γενεαλογία γεωτεμαχίων</translation>
    </message>
    <message>
      <source>Parcel {kaek} split into {codes}.</source>
      <translation>Το γεωτεμάχιο {kaek} διαιρέθηκε σε {codes}.</translation>
    </message>
    <message>
      <source>Parcel {kaek}: now click the split line, right-click to finish.</source>
      <translation>Γεωτεμάχιο {kaek}: σχεδιάστε τώρα τη γραμμή διαίρεσης με κλικ, δεξί κλικ για ολοκλήρωση.</translation>
    </message>
    <message>
      <source>Puts back what one recorded change (CHANGE_ID, from the edit history report) or a whole transaction (TRANSACTION_ID, e.g. a split or a merge) changed, by applying a compensating change in one transaction: nothing is written unless every feature can be restored. The undo is recorded in the history in turn (with REASON); history is never deleted. Refused when a feature was changed again afterwards: undo the later change first.</source>
      <translation>Επαναφέρει ό,τι άλλαξε μία καταγεγραμμένη αλλαγή (CHANGE_ID, από την αναφορά ιστορικού) ή μια ολόκληρη συναλλαγή (TRANSACTION_ID, π.χ. μια διανομή ή συνένωση), με αντισταθμιστική αλλαγή σε μία συναλλαγή: δεν γράφεται τίποτα αν δεν μπορούν να επανέλθουν όλα τα στοιχεία. Η αναίρεση καταγράφεται κι αυτή στο ιστορικό (με την αιτιολογία REASON)· το ιστορικό δεν διαγράφεται ποτέ. Απορρίπτεται όταν ένα στοιχείο άλλαξε ξανά αργότερα: αναιρέστε πρώτα την μεταγενέστερη αλλαγή.</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>Αιτιολογία</translation>
    </message>
    <message>
      <source>Rebuilds a municipal layer as it was at AS_OF from the edit history the database keeps: the geometries and attributes each feature had then, including features deleted since and without features added later. Works for the layers with history (parcels, city blocks, land-use zones, municipal property, leases, encroachments), on GeoPackage and PostGIS. The output has the layer's fields plus feature_id (the feature's fid).</source>
      <translation>Ανασυνθέτει ένα δημοτικό επίπεδο όπως ήταν κατά το AS_OF από το ιστορικό αλλαγών που τηρεί η βάση: τις γεωμετρίες και τις ιδιότητες που είχε τότε κάθε στοιχείο, μαζί με όσα διαγράφηκαν από τότε και χωρίς όσα προστέθηκαν αργότερα. Ισχύει για τα επίπεδα με ιστορικό (γεωτεμάχια, οικοδομικά τετράγωνα, ζώνες χρήσεων γης, δημοτική περιουσία, μισθώσεις, καταπατήσεις), σε GeoPackage και PostGIS. Η έξοδος έχει τα πεδία του επιπέδου και το feature_id (το fid του στοιχείου).</translation>
    </message>
    <message>
      <source>Registered area (m²)</source>
      <translation>Εμβαδόν τίτλου (τ.μ.)</translation>
    </message>
    <message>
      <source>Registered areas of the parts (m²)</source>
      <translation>Εμβαδά τίτλου των τμημάτων (τ.μ.)</translation>
    </message>
    <message>
      <source>Split line</source>
      <translation>Γραμμή διαίρεσης</translation>
    </message>
    <message>
      <source>Split parcel</source>
      <translation>Διαίρεση γεωτεμαχίου</translation>
    </message>
    <message>
      <source>Split parcel on the map</source>
      <translation>Διαίρεση γεωτεμαχίου στον χάρτη</translation>
    </message>
    <message>
      <source>Split parcel…</source>
      <translation>Διαίρεση γεωτεμαχίου…</translation>
    </message>
    <message>
      <source>Splits the parcel KAEK along LINE (in EPSG:2100) into new parcels NEW_KAEK (one per part, listed west to east, then south to north), in one transaction: the parent is closed, not deleted; the parts keep its other attributes; its registered area is shared by area ratio (or as AREAS gives, in the same order); a lineage record ties parent and parts. Nothing is written if the line does not cut the parcel, a new ΚΑΕΚ is malformed or taken, the areas do not add up or a part leaves the city block. TRANSACTION_ID is what “Undo a change” takes.</source>
      <translation>Διαιρεί το γεωτεμάχιο KAEK κατά μήκος της LINE (σε ΕΓΣΑ87, EPSG:2100) σε νέα γεωτεμάχια NEW_KAEK (ένα ανά τμήμα, από δύση προς ανατολή και μετά από νότο προς βορρά), σε μία συναλλαγή: το αρχικό κλείνει, δεν διαγράφεται· τα τμήματα κρατούν τις υπόλοιπες ιδιότητές του· το εμβαδόν τίτλου του μοιράζεται αναλογικά με το εμβαδόν (ή όπως ορίζει το AREAS, με την ίδια σειρά)· εγγραφή γενεαλογίας συνδέει αρχικό και τμήματα. Δεν γράφεται τίποτα αν η γραμμή δεν τέμνει το γεωτεμάχιο, αν ένας νέος ΚΑΕΚ είναι λανθασμένος ή υπάρχει ήδη, αν τα εμβαδά δεν αθροίζονται σωστά ή αν ένα τμήμα βγαίνει από το οικοδομικό τετράγωνο. Το TRANSACTION_ID είναι αυτό που δέχεται η «Αναίρεση αλλαγής».</translation>
    </message>
    <message>
      <source>The commit was stopped: {problems}</source>
      <translation>Η αποθήκευση σταμάτησε: {problems}</translation>
    </message>
    <message>
      <source>Transaction id</source>
      <translation>Κωδικός συναλλαγής</translation>
    </message>
    <message>
      <source>Undo a change</source>
      <translation>Αναίρεση αλλαγής</translation>
    </message>
    <message>
      <source>Undo a change…</source>
      <translation>Αναίρεση αλλαγής…</translation>
    </message>
    <message>
      <source>Undone: {layer} {key}, change {n} ({operation}).</source>
      <translation>Αναιρέθηκε: {layer} {key}, αλλαγή {n} ({operation}).</translation>
    </message>
    <message>
      <source>Until</source>
      <translation>Έως</translation>
    </message>
    <message>
      <source>became</source>
      <translation>έγινε</translation>
    </message>
    <message>
      <source>change {n}</source>
      <translation>αλλαγή {n}</translation>
    </message>
    <message>
      <source>comes from</source>
      <translation>προέρχεται από</translation>
    </message>
    <message>
      <source>part {n} lies {a} m² outside the city block</source>
      <translation>το τμήμα {n} βγαίνει {a} τ.μ. έξω από το οικοδομικό τετράγωνο</translation>
    </message>
    <message>
      <source>parts overlap by {a} m²</source>
      <translation>τα τμήματα επικαλύπτονται κατά {a} τ.μ.</translation>
    </message>
    <message>
      <source>the children differ from the parent by {a} m²</source>
      <translation>τα νέα γεωτεμάχια διαφέρουν από το αρχικό κατά {a} τ.μ.</translation>
    </message>
    <message>
      <source>the children's registered areas differ from the parent's by {a} m²</source>
      <translation>τα εμβαδά τίτλου των νέων γεωτεμαχίων διαφέρουν από του αρχικού κατά {a} τ.μ.</translation>
    </message>
    <message>
      <source>transaction {t}</source>
      <translation>συναλλαγή {t}</translation>
    </message>
    <message>
      <source>undo</source>
      <translation>αναίρεση</translation>
    </message>
    <message>
      <source>{db}: the change was refused and nothing was written: {error}</source>
      <translation>{db}: η αλλαγή απορρίφθηκε και δεν γράφτηκε τίποτα: {error}</translation>
    </message>
    <message>
      <source>{db}: there is no {what} in the edit history.</source>
      <translation>{db}: δεν υπάρχει {what} στο ιστορικό αλλαγών.</translation>
    </message>
    <message>
      <source>{kaek}: {area} m² registered.</source>
      <translation>{kaek}: εμβαδόν τίτλου {area} τ.μ.</translation>
    </message>
    <message>
      <source>{n} changes.</source>
      <translation>{n} αλλαγές.</translation>
    </message>
    <message>
      <source>{n} features of {layer} as of {when}.</source>
      <translation>{n} στοιχεία του {layer} κατά {when}.</translation>
    </message>
    <message>
      <source>ΚΑΕΚ of the merged parcel</source>
      <translation>ΚΑΕΚ του ενιαίου γεωτεμαχίου</translation>
    </message>
    <message>
      <source>ΚΑΕΚ of the parcel to split</source>
      <translation>ΚΑΕΚ του γεωτεμαχίου προς διαίρεση</translation>
    </message>
    <message>
      <source>ΚΑΕΚ of the parcels to merge</source>
      <translation>ΚΑΕΚ των γεωτεμαχίων προς συνένωση</translation>
    </message>
    <message>
      <source>ΚΑΕΚ {kaek} is used by another parcel.</source>
      <translation>Ο ΚΑΕΚ {kaek} χρησιμοποιείται από άλλο γεωτεμάχιο.</translation>
    </message>
    <message>
      <source>ΚΑΕΚ {kaek} lies {area} m² outside city block {other}.</source>
      <translation>Ο ΚΑΕΚ {kaek} βγαίνει {area} τ.μ. έξω από το Ο.Τ. {other}.</translation>
    </message>
    <message>
      <source>ΚΑΕΚ {kaek} overlaps parcel {other} by {area} m².</source>
      <translation>Ο ΚΑΕΚ {kaek} επικαλύπτει το γεωτεμάχιο {other} κατά {area} τ.μ.</translation>
    </message>
    <message>
      <source>ΚΑΕΚ {kaek} was changed by {user} at {when} after you started editing it; reload the layer and apply your change again.</source>
      <translation>Ο ΚΑΕΚ {kaek} άλλαξε από τον χρήστη {user} στις {when} αφού ξεκινήσατε να τον επεξεργάζεστε· φορτώστε ξανά το επίπεδο και επαναλάβετε την αλλαγή σας.</translation>
    </message>
    <message>
      <source>ΚΑΕΚ {kaek}: the edit opens a gap of {area} m² inside the city block.</source>
      <translation>ΚΑΕΚ {kaek}: η αλλαγή ανοίγει κενό {area} τ.μ. μέσα στο οικοδομικό τετράγωνο.</translation>
    </message>
    <message>
      <source>ΚΑΕΚ {kaek}: the geometry is not valid ({detail}).</source>
      <translation>ΚΑΕΚ {kaek}: η γεωμετρία δεν είναι έγκυρη ({detail}).</translation>
    </message>
    <message>
      <source>ΚΑΕΚ {kaek}: the parts {other} together register {area} m² more than the parcel they come from.</source>
      <translation>ΚΑΕΚ {kaek}: τα τμήματα {other} έχουν μαζί {area} τ.μ. εμβαδόν τίτλου περισσότερο από το γεωτεμάχιο από το οποίο προέρχονται.</translation>
    </message>
    <message>
      <source>ΚΑΕΚ «{kaek}» is not well-formed (12 digits).</source>
      <translation>Ο ΚΑΕΚ «{kaek}» δεν είναι έγκυρος (12 ψηφία).</translation>
    </message>
    <message>
      <source>…or transaction id</source>
      <translation>…ή κωδικός συναλλαγής</translation>
    </message>
  </context>
</TS>
