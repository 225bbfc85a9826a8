<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="el_GR" sourcelanguage="en">
  <context>
    <name>municipal_gis</name>
    <message>
      <source>A geometry could not be processed ({error}). Run “Check municipal database” or QGIS’s “Fix geometries” on the input layers; the inputs were not changed.</source>
      <translation>Μια γεωμετρία δεν ήταν δυνατό να επεξεργαστεί ({error}). Εκτελέστε τον «Έλεγχο δημοτικής βάσης» ή τη «Διόρθωση γεωμετριών» (Fix geometries) του QGIS στα επίπεδα εισόδου· οι είσοδοι δεν άλλαξαν.</translation>
    </message>
    <message>
      <source>Cannot write in the folder {folder}: {reason}. Choose a folder you may write to.</source>
      <translation>Δεν είναι δυνατή η εγγραφή στον φάκελο {folder}: {reason}. Επιλέξτε φάκελο στον οποίο έχετε δικαίωμα εγγραφής.</translation>
    </message>
    <message>
      <source>Geometries are compared and measured in {crs}.</source>
      <translation>Οι γεωμετρίες συγκρίνονται και μετρώνται σε {crs}.</translation>
    </message>
    <message>
      <source>Layer {layer} has no coordinate reference system, so its coordinates cannot be placed or measured. Set its CRS (e.g. EPSG:2100, ΕΓΣΑ87) and run again.</source>
      <translation>Το επίπεδο {layer} δεν έχει σύστημα συντεταγμένων, οπότε οι συντεταγμένες του δεν μπορούν ούτε να τοποθετηθούν ούτε να μετρηθούν. Ορίστε το σύστημα συντεταγμένων του (π.χ. EPSG:2100, ΕΓΣΑ87) και εκτελέστε ξανά.</translation>
    </message>
    <message>
      <source>Layer {layer} has no footprint geometry.</source>
      <translation>Το επίπεδο {layer} δεν έχει γεωμετρία περιγράμματος.</translation>
    </message>
    <message>
      <source>Layer {layer} is in {crs}; its geometries were transformed to {working} before being compared or measured.</source>
      <translation>Το επίπεδο {layer} είναι σε {crs}· οι γεωμετρίες του μετασχηματίστηκαν σε {working} πριν συγκριθούν ή μετρηθούν.</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}, field {field}: population {value} {problem}; counted as 0.</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}, πεδίο {field}: η τιμή πληθυσμού {value} {problem}· λογίζεται ως 0.</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}, field {field}: {value} {problem}.</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}, πεδίο {field}: η τιμή {value} {problem}.</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}, field {field}: {value} {problem}; counted as 0 €.</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}, πεδίο {field}: η τιμή {value} {problem}· λογίζεται ως 0 €.</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}: invalid geometry ({reason}); a repaired copy is used, the layer is not changed.</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}: μη έγκυρη γεωμετρία ({reason})· χρησιμοποιείται επιδιορθωμένο αντίγραφο, το επίπεδο δεν αλλάζει.</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}: the footprint is not a valid polygon ({reason}); a repaired copy is used (the layer is not changed).</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}: το περίγραμμα δεν είναι έγκυρο πολύγωνο ({reason})· χρησιμοποιείται επιδιορθωμένο αντίγραφο (το επίπεδο δεν αλλάζει).</translation>
    </message>
    <message>
      <source>Layer {layer}, field {field}: weight is negative, not a number or absurd in features {ids}; counted as 0.</source>
      <translation>Επίπεδο {layer}, πεδίο {field}: το βάρος είναι αρνητικό, μη αριθμητικό ή παράλογα μεγάλο στα στοιχεία {ids}· λογίζεται ως 0.</translation>
    </message>
    <message>
      <source>Output {output} ({file}) is inside the input {input}. Choose a place outside it. Nothing was written.</source>
      <translation>Η έξοδος {output} ({file}) βρίσκεται μέσα στην είσοδο {input}. Επιλέξτε θέση έξω από αυτήν. Δεν γράφτηκε τίποτα.</translation>
    </message>
    <message>
      <source>Output {output} would replace the file {file}, which holds the input {input}. Choose another file, or a new layer in it ({file}|layername=&lt;new name&gt;). Nothing was written.</source>
      <translation>Η έξοδος {output} θα αντικαθιστούσε το αρχείο {file}, που περιέχει την είσοδο {input}. Επιλέξτε άλλο αρχείο ή νέο επίπεδο μέσα σε αυτό ({file}|layername=&lt;νέο όνομα&gt;). Δεν γράφτηκε τίποτα.</translation>
    </message>
    <message>
      <source>Output {output} would replace the layer {target} in {file}, which holds the input {input}. Choose a new layer name. Nothing was written.</source>
      <translation>Η έξοδος {output} θα αντικαθιστούσε το επίπεδο {target} στο {file}, που περιέχει την είσοδο {input}. Επιλέξτε νέο όνομα επιπέδου. Δεν γράφτηκε τίποτα.</translation>
    </message>
    <message>
      <source>Outputs {output} and {other} are the same file {file}; give each its own. Nothing was written.</source>
      <translation>Οι έξοδοι {output} και {other} είναι το ίδιο αρχείο {file}· δώστε σε καθεμία το δικό της. Δεν γράφτηκε τίποτα.</translation>
    </message>
    <message>
      <source>Parameter {parameter}: {value} {problem}.</source>
      <translation>Παράμετρος {parameter}: η τιμή {value} {problem}.</translation>
    </message>
    <message>
      <source>The GeoPackage file {file} is damaged (SQLite integrity check: {detail}). Its layers were not checked, since what they appear to hold cannot be trusted; restore it from a backup.</source>
      <translation>Το αρχείο GeoPackage {file} είναι κατεστραμμένο (έλεγχος ακεραιότητας SQLite: {detail}). Τα επίπεδά του δεν ελέγχθηκαν, αφού ό,τι φαίνεται να περιέχουν δεν είναι αξιόπιστο· επαναφέρετέ το από αντίγραφο ασφαλείας.</translation>
    </message>
    <message>
      <source>The GeoPackage file {file} is damaged (SQLite integrity check: {detail}); restore it from a backup.</source>
      <translation>Το αρχείο GeoPackage {file} είναι κατεστραμμένο (έλεγχος ακεραιότητας SQLite: {detail})· επαναφέρετέ το από αντίγραφο ασφαλείας.</translation>
    </message>
    <message>
      <source>Writes a realistic synthetic municipality around Serres in EPSG:2100 into a new municipal GeoPackage: streets, city blocks with topologically clean parcels, zoning that mostly follows the blocks but sometimes cuts parcels, census blocks with population and deprivation indicators, communities, municipal property with leases (active, expiring, expired, vacant) and encroachments, playgrounds, the five shared-bike stations, the ΣΒΑΑ intervention area, and the Serres 2019 technical-programme rows as projects, several of them placed on the map.

PARCELS is the approximate number of parcels (1 000 for a village, 200 000 for a large city). The same SEED always gives the same municipality. An existing file is replaced only when OVERWRITE is set.</source>
      <translation>Γράφει σε νέο δημοτικό GeoPackage έναν ρεαλιστικό συνθετικό δήμο γύρω από τις Σέρρες σε EPSG:2100: οδούς, οικοδομικά τετράγωνα με τοπολογικά καθαρά γεωτεμάχια, ζώνες χρήσεων γης που ακολουθούν κυρίως τα Ο.Τ. αλλά κάποτε τέμνουν γεωτεμάχια, απογραφικά τμήματα με πληθυσμό και δείκτες υστέρησης, κοινότητες, δημοτική περιουσία με εκμισθώσεις (σε ισχύ, που λήγουν, ληγμένες, κενά ακίνητα) και καταπατήσεις, παιδικές χαρές, τους πέντε σταθμούς κοινόχρηστων ποδηλάτων, την περιοχή παρέμβασης ΣΒΑΑ και τις γραμμές του τεχνικού προγράμματος Σερρών 2019 ως έργα, αρκετά από αυτά τοποθετημένα στον χάρτη.

Το PARCELS είναι ο κατά προσέγγιση αριθμός γεωτεμαχίων (1 000 για ένα χωριό, 200 000 για μεγάλη πόλη). Ο ίδιος SEED δίνει πάντα τον ίδιο δήμο. Ένα υπάρχον αρχείο αντικαθίσταται μόνο όταν έχει οριστεί το OVERWRITE.</translation>
    </message>
    <message>
      <source>formula {formula} without a computed value</source>
      <translation>τύπος {formula} χωρίς υπολογισμένη τιμή</translation>
    </message>
    <message>
      <source>is absurdly large</source>
      <translation>είναι παράλογα μεγάλη</translation>
    </message>
    <message>
      <source>is empty</source>
      <translation>είναι κενή</translation>
    </message>
    <message>
      <source>is negative</source>
      <translation>είναι αρνητική</translation>
    </message>
    <message>
      <source>is not a finite number (NaN or infinity)</source>
      <translation>δεν είναι πεπερασμένος αριθμός (NaN ή άπειρο)</translation>
    </message>
    <message>
      <source>is not a number</source>
      <translation>δεν είναι αριθμός</translation>
    </message>
    <message>
      <source>{file} cannot be read: {detail}</source>
      <translation>Το {file} δεν μπορεί να διαβαστεί: {detail}</translation>
    </message>
    <message>
      <source>{file} had an unfinished write left by a crash; it was rolled back, so the file holds its last saved state.</source>
      <translation>Στο {file} είχε μείνει μισοτελειωμένη εγγραφή από κατάρρευση· αναιρέθηκε, οπότε το αρχείο περιέχει την τελευταία αποθηκευμένη κατάστασή του.</translation>
    </message>
    <message>
      <source>{file} has an unfinished write left by a crash ({file}-journal) and it could not be rolled back ({detail}). The data saved before the crash is intact: make the file and its folder writable (or copy both files to a writable folder) and run again; do not delete the -journal file.</source>
      <translation>Στο {file} έχει μείνει μισοτελειωμένη εγγραφή από κατάρρευση ({file}-journal) και δεν ήταν δυνατό να αναιρεθεί ({detail}). Τα δεδομένα που είχαν αποθηκευτεί πριν από την κατάρρευση είναι ακέραια: δώστε δικαίωμα εγγραφής στο αρχείο και στον φάκελό του (ή αντιγράψτε και τα δύο αρχεία σε φάκελο με δικαίωμα εγγραφής) και εκτελέστε ξανά· μη διαγράψετε το αρχείο -journal.</translation>
    </message>
    <message>
      <source>{file}: {reason}. Check that the folder exists, that you may write to it and that the disk is not full; nothing else was changed.</source>
      <translation>{file}: {reason}. Ελέγξτε ότι ο φάκελος υπάρχει, ότι έχετε δικαίωμα εγγραφής σε αυτόν και ότι ο δίσκος δεν είναι γεμάτος· τίποτε άλλο δεν άλλαξε.</translation>
    </message>
    <message>
      <source>«{part}» is not a Κ.Α. code (NN.NNNN.NNN or NN.NNNN.NNNN)</source>
      <translation>«{part}» δεν είναι κωδικός Κ.Α. (NN.NNNN.NNN ή NN.NNNN.NNNN)</translation>
    </message>
  </context>
</TS>
