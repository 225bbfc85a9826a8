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
      <source>The first {n} entries were issued before the hash chain was introduced: they are protected by the database triggers only.</source>
      <translation>Οι πρώτες {n} εγγραφές εκδόθηκαν πριν από την εισαγωγή της αλυσίδας αποτυπωμάτων: τις προστατεύουν μόνο οι σκανδάλες (triggers) της βάσης.</translation>
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
