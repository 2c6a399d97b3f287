"""The pure writers of the exports: a Table or a Graph (shapes.py) in, bytes out. No database,
no request: the exports slice builds the shapes from its datasets and sends the bytes.

    write_csv(table, zone)            CSV for Excel in Spanish (Colombia)      csv_text.py
    write_xlsx(tables, zone)          one workbook, a sheet per table          xlsx.py
    render_pdf(html)                  HTML + print CSS to PDF (WeasyPrint)     pdf.py
    write_graphml / write_gexf / write_kumu (graph, zone)                      graphs.py
    write_archive / read_archive      versioned JSON archives, read with limits archive.py

`zone` is the workshop's IANA time zone ("America/Bogota"): date-times are shown in it.
"""
from .archive import SCHEMA_VERSION, Archive, ArchiveError, Limits, read_archive, write_archive
from .cells import neutralise
from .csv_text import EXCEL_EN, EXCEL_ES_CO, CsvStyle, write_csv
from .graphs import kumu_tables, to_networkx, write_gexf, write_graphml, write_kumu
from .pdf import base_stylesheet, document_html, header_html, render_pdf, table_html
from .shapes import Column, Edge, Graph, Kind, Node, Table
from .xlsx import sheet_names, write_xlsx

__all__ = [
    "SCHEMA_VERSION", "Archive", "ArchiveError", "Limits", "read_archive", "write_archive", "neutralise",
    "EXCEL_EN", "EXCEL_ES_CO", "CsvStyle", "write_csv", "kumu_tables", "to_networkx", "write_gexf",
    "write_graphml", "write_kumu", "base_stylesheet", "document_html", "header_html", "render_pdf",
    "table_html", "Column", "Edge", "Graph", "Kind", "Node", "Table", "sheet_names", "write_xlsx",
]
