<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="el_GR" sourcelanguage="en">
  <context>
    <name>municipal_gis</name>
    <message>
      <source>Certificate number {number} is missing from the register: its entry was removed.</source>
      <translation>Ο αριθμός βεβαίωσης {number} λείπει από το μητρώο: η εγγραφή του διαγράφηκε.</translation>
    </message>
    <message>
      <source>Certificate {number} (ΚΑΕΚ {kaek}) is registered, but its PDF could not be written to {path}: {error}. Issue a replacement for it (reissue).</source>
      <translation>Η βεβαίωση {number} (ΚΑΕΚ {kaek}) καταχωρίστηκε, αλλά το PDF της δεν ήταν δυνατό να γραφτεί στο {path}: {error}. Εκδώστε βεβαίωση σε αντικατάστασή της (επανέκδοση).</translation>
    </message>
    <message>
      <source>Certificate {number}: the PDF was not produced.</source>
      <translation>Βεβαίωση {number}: το PDF δεν παρήχθη.</translation>
    </message>
    <message>
      <source>Computes the SHA-256 of a certificate PDF and looks it up in the land-use certificate register. A match means the file is, byte for byte, the certificate issued under that number; any change to the file breaks the match. Also checks the register's hash chain (every entry holds the hash of the one before it): the result says whether the chain is intact or names the first entry that was changed or removed, and a file whose entry is in doubt is not valid. Also says whether a later certificate replaces it.</source>
      <translation>Υπολογίζει το SHA-256 ενός PDF βεβαίωσης και το αναζητά στο μητρώο βεβαιώσεων χρήσεων γης. Ταύτιση σημαίνει ότι το αρχείο είναι, byte προς byte, η βεβαίωση που εκδόθηκε με αυτόν τον αριθμό· οποιαδήποτε αλλαγή στο αρχείο ακυρώνει την ταύτιση. Ελέγχει επίσης την αλυσίδα αποτυπωμάτων του μητρώου (κάθε εγγραφή φέρει το αποτύπωμα της προηγούμενης): το αποτέλεσμα λέει αν η αλυσίδα είναι ακέραιη ή ονομάζει την πρώτη εγγραφή που αλλοιώθηκε ή διαγράφηκε, και ένα αρχείο του οποίου η εγγραφή αμφισβητείται δεν είναι έγκυρο. Αναφέρει επίσης αν τη βεβαίωση αντικαθιστά μεταγενέστερη.</translation>
    </message>
    <message>
      <source>Database roles exist only in PostGIS databases.</source>
      <translation>Ρόλοι βάσης δεδομένων υπάρχουν μόνο σε βάσεις PostGIS.</translation>
    </message>
    <message>
      <source>Entry {number} has no hash: it was added to the register outside the plugin, after the hash chain was introduced.</source>
      <translation>Η εγγραφή {number} δεν έχει αποτύπωμα: προστέθηκε στο μητρώο εκτός του πρόσθετου, μετά την εισαγωγή της αλυσίδας αποτυπωμάτων.</translation>
    </message>
    <message>
      <source>Entry {number} was changed after it was issued: its content no longer matches its hash.</source>
      <translation>Η εγγραφή {number} αλλοιώθηκε μετά την έκδοσή της: το περιεχόμενό της δεν αντιστοιχεί πλέον στο αποτύπωμά της.</translation>
    </message>
    <message>
      <source>First broken register entry</source>
      <translation>Πρώτη αλλοιωμένη εγγραφή του μητρώου</translation>
    </message>
    <message>
      <source>No register: the certificates will be drafts without a number.</source>
      <translation>Χωρίς μητρώο: οι βεβαιώσεις θα είναι σχέδια χωρίς αριθμό.</translation>
    </message>
    <message>
      <source>Register chain head (SHA-256)</source>
      <translation>Κορυφή της αλυσίδας του μητρώου (SHA-256)</translation>
    </message>
    <message>
      <source>Register hash chain</source>
      <translation>Αλυσίδα αποτυπωμάτων του μητρώου</translation>
    </message>
    <message>
      <source>Register hash chain intact</source>
      <translation>Ακέραιη αλυσίδα αποτυπωμάτων του μητρώου</translation>
    </message>
    <message>
      <source>Register: {db}</source>
      <translation>Μητρώο: {db}</translation>
    </message>
    <message>
      <source>Role name «{role}» is not a plain SQL identifier.</source>
      <translation>Το όνομα ρόλου «{role}» δεν είναι απλό αναγνωριστικό SQL.</translation>
    </message>
    <message>
      <source>The certificate register of {db} is from before the tamper-evident register (hash chain); upgrade the database before issuing.</source>
      <translation>Το μητρώο βεβαιώσεων της {db} είναι παλαιότερο από το μητρώο με ανίχνευση αλλοιώσεων (αλυσίδα αποτυπωμάτων)· αναβαθμίστε τη βάση πριν από την έκδοση.</translation>
    </message>
    <message>
      <source>The certificate register was upgraded to the tamper-evident register (hash chain); the entries issued before stay as they were and the chain starts after them. Changes: {changes}</source>
      <translation>Το μητρώο βεβαιώσεων αναβαθμίστηκε σε μητρώο με ανίχνευση αλλοιώσεων (αλυσίδα αποτυπωμάτων)· οι εγγραφές που είχαν εκδοθεί μένουν ως είχαν και η αλυσίδα ξεκινά μετά από αυτές. Αλλαγές: {changes}</translation>
    </message>
    <message>
      <source>The entry before {number} is missing or was changed: {number} is chained to a different predecessor.</source>
      <translation>Η εγγραφή πριν από την {number} λείπει ή αλλοιώθηκε: η {number} είναι αλυσιδωμένη σε διαφορετική προηγούμενη εγγραφή.</translation>
    </message>
    <message>
      <source>The file matches register entry {number} (ΚΑΕΚ {kaek}), but that entry was changed or tampered with after issue, so the match proves nothing: the certificate is NOT valid. {problem}</source>
      <translation>Το αρχείο ταυτίζεται με την εγγραφή {number} του μητρώου (ΚΑΕΚ {kaek}), αλλά η εγγραφή αυτή αλλοιώθηκε μετά την έκδοση, οπότε η ταύτιση δεν αποδεικνύει τίποτα: η βεβαίωση ΔΕΝ είναι έγκυρη. {problem}</translation>
    </message>
    <message>
      <source>The first {n} entries were issued before the hash chain was introduced: they are protected by the database triggers only.</source>
      <translation>Οι πρώτες {n} εγγραφές εκδόθηκαν πριν από την εισαγωγή της αλυσίδας αποτυπωμάτων: τις προστατεύουν μόνο οι σκανδάλες (triggers) της βάσης.</translation>
    </message>
    <message>
      <source>The register's hash chain is broken; first at entry {number}: {problem}</source>
      <translation>Η αλυσίδα αποτυπωμάτων του μητρώου έχει διαρραγεί· πρώτη αλλοιωμένη εγγραφή η {number}: {problem}</translation>
    </message>
    <message>
      <source>The register's hash chain is intact. {summary}</source>
      <translation>Η αλυσίδα αποτυπωμάτων του μητρώου είναι ακέραιη. {summary}</translation>
    </message>
    <message>
      <source>{db}: the certificate register could not be read or written: {error}</source>
      <translation>{db}: δεν ήταν δυνατή η ανάγνωση ή η εγγραφή του μητρώου βεβαιώσεων: {error}</translation>
    </message>
    <message>
      <source>{db}: the certificate register refused the change: {error}</source>
      <translation>{db}: το μητρώο βεβαιώσεων απέρριψε την αλλαγή: {error}</translation>
    </message>
    <message>
      <source>{db}: your database role lacks a privilege the certificate register needs ({error}). To issue certificates a role needs USAGE on the schema, SELECT on its tables and INSERT on {table}; ask the database administrator.</source>
      <translation>{db}: ο ρόλος σας στη βάση δεδομένων δεν έχει ένα δικαίωμα που χρειάζεται το μητρώο βεβαιώσεων ({error}). Για την έκδοση βεβαιώσεων ένας ρόλος χρειάζεται USAGE στο σχήμα, SELECT στους πίνακές του και INSERT στον {table}· απευθυνθείτε στον διαχειριστή της βάσης.</translation>
    </message>
    <message>
      <source>{n} register entries checked; chain head {head}.</source>
      <translation>Ελέγχθηκαν {n} εγγραφές του μητρώου· κεφαλή της αλυσίδας {head}.</translation>
    </message>
  </context>
</TS>
