"""`probe serve`'s Datasette configuration: metadata.yaml (titles, licence, labels, facets,
canned queries) and plugin.py (the SQL functions those queries call)."""
