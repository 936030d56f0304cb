"""The supervisor dashboard's widgets: filter bar, headline tiles, charts, the groups dialog."""
