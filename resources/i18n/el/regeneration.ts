<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="el_GR" sourcelanguage="en">
  <context>
    <name>municipal_gis</name>
    <message>
      <source>A distance band needs DISTANCE_M greater than 0.</source>
      <translation>Η ζώνη απόστασης απαιτεί DISTANCE_M μεγαλύτερο από 0.</translation>
    </message>
    <message>
      <source>An indicator is listed twice.</source>
      <translation>Ένας δείκτης αναφέρεται δύο φορές.</translation>
    </message>
    <message>
      <source>Block identifier field</source>
      <translation>Πεδίο κωδικού τμήματος</translation>
    </message>
    <message>
      <source>Building spatial weights</source>
      <translation>Κατασκευή χωρικών βαρών</translation>
    </message>
    <message>
      <source>Builds a composite deprivation index for census blocks from several indicators.

INDICATORS lists the indicators separated by “;” (or commas or new lines). Each entry is a numeric field holding a rate or share (e.g. “unemployment_rate”), or a count and its base written “count_field/base_field” (e.g. “unemployed/labour_force”), followed by its direction: “:+” when a higher value means more deprivation (the default) or “:-” when it means less. Example: “unemployed/labour_force:+; low_education_share:+; households:-”.

WEIGHTS gives one non-negative number per indicator in the same order (e.g. “2, 1, 1”); they are rescaled to sum to 1. Empty means equal weights.

METHOD puts indicators on a common scale: z-score (mean 0, standard deviation 1), min-max (0 to 1) or percentile rank (0 to 1). Indicators where higher is better are reversed.

SMOOTHING applies empirical-Bayes smoothing (Marshall 1991, global) to count/base indicators: rates of blocks with few residents are pulled toward the overall rate, so that a block with 3 people does not top the list by chance. Without it a count/base rate needs a non-zero base.

Output fields: dep_index (sum of the contributions), dep_rank (1 = most deprived), dep_decile (10 = the most deprived tenth), and one contrib_&lt;field&gt; per indicator (its weight times its scaled score).

SENSITIVITY_RUNS &gt; 0 redraws the weights that many times at random (Dirichlet distribution centred on WEIGHTS; uniform over all weightings for equal weights) and adds p_top_decile: the share of runs in which the block is in the top decile. Blocks near 1 are deprived whatever the weights. SEED makes the runs reproducible.</source>
      <translation>Υπολογίζει σύνθετο δείκτη αποστέρησης (deprivation index) για τα απογραφικά τμήματα από πολλούς επιμέρους δείκτες.

Το INDICATORS απαριθμεί τους δείκτες χωρισμένους με «;» (ή κόμματα ή αλλαγές γραμμής). Κάθε στοιχείο είναι αριθμητικό πεδίο με ποσοστό ή αναλογία (π.χ. «unemployment_rate») ή ένα πλήθος με τη βάση του γραμμένα «πεδίο_πλήθους/πεδίο_βάσης» (π.χ. «unemployed/labour_force»), ακολουθούμενο από την κατεύθυνσή του: «:+» όταν υψηλότερη τιμή σημαίνει μεγαλύτερη αποστέρηση (προεπιλογή) ή «:-» όταν σημαίνει μικρότερη. Παράδειγμα: «unemployed/labour_force:+; low_education_share:+; households:-».

Το WEIGHTS δίνει έναν μη αρνητικό αριθμό ανά δείκτη με την ίδια σειρά (π.χ. «2, 1, 1»)· κανονικοποιούνται ώστε να αθροίζουν σε 1. Κενό σημαίνει ίσα βάρη.

Το METHOD φέρνει τους δείκτες σε κοινή κλίμακα: τυπική τιμή z (μέσος 0, τυπική απόκλιση 1), min-max (0 έως 1) ή εκατοστιαία τάξη (0 έως 1). Οι δείκτες όπου υψηλότερο σημαίνει καλύτερο αντιστρέφονται.

Το SMOOTHING εφαρμόζει εμπειρική εξομάλυνση Bayes (Marshall 1991, καθολική) στους δείκτες πλήθους/βάσης: τα ποσοστά τμημάτων με λίγους κατοίκους έλκονται προς το συνολικό ποσοστό, ώστε ένα τμήμα με 3 κατοίκους να μη βρεθεί πρώτο κατά τύχη. Χωρίς αυτήν, ένα ποσοστό πλήθους/βάσης χρειάζεται μη μηδενική βάση.

Πεδία εξόδου: dep_index (άθροισμα των συνεισφορών), dep_rank (1 = το πιο αποστερημένο), dep_decile (10 = το πιο αποστερημένο δέκατο) και ένα contrib_&lt;πεδίο&gt; ανά δείκτη (το βάρος του επί την κλιμακωμένη τιμή του).

Με SENSITIVITY_RUNS &gt; 0 τα βάρη αναδειγματοληπτούνται τυχαία τόσες φορές (κατανομή Dirichlet με κέντρο τα WEIGHTS· ομοιόμορφη σε όλους τους συνδυασμούς βαρών όταν τα βάρη είναι ίσα) και προστίθεται το p_top_decile: το ποσοστό των επαναλήψεων στις οποίες το τμήμα βρίσκεται στο ανώτατο δεκατημόριο. Τμήματα κοντά στο 1 είναι αποστερημένα όποια βάρη κι αν επιλεγούν. Το SEED κάνει τις επαναλήψεις αναπαραγώγιμες.</translation>
    </message>
    <message>
      <source>Catchments of the projects' facilities (from Walking coverage)</source>
      <translation>Περιοχές εξυπηρέτησης των εγκαταστάσεων των έργων (από την Κάλυψη εγκαταστάσεων με βάδισμα)</translation>
    </message>
    <message>
      <source>Census blocks</source>
      <translation>Απογραφικά τμήματα</translation>
    </message>
    <message>
      <source>Cold spot</source>
      <translation>Ψυχρό σημείο</translation>
    </message>
    <message>
      <source>Computing Gi* and local Moran's I</source>
      <translation>Υπολογισμός Gi* και τοπικού Moran's I</translation>
    </message>
    <message>
      <source>Deprivation index</source>
      <translation>Δείκτης αποστέρησης</translation>
    </message>
    <message>
      <source>Deprivation index of census blocks</source>
      <translation>Δείκτης αποστέρησης απογραφικών τμημάτων</translation>
    </message>
    <message>
      <source>Distance band</source>
      <translation>Ζώνη απόστασης</translation>
    </message>
    <message>
      <source>Distance band (m)</source>
      <translation>Ζώνη απόστασης (μ)</translation>
    </message>
    <message>
      <source>Empirical-Bayes smoothing of count/base rates</source>
      <translation>Εμπειρική εξομάλυνση Bayes των ποσοστών πλήθους/βάσης</translation>
    </message>
    <message>
      <source>False discovery rate correction (Benjamini–Hochberg)</source>
      <translation>Διόρθωση ρυθμού ψευδών ανακαλύψεων (Benjamini–Hochberg)</translation>
    </message>
    <message>
      <source>Finds statistically significant clusters of deprivation among census blocks and merges contiguous hot-spot blocks into candidate regeneration (intervention) zones.

For every block: gi_z, the Getis-Ord Gi* z-score (Ord and Getis 1995; binary weights, the block itself included); local_moran_i and moran_z, local Moran's I with row-standardised weights and its conditional-randomisation z-score; gi_p and moran_p, two-sided pseudo p-values from PERMUTATIONS conditional permutations (normal p-values of the z-scores when PERMUTATIONS is 0); gi_p_fdr and moran_p_fdr, the same adjusted with the Benjamini–Hochberg false discovery rate when FDR is on (else equal to the raw values); cluster: hot spot or cold spot where Gi* is significant at ALPHA (z above or below 0), otherwise a high-low or low-high outlier where local Moran's I is significant and negative, otherwise not significant; zone_id.

NEIGHBOURS: 0 queen contiguity (a shared boundary vertex), 1 rook contiguity (a shared edge), 2 centroids within DISTANCE_M metres. Contiguity needs blocks that share their vertices exactly. Blocks without neighbours are reported, get the class “no neighbours” and no statistics, and are left out of the FDR correction.

OUTPUT_ZONES: hot-spot blocks connected through the contiguity graph (rook when NEIGHBOURS is rook, otherwise queen) dissolved into one polygon each, with population (POPULATION_FIELD), area, mean value, and the list of blocks (ID_FIELD). A zone below MIN_POPULATION or MIN_AREA (m²) is joined to another zone when one block touches both (that block is added and listed as a bridge); zones still below the minimums are dropped and reported.

PROJECTS (optional, e.g. the technical-programme projects layer with project_code, title, budget_eur): each zone lists the projects whose point on surface lies in it and their total budget; OUTPUT_PROJECTS says for each project its zone and the share of its area in zones. With CATCHMENTS (the catchments output of Walking coverage, run on facilities that carry project_code), catchment_served_pct is the share of the project's zone population living in blocks inside the catchments of the project's facilities.</source>
      <translation>Εντοπίζει στατιστικά σημαντικές συγκεντρώσεις αποστέρησης στα απογραφικά τμήματα και συνενώνει τα όμορα τμήματα θερμών σημείων σε υποψήφιες περιοχές παρέμβασης (αστικής αναζωογόνησης).

Για κάθε τμήμα: gi_z, η τιμή z του Getis-Ord Gi* (Ord και Getis 1995· δυαδικά βάρη, συμπεριλαμβάνεται και το ίδιο το τμήμα)· local_moran_i και moran_z, ο τοπικός δείκτης Moran's I με βάρη κανονικοποιημένα ανά γραμμή και η τιμή z του υπό δεσμευμένη τυχαιοποίηση· gi_p και moran_p, αμφίπλευρες ψευδο-τιμές p από PERMUTATIONS δεσμευμένες μεταθέσεις (κανονικές τιμές p των z όταν το PERMUTATIONS είναι 0)· gi_p_fdr και moran_p_fdr, οι ίδιες διορθωμένες με τον ρυθμό ψευδών ανακαλύψεων Benjamini–Hochberg όταν το FDR είναι ενεργό (αλλιώς ίσες με τις αρχικές)· cluster: θερμό ή ψυχρό σημείο όπου το Gi* είναι σημαντικό στο επίπεδο ALPHA (z πάνω ή κάτω από 0), αλλιώς ακραία τιμή υψηλή-χαμηλή ή χαμηλή-υψηλή όπου ο τοπικός Moran's I είναι σημαντικός και αρνητικός, αλλιώς μη σημαντικό· zone_id.

NEIGHBOURS: 0 γειτνίαση βασίλισσας (κοινή κορυφή ορίου), 1 γειτνίαση πύργου (κοινή πλευρά), 2 κεντροειδή σε απόσταση έως DISTANCE_M μέτρα. Η γειτνίαση απαιτεί τμήματα που μοιράζονται ακριβώς τις κορυφές τους. Τμήματα χωρίς γείτονες αναφέρονται, λαμβάνουν την κατηγορία «χωρίς γείτονες» χωρίς στατιστικά και εξαιρούνται από τη διόρθωση FDR.

OUTPUT_ZONES: τμήματα θερμών σημείων συνδεδεμένα μέσω του γράφου γειτνίασης (πύργου όταν το NEIGHBOURS είναι πύργου, αλλιώς βασίλισσας) συγχωνεύονται σε ένα πολύγωνο το καθένα, με πληθυσμό (POPULATION_FIELD), εμβαδόν, μέση τιμή και τον κατάλογο τμημάτων (ID_FIELD). Περιοχή κάτω από το MIN_POPULATION ή το MIN_AREA (τ.μ.) ενώνεται με άλλη περιοχή όταν ένα τμήμα εφάπτεται και των δύο (το τμήμα αυτό προστίθεται και αναφέρεται ως γέφυρα)· περιοχές που παραμένουν κάτω από τα ελάχιστα απορρίπτονται και αναφέρονται.

PROJECTS (προαιρετικό, π.χ. το επίπεδο έργων τεχνικού προγράμματος με project_code, title, budget_eur): κάθε περιοχή απαριθμεί τα έργα των οποίων το εσωτερικό σημείο βρίσκεται μέσα της και τον συνολικό προϋπολογισμό τους· το OUTPUT_PROJECTS δίνει για κάθε έργο την περιοχή του και το ποσοστό του εμβαδού του μέσα σε περιοχές. Με το CATCHMENTS (την έξοδο περιοχών εξυπηρέτησης της «Κάλυψη εγκαταστάσεων με βάδισμα», με εγκαταστάσεις που φέρουν project_code), το catchment_served_pct είναι το ποσοστό του πληθυσμού της περιοχής του έργου που κατοικεί σε τμήματα εντός των περιοχών εξυπηρέτησης των εγκαταστάσεων του έργου.</translation>
    </message>
    <message>
      <source>Give at least one indicator.</source>
      <translation>Δώστε τουλάχιστον έναν δείκτη.</translation>
    </message>
    <message>
      <source>High-low outlier</source>
      <translation>Ακραία τιμή υψηλή-χαμηλή</translation>
    </message>
    <message>
      <source>Hot spot</source>
      <translation>Θερμό σημείο</translation>
    </message>
    <message>
      <source>Hot spots</source>
      <translation>Θερμά σημεία</translation>
    </message>
    <message>
      <source>Hot spots and regeneration zones</source>
      <translation>Θερμά σημεία και περιοχές παρέμβασης</translation>
    </message>
    <message>
      <source>Hot-spot blocks below the zone minimums, not made a zone: {blocks}</source>
      <translation>Τμήματα θερμών σημείων κάτω από τα ελάχιστα όρια περιοχής, δεν σχηματίζουν περιοχή: {blocks}</translation>
    </message>
    <message>
      <source>Indicator “{entry}” is not understood: write a field name or count/base, optionally followed by :+ or :-.</source>
      <translation>Ο δείκτης «{entry}» δεν είναι κατανοητός: γράψτε όνομα πεδίου ή πλήθος/βάση, προαιρετικά ακολουθούμενο από :+ ή :-.</translation>
    </message>
    <message>
      <source>Indicators (field or count/base, with direction :+ or :-)</source>
      <translation>Δείκτες (πεδίο ή πλήθος/βάση, με κατεύθυνση :+ ή :-)</translation>
    </message>
    <message>
      <source>Layer {layer} has no field dep_index: choose the value to analyse (VALUE_FIELD).</source>
      <translation>Το επίπεδο {layer} δεν έχει πεδίο dep_index: επιλέξτε την τιμή προς ανάλυση (VALUE_FIELD).</translation>
    </message>
    <message>
      <source>Layer {layer} needs at least three census blocks.</source>
      <translation>Το επίπεδο {layer} χρειάζεται τουλάχιστον τρία απογραφικά τμήματα.</translation>
    </message>
    <message>
      <source>Layer {layer} needs at least two census blocks.</source>
      <translation>Το επίπεδο {layer} χρειάζεται τουλάχιστον δύο απογραφικά τμήματα.</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}, field {field}: the base is zero, so the rate is undefined; turn on smoothing or use a rate field.</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}, πεδίο {field}: η βάση είναι μηδέν, άρα το ποσοστό δεν ορίζεται· ενεργοποιήστε την εξομάλυνση ή χρησιμοποιήστε πεδίο ποσοστού.</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}, field {field}: the value is missing.</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}, πεδίο {field}: λείπει η τιμή.</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}, field {field}: the value is negative.</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}, πεδίο {field}: η τιμή είναι αρνητική.</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}: the geometry is missing.</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}: λείπει η γεωμετρία.</translation>
    </message>
    <message>
      <source>Layer {layer}, feature {fid}: {count} ({cvalue}) is larger than its base {base} ({bvalue}).</source>
      <translation>Επίπεδο {layer}, στοιχείο {fid}: το {count} ({cvalue}) είναι μεγαλύτερο από τη βάση του {base} ({bvalue}).</translation>
    </message>
    <message>
      <source>Layer {layer}, field {field}: every base is zero.</source>
      <translation>Επίπεδο {layer}, πεδίο {field}: όλες οι βάσεις είναι μηδέν.</translation>
    </message>
    <message>
      <source>Layer {layer}: almost no block has a neighbour; check that the blocks share their boundaries, or use a distance band.</source>
      <translation>Επίπεδο {layer}: σχεδόν κανένα τμήμα δεν έχει γείτονα· ελέγξτε ότι τα τμήματα μοιράζονται τα όριά τους ή χρησιμοποιήστε ζώνη απόστασης.</translation>
    </message>
    <message>
      <source>Layer {layer}: field {field} is not numeric.</source>
      <translation>Επίπεδο {layer}: το πεδίο {field} δεν είναι αριθμητικό.</translation>
    </message>
    <message>
      <source>Low-high outlier</source>
      <translation>Ακραία τιμή χαμηλή-υψηλή</translation>
    </message>
    <message>
      <source>MIN_POPULATION needs a population field.</source>
      <translation>Το MIN_POPULATION απαιτεί πεδίο πληθυσμού.</translation>
    </message>
    <message>
      <source>Minimum zone area (m²)</source>
      <translation>Ελάχιστο εμβαδόν περιοχής (τ.μ.)</translation>
    </message>
    <message>
      <source>Minimum zone population</source>
      <translation>Ελάχιστος πληθυσμός περιοχής</translation>
    </message>
    <message>
      <source>Neighbours</source>
      <translation>Γείτονες</translation>
    </message>
    <message>
      <source>No neighbours</source>
      <translation>Χωρίς γείτονες</translation>
    </message>
    <message>
      <source>Not significant</source>
      <translation>Μη σημαντικό</translation>
    </message>
    <message>
      <source>Permutations (0 = analytic p-values)</source>
      <translation>Μεταθέσεις (0 = αναλυτικές τιμές p)</translation>
    </message>
    <message>
      <source>Population field</source>
      <translation>Πεδίο πληθυσμού</translation>
    </message>
    <message>
      <source>Projects and zones</source>
      <translation>Έργα και περιοχές</translation>
    </message>
    <message>
      <source>Queen contiguity</source>
      <translation>Γειτνίαση βασίλισσας (queen)</translation>
    </message>
    <message>
      <source>Random seed</source>
      <translation>Σπόρος τυχαίων αριθμών</translation>
    </message>
    <message>
      <source>Reading census blocks</source>
      <translation>Ανάγνωση απογραφικών τμημάτων</translation>
    </message>
    <message>
      <source>Regeneration zones</source>
      <translation>Περιοχές παρέμβασης</translation>
    </message>
    <message>
      <source>Rook contiguity</source>
      <translation>Γειτνίαση πύργου (rook)</translation>
    </message>
    <message>
      <source>Scaling method</source>
      <translation>Μέθοδος κλιμάκωσης</translation>
    </message>
    <message>
      <source>Sensitivity analysis: random weight draws (0 = off)</source>
      <translation>Ανάλυση ευαισθησίας: τυχαίες επιλογές βαρών (0 = ανενεργή)</translation>
    </message>
    <message>
      <source>Significance level</source>
      <translation>Επίπεδο σημαντικότητας</translation>
    </message>
    <message>
      <source>Technical-programme projects</source>
      <translation>Έργα τεχνικού προγράμματος</translation>
    </message>
    <message>
      <source>Value to analyse</source>
      <translation>Τιμή προς ανάλυση</translation>
    </message>
    <message>
      <source>WEIGHTS must be {count} non-negative numbers, one per indicator, with a positive sum.</source>
      <translation>Το WEIGHTS πρέπει να είναι {count} μη αρνητικοί αριθμοί, ένας ανά δείκτη, με θετικό άθροισμα.</translation>
    </message>
    <message>
      <source>Weights (one per indicator; empty for equal weights)</source>
      <translation>Βάρη (ένα ανά δείκτη· κενό για ίσα βάρη)</translation>
    </message>
    <message>
      <source>min-max</source>
      <translation>min-max (0 έως 1)</translation>
    </message>
    <message>
      <source>percentile rank</source>
      <translation>εκατοστιαία τάξη</translation>
    </message>
    <message>
      <source>z-score</source>
      <translation>τυπική τιμή z</translation>
    </message>
    <message>
      <source>{count} blocks have no neighbours and are left out of the statistics: {blocks}</source>
      <translation>{count} τμήματα δεν έχουν γείτονες και εξαιρούνται από τα στατιστικά: {blocks}</translation>
    </message>
    <message>
      <source>{hot} hot-spot blocks, {cold} cold-spot blocks, {zones} zones.</source>
      <translation>{hot} τμήματα θερμών σημείων, {cold} τμήματα ψυχρών σημείων, {zones} περιοχές.</translation>
    </message>
    <message>
      <source>{inside} of {total} projects lie in a zone.</source>
      <translation>{inside} από {total} έργα βρίσκονται σε περιοχή.</translation>
    </message>
    <message>
      <source>{n} blocks indexed; weights: {weights}.</source>
      <translation>Υπολογίστηκε ο δείκτης για {n} τμήματα· βάρη: {weights}.</translation>
    </message>
  </context>
</TS>
