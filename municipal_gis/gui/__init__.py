"""Docks, dialogs and the locator filter (Qt); wired by municipal_gis.plugin."""
