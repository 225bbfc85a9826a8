<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="el_GR" sourcelanguage="en">
  <context>
    <name>municipal_gis</name>
    <message>
      <source>Head of service: name (empty: the project's setting)</source>
      <translation>Προϊστάμενος/η υπηρεσίας: ονοματεπώνυμο (κενό: η ρύθμιση του έργου)</translation>
    </message>
    <message>
      <source>Head of service: title (empty: the project's setting)</source>
      <translation>Προϊστάμενος/η υπηρεσίας: ιδιότητα (κενό: η ρύθμιση του έργου)</translation>
    </message>
    <message>
      <source>Prepared by: name (empty: the user's setting)</source>
      <translation>Συντάξας/ασα: ονοματεπώνυμο (κενό: η ρύθμιση του χρήστη)</translation>
    </message>
    <message>
      <source>Prepared by: title, e.g. Civil Engineer (empty: the user's setting)</source>
      <translation>Συντάξας/ασα: ιδιότητα, π.χ. Πολιτικός Μηχανικός (κενό: η ρύθμιση του χρήστη)</translation>
    </message>
  </context>
</TS>
