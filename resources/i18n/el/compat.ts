<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="el_GR" sourcelanguage="en">
  <context>
    <name>municipal_gis</name>
    <message>
      <source>Install them…</source>
      <translation>Εγκατάσταση…</translation>
    </message>
    <message>
      <source>Install {packages} from the Python Package Index (PyPI) with pip into {folder}? This takes a minute and needs the internet.</source>
      <translation>Να εγκατασταθούν τα {packages} από το Python Package Index (PyPI) με το pip στον φάκελο {folder}; Χρειάζεται περίπου ένα λεπτό και σύνδεση στο διαδίκτυο.</translation>
    </message>
    <message>
      <source>Installing the packages failed; pip said:
{output}</source>
      <translation>Η εγκατάσταση των πακέτων απέτυχε· το pip ανέφερε:
{output}</translation>
    </message>
    <message>
      <source>Municipal GIS cannot start: this QGIS lacks the Python packages {packages}. Nothing of the plugin was loaded.</source>
      <translation>Το Δημοτικό GIS δεν μπορεί να ξεκινήσει: σε αυτό το QGIS λείπουν τα πακέτα Python {packages}. Δεν φορτώθηκε τίποτα από το πρόσθετο.</translation>
    </message>
    <message>
      <source>The packages were installed and the plugin is loaded.</source>
      <translation>Τα πακέτα εγκαταστάθηκαν και το πρόσθετο φορτώθηκε.</translation>
    </message>
    <message>
      <source>The packages were installed; restart QGIS to load Municipal GIS.</source>
      <translation>Τα πακέτα εγκαταστάθηκαν· επανεκκινήστε το QGIS για να φορτωθεί το Δημοτικό GIS.</translation>
    </message>
  </context>
</TS>
