"""Exports: every result of the lab (workshops, maps, diagnoses) out as CSV, XLSX, PDF, GraphML,
GEXF, Kumu workbooks and re-importable JSON archives. `formats` holds the pure writers (a table
or a graph in, bytes out); nothing in it touches the database or a request."""
