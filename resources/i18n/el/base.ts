<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="el_GR" sourcelanguage="en">
  <context>
    <name>municipal_gis</name>
    <message>
      <source>Input {input} ({description}) is missing or could not be read as a layer.</source>
      <translation>Η είσοδος {input} ({description}) λείπει ή δεν μπόρεσε να διαβαστεί ως επίπεδο.</translation>
    </message>
    <message>
      <source>Output {output} ({description}) could not be created at {destination}. Check that the folder exists and that you may write to it; nothing was written.</source>
      <translation>Η έξοδος {output} ({description}) δεν μπόρεσε να δημιουργηθεί στο {destination}. Ελέγξτε ότι ο φάκελος υπάρχει και ότι έχετε δικαίωμα εγγραφής σε αυτόν· δεν γράφτηκε τίποτα.</translation>
    </message>
    <message>
      <source>Output {output} ({description}): no destination was given; nothing was written.</source>
      <translation>Έξοδος {output} ({description}): δεν δόθηκε προορισμός· δεν γράφτηκε τίποτα.</translation>
    </message>
  </context>
</TS>
