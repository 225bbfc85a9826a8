<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="el_GR" sourcelanguage="en">
  <context>
    <name>municipal_gis</name>
    <message>
      <source>A topographic diagram of one property or parcel for a lease: the polygon with numbered vertices, a table of ΕΓΣΑ87 coordinates (X, Y) and side lengths, the area, the neighbouring parcels with their ΚΑΕΚ, the street names within 30 m, north arrow, grid and a scale between 1:200 and 1:1000 chosen to fit the sheet. Give the property code (or ΚΑΕΚ for a parcel layer), or run on a layer with one selected feature. Greek by default, English on request. The layout can be edited in resources/layouts/topographic_diagram.qpt.</source>
      <translation>Τοπογραφικό διάγραμμα ενός ακινήτου ή γεωτεμαχίου για μίσθωση: το πολύγωνο με αριθμημένες κορυφές, πίνακας συντεταγμένων ΕΓΣΑ87 (X, Y) και μηκών πλευρών, το εμβαδόν, τα όμορα γεωτεμάχια με τον ΚΑΕΚ τους, τα ονόματα των οδών σε απόσταση έως 30 μ., βέλος βορρά, κάνναβος και κλίμακα από 1:200 έως 1:1000 ώστε να χωρά στο φύλλο. Δώστε τον κωδικό ακινήτου (ή τον ΚΑΕΚ για επίπεδο γεωτεμαχίων) ή εκτελέστε σε επίπεδο με ένα επιλεγμένο στοιχείο. Ελληνικά από προεπιλογή, αγγλικά κατ' επιλογή. Η διάταξη εκτύπωσης επεξεργάζεται στο resources/layouts/topographic_diagram.qpt.</translation>
    </message>
    <message>
      <source>Area (m²)</source>
      <translation>Εμβαδόν (τ.μ.)</translation>
    </message>
    <message>
      <source>Communities (for the rent roll by community)</source>
      <translation>Κοινότητες (για τα μισθώματα ανά κοινότητα)</translation>
    </message>
    <message>
      <source>Compares municipal property with what is actually occupied: surveyed occupation polygons, fences closed into polygons, or private parcels. Each piece of municipal land inside an occupied polygon is output with its area, the ΚΑΕΚ of the neighbouring parcel (from the occupied layer's kaek field, else from the parcel layer) and the fee for the period: area × rate (€/m² per year) × days / 365, counting both the first and the last day. Occupied features whose owner_type is municipal are ignored. Pieces smaller than the tolerance are digitising noise and go to a separate output.</source>
      <translation>Συγκρίνει τη δημοτική περιουσία με ό,τι πραγματικά κατέχεται: πολύγωνα αποτύπωσης κατάληψης, περιφράξεις κλεισμένες σε πολύγωνα ή ιδιωτικά γεωτεμάχια. Κάθε τμήμα δημοτικής γης μέσα σε κατεχόμενο πολύγωνο δίνεται με το εμβαδόν του, τον ΚΑΕΚ του όμορου γεωτεμαχίου (από το πεδίο kaek του επιπέδου κατάληψης, αλλιώς από το επίπεδο γεωτεμαχίων) και το τέλος για την περίοδο: εμβαδόν × συντελεστής (€/τ.μ. ανά έτος) × ημέρες / 365, μετρώντας και την πρώτη και την τελευταία ημέρα. Κατεχόμενα στοιχεία με owner_type δημοτική αγνοούνται. Τμήματα μικρότερα από την ανοχή είναι θόρυβος ψηφιοποίησης και δίνονται σε χωριστή έξοδο.</translation>
    </message>
    <message>
      <source>Distance (m, 0 = touching)</source>
      <translation>Απόσταση (μ., 0 = σε επαφή)</translation>
    </message>
    <message>
      <source>Document language</source>
      <translation>Γλώσσα εγγράφου</translation>
    </message>
    <message>
      <source>Encroached pieces</source>
      <translation>Καταπατημένα τμήματα</translation>
    </message>
    <message>
      <source>Encroachment check and arbitrary-use fee</source>
      <translation>Έλεγχος καταπατήσεων και τέλος αυθαίρετης χρήσης</translation>
    </message>
    <message>
      <source>Encroachments</source>
      <translation>Καταπατήσεις</translation>
    </message>
    <message>
      <source>Expiry warning window (days)</source>
      <translation>Προειδοποίηση λήξης (ημέρες πριν)</translation>
    </message>
    <message>
      <source>Fee period end (inclusive)</source>
      <translation>Λήξη περιόδου τέλους (συμπεριλαμβάνεται)</translation>
    </message>
    <message>
      <source>Fee period start</source>
      <translation>Έναρξη περιόδου τέλους</translation>
    </message>
    <message>
      <source>Fee rate (€ per m² per year)</source>
      <translation>Συντελεστής τέλους (€ ανά τ.μ. ανά έτος)</translation>
    </message>
    <message>
      <source>Include lessee names (personal data)</source>
      <translation>Να περιληφθούν τα ονόματα μισθωτών (προσωπικά δεδομένα)</translation>
    </message>
    <message>
      <source>Layer {layer} has {n} features: give the code, or select one feature and use 'Selected features only'.</source>
      <translation>Το επίπεδο {layer} έχει {n} στοιχεία: δώστε τον κωδικό ή επιλέξτε ένα στοιχείο και χρησιμοποιήστε «Μόνο επιλεγμένα στοιχεία».</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {code}: the polygon is invalid ({reason}); repair it first.</source>
      <translation>Επίπεδο {layer}, στοιχείο {code}: το πολύγωνο είναι άκυρο ({reason})· διορθώστε το πρώτα.</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}, field {field}: the property code is empty.</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}, πεδίο {field}: ο κωδικός ακινήτου είναι κενός.</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}, field {field}: {value!r} is not a date.</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}, πεδίο {field}: η τιμή {value!r} δεν είναι ημερομηνία.</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}: the feature has no geometry.</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}: το στοιχείο δεν έχει γεωμετρία.</translation>
    </message>
    <message>
      <source>Layer {layer}: field {field} is missing.</source>
      <translation>Επίπεδο {layer}: λείπει το πεδίο {field}.</translation>
    </message>
    <message>
      <source>Layer {layer}: no feature with {field} = {code}.</source>
      <translation>Επίπεδο {layer}: δεν υπάρχει στοιχείο με {field} = {code}.</translation>
    </message>
    <message>
      <source>Lease register problems</source>
      <translation>Προβλήματα μητρώου μισθώσεων</translation>
    </message>
    <message>
      <source>Lease status</source>
      <translation>Κατάσταση μισθώσεων</translation>
    </message>
    <message>
      <source>Lease status and rent roll</source>
      <translation>Κατάσταση μισθώσεων και μισθώματα</translation>
    </message>
    <message>
      <source>Leases</source>
      <translation>Εκμισθώσεις</translation>
    </message>
    <message>
      <source>Municipal property</source>
      <translation>Δημοτική περιουσία</translation>
    </message>
    <message>
      <source>Municipal property, parcels, leases</source>
      <translation>Δημοτική περιουσία, γεωτεμάχια, μισθώσεις</translation>
    </message>
    <message>
      <source>Neighbouring parcels</source>
      <translation>Όμορα γεωτεμάχια</translation>
    </message>
    <message>
      <source>No annual rent; counted as 0 €.</source>
      <translation>Χωρίς ετήσιο μίσθωμα· προσμετράται ως 0 €.</translation>
    </message>
    <message>
      <source>Noise tolerance (m²)</source>
      <translation>Ανοχή θορύβου (τ.μ.)</translation>
    </message>
    <message>
      <source>Occupied land (occupation survey, fences or private parcels)</source>
      <translation>Κατεχόμενη γη (αποτύπωση κατάληψης, περιφράξεις ή ιδιωτικά γεωτεμάχια)</translation>
    </message>
    <message>
      <source>Overlaps lease {other} of the same property.</source>
      <translation>Επικαλύπτεται με τη μίσθωση {other} του ίδιου ακινήτου.</translation>
    </message>
    <message>
      <source>PDF files (*.pdf)</source>
      <translation>Αρχεία PDF (*.pdf)</translation>
    </message>
    <message>
      <source>Parameter {parameter}: {value!r} is not a date (use YYYY-MM-DD).</source>
      <translation>Παράμετρος {parameter}: η τιμή {value!r} δεν είναι ημερομηνία (χρησιμοποιήστε ΕΕΕΕ-ΜΜ-ΗΗ).</translation>
    </message>
    <message>
      <source>Parcels (neighbours)</source>
      <translation>Γεωτεμάχια (όμορα)</translation>
    </message>
    <message>
      <source>Parcels (to name the neighbouring ΚΑΕΚ)</source>
      <translation>Γεωτεμάχια (για τον ΚΑΕΚ του όμορου)</translation>
    </message>
    <message>
      <source>Parcels adjacent to each property (touching, with 1 cm tolerance for digitising gaps) or within the given distance, with ΚΑΕΚ, owner type and address, for notification letters. Parcels lying mostly inside the property are the property itself and are left out. Use 'Selected features only' to list the neighbours of some properties.</source>
      <translation>Γεωτεμάχια όμορα με κάθε ακίνητο (σε επαφή, με ανοχή 1 εκ. για κενά ψηφιοποίησης) ή εντός της δοσμένης απόστασης, με ΚΑΕΚ, είδος ιδιοκτησίας και διεύθυνση, για επιστολές κοινοποίησης. Γεωτεμάχια που βρίσκονται κατά το μεγαλύτερο μέρος μέσα στο ακίνητο είναι το ίδιο το ακίνητο και παραλείπονται. Χρησιμοποιήστε «Μόνο επιλεγμένα στοιχεία» για τους όμορους ορισμένων ακινήτων.</translation>
    </message>
    <message>
      <source>Pieces below the tolerance (digitising noise)</source>
      <translation>Τμήματα κάτω από την ανοχή (θόρυβος ψηφιοποίησης)</translation>
    </message>
    <message>
      <source>Projects</source>
      <translation>Έργα</translation>
    </message>
    <message>
      <source>Property</source>
      <translation>Ακίνητο</translation>
    </message>
    <message>
      <source>Property card</source>
      <translation>Καρτέλα ακινήτου</translation>
    </message>
    <message>
      <source>Property code or ΚΑΕΚ (empty: the only feature)</source>
      <translation>Κωδικός ακινήτου ή ΚΑΕΚ (κενό: το μοναδικό στοιχείο)</translation>
    </message>
    <message>
      <source>Property or parcel layer</source>
      <translation>Επίπεδο ακινήτων ή γεωτεμαχίων</translation>
    </message>
    <message>
      <source>Rent roll</source>
      <translation>Μισθώματα</translation>
    </message>
    <message>
      <source>Scale denominator</source>
      <translation>Παρονομαστής κλίμακας</translation>
    </message>
    <message>
      <source>Select a municipal property on the map.</source>
      <translation>Επιλέξτε ένα δημοτικό ακίνητο στον χάρτη.</translation>
    </message>
    <message>
      <source>Status as of (empty: today)</source>
      <translation>Κατάσταση κατά την (κενό: σήμερα)</translation>
    </message>
    <message>
      <source>Status of every municipal property on a date: leased, expiring (the lease ends within the window), expired or vacant, with the current lease, days to expiry and annual rent. A lease ending on the date is still in force that day; a lease without end date never expires.
The rent roll gives the rent contracted for the year of the date and the year before (pro rata by days, 366 in leap years) by property type, community and purpose, against the +5 % yearly target. Leases with impossible dates, of unknown property, duplicated or overlapping another lease of the same property are listed as problems and not counted in the rent roll.
Lessee names are personal data and are left out unless asked for. Save the tables as .xlsx or .csv to open them in a spreadsheet.</source>
      <translation>Κατάσταση κάθε δημοτικού ακινήτου σε μια ημερομηνία: εκμισθωμένο, λήγει (η μίσθωση λήγει μέσα στο παράθυρο), έληξε ή κενό, με την τρέχουσα μίσθωση, τις ημέρες έως τη λήξη και το ετήσιο μίσθωμα. Μίσθωση που λήγει την ημερομηνία αυτή ισχύει ακόμη εκείνη την ημέρα· μίσθωση χωρίς ημερομηνία λήξης δεν λήγει ποτέ.
Ο πίνακας μισθωμάτων δίνει το συμβατικό μίσθωμα του έτους της ημερομηνίας και του προηγούμενου (κατ' αναλογία ημερών, 366 στα δίσεκτα έτη) ανά είδος ακινήτου, κοινότητα και σκοπό, σε σύγκριση με τον στόχο +5 % ετησίως. Μισθώσεις με αδύνατες ημερομηνίες, άγνωστου ακινήτου, διπλές ή επικαλυπτόμενες με άλλη μίσθωση του ίδιου ακινήτου καταγράφονται ως προβλήματα και δεν προσμετρώνται στα μισθώματα.
Τα ονόματα των μισθωτών είναι προσωπικά δεδομένα και παραλείπονται, εκτός αν ζητηθούν. Αποθηκεύστε τους πίνακες ως .xlsx ή .csv για να τους ανοίξετε σε υπολογιστικό φύλλο.</translation>
    </message>
    <message>
      <source>Streets</source>
      <translation>Οδοί</translation>
    </message>
    <message>
      <source>The annual rent is negative.</source>
      <translation>Το ετήσιο μίσθωμα είναι αρνητικό.</translation>
    </message>
    <message>
      <source>The fee period ends ({end}) before it starts ({start}).</source>
      <translation>Η περίοδος του τέλους λήγει ({end}) πριν αρχίσει ({start}).</translation>
    </message>
    <message>
      <source>The lease code is used more than once; only the first is counted.</source>
      <translation>Ο κωδικός μίσθωσης χρησιμοποιείται περισσότερες φορές· προσμετράται μόνο η πρώτη.</translation>
    </message>
    <message>
      <source>The lease ends before it starts.</source>
      <translation>Η μίσθωση λήγει πριν αρχίσει.</translation>
    </message>
    <message>
      <source>The lease has no start date.</source>
      <translation>Η μίσθωση δεν έχει ημερομηνία έναρξης.</translation>
    </message>
    <message>
      <source>The property code is not in the property layer.</source>
      <translation>Ο κωδικός ακινήτου δεν υπάρχει στο επίπεδο ακινήτων.</translation>
    </message>
    <message>
      <source>The topographic diagram could not be written to {path}: {error}</source>
      <translation>Το τοπογραφικό διάγραμμα δεν μπόρεσε να γραφτεί στο {path}: {error}</translation>
    </message>
    <message>
      <source>Topographic diagram</source>
      <translation>Τοπογραφικό διάγραμμα</translation>
    </message>
    <message>
      <source>Topographic diagram (PDF)</source>
      <translation>Τοπογραφικό διάγραμμα (PDF)</translation>
    </message>
    <message>
      <source>Topographic diagram written at scale 1:{scale}.</source>
      <translation>Το τοπογραφικό διάγραμμα γράφτηκε σε κλίμακα 1:{scale}.</translation>
    </message>
    <message>
      <source>Zoning</source>
      <translation>Ζώνες χρήσεων γης</translation>
    </message>
    <message>
      <source>current</source>
      <translation>σε ισχύ</translation>
    </message>
    <message>
      <source>none</source>
      <translation>κανένα</translation>
    </message>
    <message>
      <source>{n} encroached pieces, {area} m² in total, fee {fee} € for {days} days; {noise} pieces below the tolerance.</source>
      <translation>{n} καταπατημένα τμήματα, συνολικά {area} τ.μ., τέλος {fee} € για {days} ημέρες· {noise} τμήματα κάτω από την ανοχή.</translation>
    </message>
    <message>
      <source>{n} m²</source>
      <translation>{n} τ.μ.</translation>
    </message>
    <message>
      <source>{n} neighbouring parcels listed.</source>
      <translation>Καταγράφηκαν {n} όμορα γεωτεμάχια.</translation>
    </message>
    <message>
      <source>{n} problems found in the lease register; see the problems table.</source>
      <translation>Βρέθηκαν {n} προβλήματα στο μητρώο μισθώσεων· δείτε τον πίνακα προβλημάτων.</translation>
    </message>
    <message>
      <source>{n} properties: {leased} leased, {expiring} expiring, {expired} expired, {vacant} vacant, as of {date}.</source>
      <translation>{n} ακίνητα: {leased} εκμισθωμένα, {expiring} λήγουν, {expired} έληξαν, {vacant} κενά, κατά την {date}.</translation>
    </message>
  </context>
</TS>
