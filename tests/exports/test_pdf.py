"""PDF reports read back with pypdf: every page numbered, headers repeated, accents intact."""
import io
import re

import pypdf
import pytest
from flask_babel import force_locale

from lab.exports.formats import Column, Kind, Table, document_html, header_html, render_pdf, table_html

from .samples import ACCENTS, PAYLOADS, ZONE, ideas_table, neutralised

ENTITY = "Alcaldía de Ñuñoa · Laboratorio de Innovación Pública"
LONG_WORD = "https://ejemplo.invalid/" + "DatosAbiertosÑandú" * 20  # no break opportunity at all


def pages(pdf):
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def flat(text):
    """The text without the spaces, line breaks and zero-width spaces that wrapping adds."""
    return re.sub(r"[\s\u200b]+", "", text)


def report(table, title="Informe del taller", **kwargs):
    body = header_html(table, ZONE) + table_html(table, ZONE)
    return render_pdf(document_html(title, body, entity=ENTITY, **kwargs))


@pytest.fixture(scope="module")
def long_report():
    rows = [(f"Idea {n:03d}: {ACCENTS}", n, None, None, None, None, n % 2 == 0, ()) for n in range(300)]
    return pages(report(ideas_table(rows=rows)))


def test_a_long_table_breaks_across_numbered_pages(long_report):
    total = len(long_report)
    assert total >= 5
    for number, text in enumerate(long_report, 1):
        assert f"Página {number} de {total}" in text


def test_every_page_repeats_the_entity_and_the_table_header(long_report):
    for text in long_report:
        assert ENTITY in text
        assert "Informe del taller" in text
        assert re.search(r"Idea\s+Votos\s+Puntaje", text), "the header row is not repeated"


def test_every_row_is_printed_once_with_its_accents(long_report):
    text = flat("".join(long_report))
    for n in range(300):
        assert text.count(flat(f"Idea {n:03d}: {ACCENTS}")) == 1, n


def test_header_lines_and_values_are_shown_for_people():
    text = "\n".join(pages(report(ideas_table())))
    assert "Alcaldía de Ñuñoa" in text
    assert "14/03/2026" in text  # a date, as Spanish (Colombia) writes it
    assert "-1.234.567,125" in text and "2,5" in text
    assert "'=Objetivo" in text and "14/03/2026, 9:05:30" in text
    assert "25:00:03" in text and "físicas | humanas" in text


def text_starts(pdf):
    """(page width, [(text, x where it starts)]) of the first page."""
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    found = []
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: found.append((text, tm[4] * cm[0] + cm[4])))
    return float(page.mediabox.width), [(text, x) for text, x in found if text.strip()]


def test_a_long_unbroken_word_wraps_inside_the_page_instead_of_pushing_the_table_off_it():
    table = Table(name="t", title="Enlaces", columns=[Column("a", "Enlace"), Column("b", "Nota")],
                  rows=[(LONG_WORD, "corta")])
    pdf = report(table)
    assert LONG_WORD in flat("".join(pages(pdf)))
    width, starts = text_starts(pdf)
    assert any(text.strip() == "corta" for text, _x in starts)
    assert all(x < width - 40 for _text, x in starts), [s for s in starts if s[1] >= width - 40]


def test_formula_payloads_are_neutralised_and_markup_is_shown_as_text():
    table = Table(name="t", title="Ideas", columns=[Column("a", "Idea")],
                  rows=[(p,) for p in PAYLOADS[:4]] + [("<b>negrita</b> & <script>x</script>",)])
    html = table_html(table, ZONE)
    assert "<b>" not in html and "&lt;b&gt;negrita&lt;/b&gt; &amp; &lt;script&gt;" in html
    text = flat("".join(pages(report(table))))
    for payload in PAYLOADS[:4]:
        assert flat(neutralised(payload)) in text
    assert "<b>negrita</b>&<script>x</script>" in text


def test_nothing_is_fetched_from_the_disk_or_the_network(tmp_path):
    sheet = tmp_path / "fuera.css"
    sheet.write_text('body::after { content: "CARGADO"; }', encoding="utf-8")
    html = document_html("Informe", f'<link rel="stylesheet" href="{sheet.as_uri()}"><p>Contenido</p>'
                         f'<img src="{sheet.as_uri()}" alt="">')
    text = "".join(pages(render_pdf(html)))
    assert "Contenido" in text and "CARGADO" not in text


def test_extra_stylesheets_extend_the_base_one():
    html = document_html("Informe", '<section class="anexo">Anexo</section>')
    text = "".join(pages(render_pdf(html, stylesheets=['.anexo::before { content: "Sección: "; }'])))
    assert "Sección: Anexo" in text


def test_text_is_set_in_an_embedded_dejavu_font():
    reader = pypdf.PdfReader(io.BytesIO(report(ideas_table())))
    fonts = {str(font.get_object()["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert fonts and all("DejaVu" in name for name in fonts), fonts


def test_page_numbers_follow_the_language(app):
    with app.app_context(), force_locale("en"):
        pdf = render_pdf(document_html("Report", "<p>Body</p>", lang="en"))
    assert "Page 1 of 1" in pages(pdf)[0]


def test_document_titles_and_meta_are_escaped():
    html = document_html("<i>T</i>", "<p>ok</p>", entity="A & B", meta=[("<Fecha>", "1 < 2")])
    assert "&lt;i&gt;T&lt;/i&gt;" in html and "A &amp; B" in html and "&lt;Fecha&gt;" in html
    assert "1 &lt; 2" in html


def test_numbers_are_right_aligned_cells():
    table = Table(name="t", title="t", columns=[Column("n", "N", Kind.INTEGER), Column("s", "S")], rows=[(1, "a")])
    html = table_html(table, ZONE)
    assert '<th scope="col" class="number">N</th>' in html and '<td class="number">1</td>' in html
