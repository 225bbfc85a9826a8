<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="el_GR" sourcelanguage="en">
  <context>
    <name>municipal_gis</name>
    <message>
      <source>Head of service</source>
      <translation>Προϊστάμενος/η υπηρεσίας</translation>
    </message>
    <message>
      <source>Head of service: name (empty: the project's setting)</source>
      <translation>Προϊστάμενος/η υπηρεσίας: ονοματεπώνυμο (κενό: η ρύθμιση του έργου)</translation>
    </message>
    <message>
      <source>Head of service: title (empty: the project's setting)</source>
      <translation>Προϊστάμενος/η υπηρεσίας: ιδιότητα (κενό: η ρύθμιση του έργου)</translation>
    </message>
    <message>
      <source>Letterhead</source>
      <translation>Επικεφαλίδα</translation>
    </message>
    <message>
      <source>Letterhead, one line each (empty: the template's)</source>
      <translation>Επικεφαλίδα εγγράφου, μία γραμμή η καθεμία (κενό: του προτύπου)</translation>
    </message>
    <message>
      <source>Prepared by</source>
      <translation>Συντάξας/ασα</translation>
    </message>
    <message>
      <source>Prepared by: name (empty: the user's setting)</source>
      <translation>Συντάξας/ασα: ονοματεπώνυμο (κενό: η ρύθμιση του χρήστη)</translation>
    </message>
    <message>
      <source>Prepared by: title, e.g. Civil Engineer (empty: the user's setting)</source>
      <translation>Συντάξας/ασα: ιδιότητα, π.χ. Πολιτικός Μηχανικός (κενό: η ρύθμιση του χρήστη)</translation>
    </message>
    <message>
      <source>Signatures on the certificate</source>
      <translation>Υπογραφές της βεβαίωσης</translation>
    </message>
    <message>
      <source>Signs as</source>
      <translation>Υπογράφει ως</translation>
    </message>
    <message>
      <source>Title</source>
      <translation>Ιδιότητα</translation>
    </message>
    <message>
      <source>e.g. Civil Engineer</source>
      <translation>π.χ. Πολιτικός Μηχανικός ΠΕ</translation>
    </message>
    <message>
      <source>e.g. Head of the Planning Department</source>
      <translation>π.χ. Προϊστάμενος Τμήματος Πολεοδομίας</translation>
    </message>
    <message>
      <source>empty: «Ο/Η Προϊστάμενος/η»; e.g. «Με εντολή Δημάρχου»</source>
      <translation>κενό: «Ο/Η Προϊστάμενος/η»· π.χ. «Με εντολή Δημάρχου»</translation>
    </message>
    <message>
      <source>name (kept in the project)</source>
      <translation>ονοματεπώνυμο (φυλάσσεται στο έργο)</translation>
    </message>
    <message>
      <source>name of the engineer who prepares it (this user)</source>
      <translation>ονοματεπώνυμο του μηχανικού που τη συντάσσει (αυτός ο χρήστης)</translation>
    </message>
  </context>
</TS>
