"""The declarative catalogue of municipal layers and the code that builds databases from it."""
