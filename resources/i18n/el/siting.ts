<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="el_GR" sourcelanguage="en">
  <context>
    <name>municipal_gis</name>
    <message>
      <source>Age band “{entry}” is not understood: write field:metres, e.g. pop_0_14:400.</source>
      <translation>Η ηλικιακή ομάδα «{entry}» δεν είναι κατανοητή: γράψτε πεδίο:μέτρα, π.χ. pop_0_14:400.</translation>
    </message>
    <message>
      <source>Best bound</source>
      <translation>Καλύτερο φράγμα</translation>
    </message>
    <message>
      <source>Bikes in the system</source>
      <translation>Ποδήλατα του συστήματος</translation>
    </message>
    <message>
      <source>Candidate sites (points, or municipal property polygons)</source>
      <translation>Υποψήφιες θέσεις (σημεία ή πολύγωνα δημοτικής περιουσίας)</translation>
    </message>
    <message>
      <source>Catchment width either side of the street (m)</source>
      <translation>Πλάτος περιοχής εξυπηρέτησης εκατέρωθεν της οδού (μ.)</translation>
    </message>
    <message>
      <source>Catchments</source>
      <translation>Περιοχές εξυπηρέτησης</translation>
    </message>
    <message>
      <source>Chooses new sites among CANDIDATES so that as many people as possible live within walking distance, keeping the EXISTING facilities.

MODEL: 0 maximal coverage (NEW_SITES sites, most population within MAX_WALK_M); 1 set covering (fewest sites so that everyone who can be reached is within MAX_WALK_M; NEW_SITES is ignored); 2 p-median (NEW_SITES sites, least total walking; a walk longer than twice MAX_WALK_M counts as twice MAX_WALK_M, and the walk to an existing facility is the most anyone is charged).

The problem is first shrunk (demand units that reach the same candidates merged, dominated candidates removed), then solved by a greedy + swap heuristic, an upper bound (Lagrangian relaxation or linear programme) and, when that does not already prove optimality, the exact MILP solver HiGHS within TIME_LIMIT_S (or until the proven gap is at most GAP_TARGET_PCT, for maximal coverage). Results: OBJECTIVE (population newly covered, number of sites, or person-metres walked), BEST_BOUND, GAP and OPTIMAL prove how good the answer is; SOLVED_BY says which method gave it.

Demand polygons are represented by a point on their surface. Distances are walked on STREETS when given (straight line otherwise). CANDIDATES may be points or polygons (a point on the surface stands for the site). When CANDIDATES is the municipal property layer (fields status and property_type), only vacant land or common space of at least MIN_AREA_M2 is used, and with a ZONING layer (field category_code) only sites in zones that allow the use. MIN_SPACING_M keeps new sites apart from each other and from existing ones (straight line).

Outputs: OUTPUT the chosen sites with their rank and the population each adds; DEMAND_OUTPUT each demand unit with its assigned site and walk; CURVE the population covered for 1, 2, … new sites (greedy + swap, with an upper bound), to show where more sites stop paying off.</source>
      <translation>Επιλέγει νέες θέσεις από τις CANDIDATES ώστε όσο το δυνατόν περισσότεροι κάτοικοι να βρίσκονται σε απόσταση βαδίσματος, διατηρώντας τις υφιστάμενες εγκαταστάσεις (EXISTING).

MODEL: 0 μέγιστη κάλυψη (NEW_SITES θέσεις, μέγιστος πληθυσμός εντός MAX_WALK_M)· 1 κάλυψη συνόλου (ελάχιστες θέσεις ώστε όλοι όσοι είναι προσβάσιμοι να βρίσκονται εντός MAX_WALK_M· το NEW_SITES αγνοείται)· 2 p-διάμεσος (NEW_SITES θέσεις, ελάχιστο συνολικό βάδισμα· διαδρομή μεγαλύτερη από το διπλάσιο του MAX_WALK_M λογίζεται ως το διπλάσιο του MAX_WALK_M, και η διαδρομή έως υφιστάμενη εγκατάσταση είναι το μέγιστο που χρεώνεται σε κάθε κάτοικο).

Το πρόβλημα πρώτα συρρικνώνεται (συγχωνεύονται μονάδες ζήτησης που φτάνουν στις ίδιες υποψήφιες θέσεις, αφαιρούνται κυριαρχούμενες υποψήφιες θέσεις) και μετά επιλύεται με άπληστο ευρετικό με ανταλλαγές, με άνω φράγμα (χαλάρωση Lagrange ή γραμμικό πρόγραμμα) και, όταν αυτό δεν αποδεικνύει ήδη τη βελτιστότητα, με τον ακριβή επιλυτή MILP HiGHS εντός TIME_LIMIT_S (ή έως ότου το αποδεδειγμένο χάσμα γίνει το πολύ GAP_TARGET_PCT, για τη μέγιστη κάλυψη). Αποτελέσματα: τα OBJECTIVE (νέος καλυπτόμενος πληθυσμός, αριθμός θέσεων ή ανθρωπόμετρα βαδίσματος), BEST_BOUND, GAP και OPTIMAL αποδεικνύουν πόσο καλή είναι η λύση· το SOLVED_BY λέει ποια μέθοδος την έδωσε.

Τα πολύγωνα ζήτησης αντιπροσωπεύονται από ένα σημείο στην επιφάνειά τους. Οι αποστάσεις μετρώνται πάνω στις οδούς (STREETS) όταν δίνονται (αλλιώς σε ευθεία). Οι CANDIDATES μπορεί να είναι σημεία ή πολύγωνα (ένα σημείο στην επιφάνεια αντιπροσωπεύει τη θέση). Όταν οι CANDIDATES είναι το επίπεδο δημοτικής περιουσίας (πεδία status και property_type), χρησιμοποιούνται μόνο κενές εκτάσεις ή κοινόχρηστοι χώροι τουλάχιστον MIN_AREA_M2, και με επίπεδο ZONING (πεδίο category_code) μόνο θέσεις σε ζώνες που επιτρέπουν τη χρήση. Το MIN_SPACING_M κρατά τις νέες θέσεις σε απόσταση μεταξύ τους και από τις υφιστάμενες (σε ευθεία).

Έξοδοι: OUTPUT οι επιλεγμένες θέσεις με τη σειρά τους και τον πληθυσμό που προσθέτει καθεμία· DEMAND_OUTPUT κάθε μονάδα ζήτησης με την αντιστοιχισμένη θέση και την απόσταση βαδίσματος· CURVE ο καλυπτόμενος πληθυσμός για 1, 2, … νέες θέσεις (άπληστο ευρετικό με ανταλλαγές, με άνω φράγμα), για να φαίνεται πού οι επιπλέον θέσεις παύουν να αποδίδουν.</translation>
    </message>
    <message>
      <source>Chooses shared-bike station sites with the same models and proofs as the playground siting (see there): 0 maximal coverage, 1 set covering, 2 p-median; OBJECTIVE, BEST_BOUND, GAP, OPTIMAL and SOLVED_BY report how good the answer is.

Demand is the residents of DEMAND plus points of interest (POI: university, parks, squares, public buildings, the city centre), each worth POI_WEIGHT_FIELD people-equivalents, or POI_WEIGHT when that field is empty or not given. Stations are kept MIN_SPACING_M apart (default 300 m, straight line), also from EXISTING stations.

Docks: the system gets TOTAL_BIKES × DOCKS_PER_BIKE docks (1.5–2 docks per bike is usual, so that returning riders find a free dock); each station gets at least 4, and the rest in proportion to the demand the station serves (field docks).</source>
      <translation>Επιλέγει θέσεις σταθμών κοινόχρηστων ποδηλάτων με τα ίδια μοντέλα και τις ίδιες αποδείξεις με τη χωροθέτηση παιδικών χαρών (βλ. εκεί): 0 μέγιστη κάλυψη, 1 κάλυψη συνόλου, 2 p-διάμεσος· τα OBJECTIVE, BEST_BOUND, GAP, OPTIMAL και SOLVED_BY δείχνουν πόσο καλή είναι η λύση.

Η ζήτηση είναι οι κάτοικοι του DEMAND συν σημεία ενδιαφέροντος (POI: πανεπιστήμιο, πάρκα, πλατείες, δημόσια κτίρια, το κέντρο της πόλης), καθένα με αξία POI_WEIGHT_FIELD ισοδύναμων ατόμων, ή POI_WEIGHT όταν το πεδίο είναι κενό ή δεν δίνεται. Οι σταθμοί απέχουν μεταξύ τους τουλάχιστον MIN_SPACING_M (προεπιλογή 300 μ., σε ευθεία), και από τους υφιστάμενους σταθμούς (EXISTING).

Θέσεις στάθμευσης: το σύστημα παίρνει TOTAL_BIKES × DOCKS_PER_BIKE θέσεις (συνήθως 1,5–2 θέσεις ανά ποδήλατο, ώστε όποιος επιστρέφει να βρίσκει ελεύθερη θέση)· κάθε σταθμός παίρνει τουλάχιστον 4 και οι υπόλοιπες μοιράζονται αναλογικά με τη ζήτηση που εξυπηρετεί ο σταθμός (πεδίο docks).</translation>
    </message>
    <message>
      <source>Chosen sites</source>
      <translation>Επιλεγμένες θέσεις</translation>
    </message>
    <message>
      <source>Community field (for the totals)</source>
      <translation>Πεδίο κοινότητας (για τα σύνολα)</translation>
    </message>
    <message>
      <source>Coverage curve up to this many sites (0 = twice NEW_SITES)</source>
      <translation>Καμπύλη κάλυψης έως τόσες θέσεις (0 = διπλάσιες από NEW_SITES)</translation>
    </message>
    <message>
      <source>Coverage versus number of sites</source>
      <translation>Κάλυψη ανά αριθμό θέσεων</translation>
    </message>
    <message>
      <source>Default weight of a point of interest (people)</source>
      <translation>Προεπιλεγμένο βάρος σημείου ενδιαφέροντος (άτομα)</translation>
    </message>
    <message>
      <source>Demand (census blocks or buildings)</source>
      <translation>Ζήτηση (απογραφικά τμήματα ή κτίρια)</translation>
    </message>
    <message>
      <source>Demand with assigned site</source>
      <translation>Ζήτηση με την αντιστοιχισμένη θέση</translation>
    </message>
    <message>
      <source>Demand with nearest facility</source>
      <translation>Ζήτηση με την πλησιέστερη εγκατάσταση</translation>
    </message>
    <message>
      <source>Docks per bike</source>
      <translation>Θέσεις στάθμευσης ανά ποδήλατο</translation>
    </message>
    <message>
      <source>Existing facilities</source>
      <translation>Υφιστάμενες εγκαταστάσεις</translation>
    </message>
    <message>
      <source>Existing facilities (kept)</source>
      <translation>Υφιστάμενες εγκαταστάσεις (διατηρούνται)</translation>
    </message>
    <message>
      <source>Land-use zones (field category_code)</source>
      <translation>Ζώνες χρήσεων γης (πεδίο category_code)</translation>
    </message>
    <message>
      <source>Layer {layer} has no facilities: nobody is served.</source>
      <translation>Το επίπεδο {layer} δεν έχει εγκαταστάσεις: κανείς δεν εξυπηρετείται.</translation>
    </message>
    <message>
      <source>Layer {layer} has no features with a geometry.</source>
      <translation>Το επίπεδο {layer} δεν έχει στοιχεία με γεωμετρία.</translation>
    </message>
    <message>
      <source>Layer {layer} has no usable street lines: straight-line distances are used.</source>
      <translation>Το επίπεδο {layer} δεν έχει αξιοποιήσιμες γραμμές οδών: χρησιμοποιούνται ευθύγραμμες αποστάσεις.</translation>
    </message>
    <message>
      <source>Layer {layer}, field {field}: population is empty or not a number in features {ids}; counted as 0.</source>
      <translation>Επίπεδο {layer}, πεδίο {field}: ο πληθυσμός είναι κενός ή μη αριθμητικός στα στοιχεία {ids}· λογίζεται ως 0.</translation>
    </message>
    <message>
      <source>Layer {layer}, field {field}: population is negative in features {ids}; counted as 0.</source>
      <translation>Επίπεδο {layer}, πεδίο {field}: ο πληθυσμός είναι αρνητικός στα στοιχεία {ids}· λογίζεται ως 0.</translation>
    </message>
    <message>
      <source>Layer {layer}: candidates {ids} are closer than {dist} m to an existing facility and are left out.</source>
      <translation>Επίπεδο {layer}: οι υποψήφιες θέσεις {ids} απέχουν λιγότερο από {dist} μ. από υφιστάμενη εγκατάσταση και εξαιρούνται.</translation>
    </message>
    <message>
      <source>Layer {layer}: features without geometry are skipped: {ids}.</source>
      <translation>Επίπεδο {layer}: παραλείπονται στοιχεία χωρίς γεωμετρία: {ids}.</translation>
    </message>
    <message>
      <source>Layer {layer}: features {ids} are more than {dist} m from any street and are left out.</source>
      <translation>Επίπεδο {layer}: τα στοιχεία {ids} απέχουν πάνω από {dist} μ. από κάθε οδό και εξαιρούνται.</translation>
    </message>
    <message>
      <source>Layer {layer}: no candidate site is left after the filters.</source>
      <translation>Επίπεδο {layer}: δεν απομένει καμία υποψήφια θέση μετά τα φίλτρα.</translation>
    </message>
    <message>
      <source>Layer {layer}: no facility can be reached from features {ids} (no connected street path).</source>
      <translation>Επίπεδο {layer}: από τα στοιχεία {ids} δεν είναι προσβάσιμη καμία εγκατάσταση (δεν υπάρχει συνδεδεμένη διαδρομή).</translation>
    </message>
    <message>
      <source>Layer {layer}: {kept} of {total} properties are vacant land or common space of at least {area} m².</source>
      <translation>Επίπεδο {layer}: {kept} από {total} ακίνητα είναι κενές εκτάσεις ή κοινόχρηστοι χώροι τουλάχιστον {area} τ.μ.</translation>
    </message>
    <message>
      <source>Layer {layer}: {n} candidate sites lie in zones that allow the use ({zones}).</source>
      <translation>Επίπεδο {layer}: {n} υποψήφιες θέσεις βρίσκονται σε ζώνες που επιτρέπουν τη χρήση ({zones}).</translation>
    </message>
    <message>
      <source>Layer {layer}: {n} demand units ({people} people) are beyond {dist} m of every candidate and existing facility: {ids}.</source>
      <translation>Επίπεδο {layer}: {n} μονάδες ζήτησης ({people} άτομα) απέχουν πάνω από {dist} μ. από κάθε υποψήφια θέση και υφιστάμενη εγκατάσταση: {ids}.</translation>
    </message>
    <message>
      <source>Maximal coverage</source>
      <translation>Μέγιστη κάλυψη</translation>
    </message>
    <message>
      <source>Maximum walking distance (m)</source>
      <translation>Μέγιστη απόσταση βαδίσματος (μ.)</translation>
    </message>
    <message>
      <source>Method that gave the answer</source>
      <translation>Μέθοδος που έδωσε τη λύση</translation>
    </message>
    <message>
      <source>Minimum site area for municipal property (m²)</source>
      <translation>Ελάχιστο εμβαδόν θέσης για δημοτικά ακίνητα (τ.μ.)</translation>
    </message>
    <message>
      <source>Minimum spacing between sites (m, 0 = none)</source>
      <translation>Ελάχιστη απόσταση μεταξύ θέσεων (μ., 0 = καμία)</translation>
    </message>
    <message>
      <source>Model</source>
      <translation>Μοντέλο</translation>
    </message>
    <message>
      <source>No set of candidate sites covers every reachable demand unit while keeping MIN_SPACING_M apart.</source>
      <translation>Κανένα σύνολο υποψήφιων θέσεων δεν καλύπτει κάθε προσβάσιμη μονάδα ζήτησης τηρώντας απόσταση MIN_SPACING_M.</translation>
    </message>
    <message>
      <source>No set of sites covers every demand unit while keeping the minimum spacing.</source>
      <translation>Κανένα σύνολο θέσεων δεν καλύπτει όλες τις μονάδες ζήτησης τηρώντας την ελάχιστη απόσταση.</translation>
    </message>
    <message>
      <source>No street layer: straight-line distances are used.</source>
      <translation>Χωρίς επίπεδο οδών: χρησιμοποιούνται ευθύγραμμες αποστάσεις.</translation>
    </message>
    <message>
      <source>No time was left for the exact solver.</source>
      <translation>Δεν απέμεινε χρόνος για τον ακριβή επιλυτή.</translation>
    </message>
    <message>
      <source>Number of new sites</source>
      <translation>Αριθμός νέων θέσεων</translation>
    </message>
    <message>
      <source>Objective</source>
      <translation>Αντικειμενική τιμή</translation>
    </message>
    <message>
      <source>Optimal sites for new playgrounds</source>
      <translation>Βέλτιστες θέσεις νέων παιδικών χαρών</translation>
    </message>
    <message>
      <source>Optimal sites for shared-bike stations</source>
      <translation>Βέλτιστες θέσεις σταθμών κοινόχρηστων ποδηλάτων</translation>
    </message>
    <message>
      <source>Points of interest</source>
      <translation>Σημεία ενδιαφέροντος</translation>
    </message>
    <message>
      <source>Population covered (existing and new sites)</source>
      <translation>Καλυπτόμενος πληθυσμός (υφιστάμενες και νέες θέσεις)</translation>
    </message>
    <message>
      <source>Population not served</source>
      <translation>Μη εξυπηρετούμενος πληθυσμός</translation>
    </message>
    <message>
      <source>Population served</source>
      <translation>Εξυπηρετούμενος πληθυσμός</translation>
    </message>
    <message>
      <source>Proven optimal</source>
      <translation>Αποδεδειγμένα βέλτιστη</translation>
    </message>
    <message>
      <source>Relative gap</source>
      <translation>Σχετικό χάσμα</translation>
    </message>
    <message>
      <source>Served population by community</source>
      <translation>Εξυπηρετούμενος πληθυσμός ανά κοινότητα</translation>
    </message>
    <message>
      <source>Set covering (fewest sites to cover everyone)</source>
      <translation>Κάλυψη συνόλου (ελάχιστες θέσεις για κάλυψη όλων)</translation>
    </message>
    <message>
      <source>Shows who lives within walking distance of existing facilities (playgrounds, bike stations).

DEMAND holds census blocks or buildings with a population field. A polygon is represented by one point on its surface carrying its whole population (a point on surface always lies inside the polygon). With STREETS, distances are walked on the street network: each point walks straight to the nearest street, then along the streets; without STREETS they are straight-line distances. Empty, non-numeric or negative populations count as 0, with a warning.

OUTPUT: each demand unit with its nearest facility, walking distance walk_m and served flag (walk_m ≤ MAX_WALK_M). CATCHMENTS: one polygon per facility, the street pieces reachable within MAX_WALK_M buffered by CATCHMENT_WIDTH_M (not a convex hull: block interiors are not claimed); a circle when there is no street network. SUMMARY: served and unserved population per community (COMMUNITY_FIELD).

AGE_BANDS gives other walking limits for age groups held in fields of DEMAND, e.g. “pop_0_14:400; pop_65_plus:300”: each band adds &lt;field&gt;_served to OUTPUT (its people within that band's limit) and &lt;field&gt; and &lt;field&gt;_served to SUMMARY.</source>
      <translation>Δείχνει ποιοι κατοικούν σε απόσταση βαδίσματος από υφιστάμενες εγκαταστάσεις (παιδικές χαρές, σταθμούς ποδηλάτων).

Το DEMAND περιέχει απογραφικά τμήματα ή κτίρια με πεδίο πληθυσμού. Ένα πολύγωνο αντιπροσωπεύεται από ένα σημείο στην επιφάνειά του που φέρει όλο τον πληθυσμό του (ένα σημείο επιφάνειας βρίσκεται πάντα μέσα στο πολύγωνο). Με STREETS οι αποστάσεις μετρώνται πάνω στο οδικό δίκτυο: κάθε σημείο βαδίζει σε ευθεία έως την πλησιέστερη οδό και μετά κατά μήκος των οδών· χωρίς STREETS είναι ευθύγραμμες αποστάσεις. Κενοί, μη αριθμητικοί ή αρνητικοί πληθυσμοί λογίζονται ως 0, με προειδοποίηση.

OUTPUT: κάθε μονάδα ζήτησης με την πλησιέστερη εγκατάσταση, την απόσταση βαδίσματος walk_m και την ένδειξη served (walk_m ≤ MAX_WALK_M). CATCHMENTS: ένα πολύγωνο ανά εγκατάσταση, τα τμήματα οδών που είναι προσβάσιμα εντός MAX_WALK_M με ζώνη πλάτους CATCHMENT_WIDTH_M (όχι κυρτό περίβλημα: τα εσωτερικά των οικοδομικών τετραγώνων δεν συμπεριλαμβάνονται)· κύκλος όταν δεν υπάρχει οδικό δίκτυο. SUMMARY: εξυπηρετούμενος και μη εξυπηρετούμενος πληθυσμός ανά κοινότητα (COMMUNITY_FIELD).

Το AGE_BANDS δίνει άλλα όρια βαδίσματος για ηλικιακές ομάδες που βρίσκονται σε πεδία του DEMAND, π.χ. «pop_0_14:400; pop_65_plus:300»: κάθε ομάδα προσθέτει το &lt;field&gt;_served στο OUTPUT (τα άτομά της εντός του ορίου της ομάδας) και τα &lt;field&gt; και &lt;field&gt;_served στο SUMMARY.</translation>
    </message>
    <message>
      <source>Stop when the proven gap is at most (%; 0 = prove the optimum)</source>
      <translation>Διακοπή όταν το αποδεδειγμένο χάσμα είναι το πολύ (%· 0 = απόδειξη βέλτιστου)</translation>
    </message>
    <message>
      <source>Street network</source>
      <translation>Οδικό δίκτυο</translation>
    </message>
    <message>
      <source>Street network: {nodes} nodes, {edges} segments.</source>
      <translation>Οδικό δίκτυο: {nodes} κόμβοι, {edges} τμήματα.</translation>
    </message>
    <message>
      <source>The exact solver reached the time limit.</source>
      <translation>Ο ακριβής επιλυτής έφτασε το χρονικό όριο.</translation>
    </message>
    <message>
      <source>The problem is too large for the exact solver within the time limit: the heuristic answer is reported with its proven bound.</source>
      <translation>Το πρόβλημα είναι πολύ μεγάλο για τον ακριβή επιλυτή εντός του χρονικού ορίου: δίνεται η ευρετική λύση με το αποδεδειγμένο φράγμα της.</translation>
    </message>
    <message>
      <source>Time limit of the exact solver (s)</source>
      <translation>Χρονικό όριο του ακριβούς επιλυτή (δευτ.)</translation>
    </message>
    <message>
      <source>Total population</source>
      <translation>Συνολικός πληθυσμός</translation>
    </message>
    <message>
      <source>Walking coverage of facilities</source>
      <translation>Κάλυψη εγκαταστάσεων με βάδισμα</translation>
    </message>
    <message>
      <source>Walking limits per age band (field:metres; …)</source>
      <translation>Όρια βαδίσματος ανά ηλικιακή ομάδα (πεδίο:μέτρα; …)</translation>
    </message>
    <message>
      <source>Weight field of the points of interest</source>
      <translation>Πεδίο βάρους των σημείων ενδιαφέροντος</translation>
    </message>
    <message>
      <source>p-median (least total walking)</source>
      <translation>p-διάμεσος (ελάχιστο συνολικό βάδισμα)</translation>
    </message>
    <message>
      <source>{covered} of {total} people live within {dist} m of a facility.</source>
      <translation>{covered} από {total} άτομα κατοικούν σε απόσταση έως {dist} μ. από εγκατάσταση.</translation>
    </message>
    <message>
      <source>{n} demand units, {m} candidate sites, {pairs} pairs within reach.</source>
      <translation>{n} μονάδες ζήτησης, {m} υποψήφιες θέσεις, {pairs} ζεύγη εντός απόστασης.</translation>
    </message>
    <message>
      <source>{n} new sites; population covered {covered} of {total} (existing sites alone: {base}). Objective {obj}, bound {bound}, gap {gap} %, optimal: {opt}; solved by {method}.</source>
      <translation>{n} νέες θέσεις· καλυπτόμενος πληθυσμός {covered} από {total} (μόνο οι υφιστάμενες: {base}). Αντικειμενική τιμή {obj}, φράγμα {bound}, χάσμα {gap} %, βέλτιστη: {opt}· μέθοδος επίλυσης {method}.</translation>
    </message>
    <message>
      <source>{n} points of interest add {w} people-equivalents to the demand.</source>
      <translation>{n} σημεία ενδιαφέροντος προσθέτουν {w} ισοδύναμα άτομα στη ζήτηση.</translation>
    </message>
  </context>
</TS>
