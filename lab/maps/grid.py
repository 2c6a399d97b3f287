"""The power-interest grid as an accessible SVG drawn on the server, and the rows of its table.

Influence (power) runs up, interest across, both medians on 1-5; the middle line is at 3 and a
median of 3 counts as high, so an actor on the line gets the closer attention. Bars across a
marker show the spread of the ratings. Sector is told by colour and by shape.
"""
import re
import textwrap
from collections.abc import Hashable
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from babel.numbers import format_decimal
from flask_babel import get_locale, gettext, ngettext
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from ..vocab import QUADRANTS, SECTORS
from .grid_layout import Box, place_labels, place_markers

MIDDLE = 3
LOW, HIGH = 1, 5
WIDTH, HEIGHT = 1188, 840  # A4 landscape proportions: prints on one page, fills a 16:9 projector's height
PLOT = Box(130, 80, 880, 750)
DOMAIN = (0.6, 5.4)  # a little room beyond 1 and 5 so edge markers stay inside the frame
RADIUS = 11
FONT = 18
LABEL_CHARS = 18
INK, MUTED, PAPER, SHADE = "#1a1a1a", "#4a4a4a", "#ffffff", "#f2f2f2"
FONTS = "'Noto Sans', 'DejaVu Sans', Arial, sans-serif"

# Colour and shape per sector; each colour has at least 4.5:1 contrast on the paper and the shade.
SECTOR_STYLE = {
    "government": ("#1f4e9c", "square"),
    "academia": ("#6a3d9a", "circle"),
    "industry": ("#8a4b00", "diamond"),
    "civil_society": ("#1b6e3c", "triangle"),
    None: ("#595959", "ring"),
}
NO_SECTOR = _l("Sin sector")
TITLE = _l("Mapa de poder e interés")
NARROW, WIDE = set(" fijlrtI.,:;'!|/()-"), set("mwMW&<>…%@")
INVALID_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class GridActor:
    """An actor's standing: medians 1-5 (None when nobody rated it), spreads, number of ratings."""
    key: Hashable
    name: str
    sector: str | None
    influence: float | None
    interest: float | None
    influence_spread: float = 0.0
    interest_spread: float = 0.0
    assessments: int = 0
    acronym: str | None = None

    @property
    def rated(self):
        return self.influence is not None and self.interest is not None


@dataclass(frozen=True)
class GridRow:
    """One line of the grid's table: the same facts as its element in the graphic, whose marker
    shows `number` when its name does not fit."""
    number: int
    key: Hashable
    name: str
    sector: str | None
    sector_label: str
    influence: float | None
    interest: float | None
    influence_spread: float
    interest_spread: float
    assessments: int
    quadrant: str | None
    quadrant_label: str
    summary: str


def quadrant(influence, interest):
    """The QUADRANTS key of a pair of medians (a median of 3 counts as high)."""
    powerful, interested = influence >= MIDDLE, interest >= MIDDLE
    if powerful:
        return "manage_closely" if interested else "keep_satisfied"
    return "keep_informed" if interested else "monitor"


def table_headers():
    """Column titles for the grid's table: number, name, sector_label, influence, interest, both
    spreads, assessments and quadrant_label of each GridRow."""
    return [gettext("N.º"), gettext("Actor"), gettext("Sector"), gettext("Influencia"), gettext("Interés"),
            gettext("Dispersión (influencia / interés)"), gettext("Valoraciones"), gettext("Cuadrante")]


def grid_rows(actors):
    """Table rows: quadrant by quadrant (in QUADRANTS order), then most influential first."""
    _check(actors)
    order = list(QUADRANTS)
    def rank(actor):
        if not actor.rated:
            return (len(order), 0, 0, actor.name.casefold())
        return (order.index(quadrant(actor.influence, actor.interest)), -actor.influence,
                -actor.interest, actor.name.casefold())
    return [_row(number, actor) for number, actor in enumerate(sorted(actors, key=rank), start=1)]


def _row(number, actor):
    where = quadrant(actor.influence, actor.interest) if actor.rated else None
    return GridRow(number, actor.key, actor.name, actor.sector, _sector_label(actor.sector), actor.influence,
                   actor.interest, actor.influence_spread, actor.interest_spread, actor.assessments,
                   where, str(QUADRANTS[where]) if where else gettext("Sin valoración"),
                   _summary(actor, where))


def _check(actors):
    keys = [actor.key for actor in actors]
    if len(set(keys)) != len(keys):
        raise ValueError("two actors share a key")
    for actor in actors:
        for value in (actor.influence, actor.interest):
            if value is not None and not LOW <= value <= HIGH:
                raise ValueError(f"median {value!r} of {actor.key!r} is outside {LOW}-{HIGH}")
        if actor.sector not in SECTOR_STYLE:
            raise ValueError(f"unknown sector {actor.sector!r} of {actor.key!r}")


def _sector_label(sector):
    return str(SECTORS[sector]) if sector else str(NO_SECTOR)


def _number(value):
    return format_decimal(value, format="0.#", locale=get_locale() or "es_CO")


def _summary(actor, where):
    ratings = ngettext("%(num)d valoración", "%(num)d valoraciones", actor.assessments)
    if where is None:
        return gettext("%(name)s: sin valoración; %(sector)s", name=actor.name,
                       sector=_sector_label(actor.sector))
    return gettext("%(name)s: influencia %(influence)s, interés %(interest)s (dispersión %(influence_spread)s"
                   " y %(interest_spread)s), %(ratings)s; %(sector)s; %(quadrant)s",
                   name=actor.name, influence=_number(actor.influence), interest=_number(actor.interest),
                   influence_spread=_number(actor.influence_spread),
                   interest_spread=_number(actor.interest_spread), ratings=ratings,
                   sector=_sector_label(actor.sector), quadrant=QUADRANTS[where])


# --- drawing --------------------------------------------------------------------------------------

def render_grid(actors, *, title=None, id_prefix="power-interest", standalone=False):
    """The grid as SVG markup, safe to insert in a page; `standalone` sizes it for an A4 page.
    The most assessed actors are placed and labelled first; where a name has no free room the
    marker shows its number in the table, and where even that has none, nothing (the description
    and a note say how many) rather than a label over another."""
    rows = {row.key: row for row in grid_rows(actors)}
    rated = sorted((a for a in actors if a.rated), key=lambda a: (-a.assessments, a.name.casefold()))
    points = [(_x(a.interest), _y(a.influence)) for a in rated]
    centres = place_markers(points, RADIUS, PLOT, _quadrant_boxes())
    texts = [(_short(a), str(rows[a.key].number)) for a in rated]
    labels = place_labels(centres, [[_text_size(t) for t in pair] for pair in texts], RADIUS, PLOT,
                          _quadrant_boxes())
    shown = [texts[n][label[0]] if label else None for n, label in enumerate(labels)]
    counts = (sum(1 for label in labels if label and label[0]), labels.count(None))
    svg = _root(title or TITLE, id_prefix, standalone, _description(actors, rows, counts))
    _frame(svg)
    _legend(svg, {a.sector for a in actors}, counts)
    spreads = ET.SubElement(svg, "g", {"aria-hidden": "true", "class": "spreads"})
    _quadrant_names(svg)
    group = ET.SubElement(svg, "g", {"role": "list", "aria-label": gettext("Actores")})
    names = ET.SubElement(svg, "g", {"aria-hidden": "true", "class": "labels"})
    for n, actor in enumerate(rated):
        element_id = f"{id_prefix}-actor-{n}"
        _spread(spreads, actor, centres[n])
        _actor(group, element_id, actor, rows[actor.key].summary, points[n], centres[n])
        if labels[n]:
            _label(names, element_id, shown[n], labels[n][1])
    return Markup(ET.tostring(svg, encoding="unicode"))


def _label_notes(counts):
    """What the reader of a crowded grid should know: numbers stand for names, some have neither."""
    numbered, unlabelled = counts
    notes = []
    if numbered:
        notes.append(ngettext("%(num)d actor lleva su número de la tabla en lugar del nombre.",
                              "%(num)d actores llevan su número de la tabla en lugar del nombre.", numbered))
    if unlabelled:
        notes.append(ngettext("%(num)d actor sin nombre visible por falta de espacio: está en la tabla.",
                              "%(num)d actores sin nombre visible por falta de espacio: están en la tabla.",
                              unlabelled))
    return notes


def _root(title, id_prefix, standalone, description):
    attributes = {"xmlns": "http://www.w3.org/2000/svg", "viewBox": f"0 0 {WIDTH} {HEIGHT}",
                  "role": "group", "font-family": FONTS, "class": "power-interest-grid",
                  "aria-labelledby": f"{id_prefix}-title", "aria-describedby": f"{id_prefix}-desc"}
    if standalone:
        attributes.update(width="297mm", height="210mm")
    svg = ET.Element("svg", attributes)
    _text_element(svg, "title", _clean(str(title)), id=f"{id_prefix}-title")
    _text_element(svg, "desc", description, id=f"{id_prefix}-desc")
    ET.SubElement(svg, "rect", x="0", y="0", width=str(WIDTH), height=str(HEIGHT), fill=PAPER)
    _text_element(svg, "text", _clean(str(title)), x=str(PLOT.left), y="44", fill=INK,
                  **{"font-size": "28", "font-weight": "bold", "aria-hidden": "true"})
    return svg


def _description(actors, rows, label_counts):
    counts = {key: 0 for key in QUADRANTS}
    for row in rows.values():
        if row.quadrant:
            counts[row.quadrant] += 1
    parts = [gettext("Influencia en el eje vertical e interés en el horizontal, de 1 a 5; las líneas "
                     "centrales están en 3.")]
    parts += [f"{QUADRANTS[key]}: {count}." for key, count in counts.items()]
    unrated = sum(1 for actor in actors if not actor.rated)
    if unrated:
        parts.append(ngettext("%(num)d actor sin valoración no aparece en la cuadrícula.",
                              "%(num)d actores sin valoración no aparecen en la cuadrícula.", unrated))
    return " ".join(parts + _label_notes(label_counts))


def _x(interest):
    return PLOT.left + (interest - DOMAIN[0]) / (DOMAIN[1] - DOMAIN[0]) * (PLOT.right - PLOT.left)


def _y(influence):
    return PLOT.bottom - (influence - DOMAIN[0]) / (DOMAIN[1] - DOMAIN[0]) * (PLOT.bottom - PLOT.top)


def _frame(svg):
    frame = ET.SubElement(svg, "g", {"aria-hidden": "true"})
    middle_x, middle_y = _x(MIDDLE), _y(MIDDLE)
    for left, top, right, bottom, fill in (
        (PLOT.left, PLOT.top, middle_x, middle_y, PAPER), (middle_x, PLOT.top, PLOT.right, middle_y, SHADE),
        (PLOT.left, middle_y, middle_x, PLOT.bottom, SHADE), (middle_x, middle_y, PLOT.right, PLOT.bottom, PAPER),
    ):
        ET.SubElement(frame, "rect", x=_n(left), y=_n(top), width=_n(right - left), height=_n(bottom - top),
                      fill=fill, stroke=MUTED)
    for value in range(LOW, HIGH + 1):
        _text_element(frame, "text", str(value), x=_n(_x(value)), y=_n(PLOT.bottom + 26), fill=INK,
                      **{"font-size": str(FONT), "text-anchor": "middle"})
        _text_element(frame, "text", str(value), x=_n(PLOT.left - 14), y=_n(_y(value) + 6), fill=INK,
                      **{"font-size": str(FONT), "text-anchor": "end"})
    _text_element(frame, "text", gettext("Interés") + " →", x=_n((PLOT.left + PLOT.right) / 2),
                  y=_n(PLOT.bottom + 60), fill=INK, **{"font-size": "22", "text-anchor": "middle"})
    centre_y = (PLOT.top + PLOT.bottom) / 2
    _text_element(frame, "text", gettext("Influencia") + " →", x="60", y=_n(centre_y), fill=INK,
                  transform=f"rotate(-90 60 {_n(centre_y)})", **{"font-size": "22", "text-anchor": "middle"})


def _quadrant_names(svg):
    """Each quadrant's name on a paper patch, above the spread bars."""
    layer = ET.SubElement(svg, "g", {"aria-hidden": "true", "class": "quadrants"})
    for key, box in zip(QUADRANTS, _quadrant_boxes(), strict=True):
        name = str(QUADRANTS[key])
        ET.SubElement(layer, "rect", x=_n(box.left - 4), y=_n(box.top), width=_n(len(name) * 13.5 + 8),
                      height=_n(box.bottom - box.top), fill=PAPER, **{"fill-opacity": "0.9"})
        _text_element(layer, "text", name, x=_n(box.left), y=_n(box.bottom - 8), fill=INK,
                      **{"font-size": "22", "font-weight": "bold", "data-quadrant": key})


def _quadrant_boxes():
    """Where each quadrant's name is written, in QUADRANTS order: along the outer edges."""
    middle_x = _x(MIDDLE)
    band = 34
    return [Box(middle_x + 10, PLOT.top + 4, PLOT.right - 4, PLOT.top + band),
            Box(PLOT.left + 10, PLOT.top + 4, middle_x - 4, PLOT.top + band),
            Box(middle_x + 10, PLOT.bottom - band, PLOT.right - 4, PLOT.bottom - 4),
            Box(PLOT.left + 10, PLOT.bottom - band, middle_x - 4, PLOT.bottom - 4)]


def _legend(svg, sectors, counts):
    legend = ET.SubElement(svg, "g", {"aria-hidden": "true"})
    left, top = PLOT.right + 36, PLOT.top + 10
    _text_element(legend, "text", gettext("Sector"), x=_n(left), y=_n(top), fill=INK,
                  **{"font-size": "22", "font-weight": "bold"})
    shown = [s for s in SECTOR_STYLE if s is not None] + ([None] if None in sectors else [])
    for row, sector in enumerate(shown):
        y = top + 40 + row * 36
        _marker(legend, sector, left + RADIUS, y)
        _text_element(legend, "text", _sector_label(sector), x=_n(left + 2 * RADIUS + 12), y=_n(y + 6),
                      fill=INK, **{"font-size": str(FONT)})
    note_y = top + 40 + len(shown) * 36 + 20
    notes = [gettext("Las barras muestran la dispersión de las valoraciones.")]
    notes += _label_notes(counts)
    for note in notes:
        for line in textwrap.wrap(note, 24):
            _text_element(legend, "text", line, x=_n(left), y=_n(note_y), fill=INK,
                          **{"font-size": "16", "class": "note"})
            note_y += 22
        note_y += 14


def _actor(group, element_id, actor, summary, point, centre):
    """The actor's own element: its summary as title and label, its marker, and a thread back to its
    true place when it was moved aside to stay visible."""
    element = ET.SubElement(group, "g", {
        "id": element_id, "role": "listitem", "aria-label": _clean(summary), "class": "actor",
        "data-key": _clean(str(actor.key)), "data-influence": _n(actor.influence),
        "data-interest": _n(actor.interest), "data-sector": actor.sector or "",
        "data-quadrant": quadrant(actor.influence, actor.interest)})
    _text_element(element, "title", _clean(summary))
    x, y = centre
    if abs(x - point[0]) > 1 or abs(y - point[1]) > 1:
        ET.SubElement(element, "circle", cx=_n(point[0]), cy=_n(point[1]), r="3", fill=MUTED)
        ET.SubElement(element, "line", x1=_n(point[0]), y1=_n(point[1]), x2=_n(x), y2=_n(y),
                      stroke=MUTED, **{"stroke-width": "1.5"})
    _marker(element, actor.sector, x, y)


def _label(layer, element_id, label, corner):
    """The short name beside the marker, on a paper-coloured patch above every line."""
    width, height = _text_size(label)
    ET.SubElement(layer, "rect", x=_n(corner[0]), y=_n(corner[1]), width=_n(width), height=_n(height),
                  rx="3", fill=PAPER, **{"fill-opacity": "0.9"})
    _text_element(layer, "text", label, x=_n(corner[0] + 2), y=_n(corner[1] + FONT * 0.95), fill=INK,
                  **{"font-size": str(FONT), "data-for": element_id})


def _spread(layer, actor, centre):
    """Bars as long as the spread of the ratings, across the marker, kept inside the plot."""
    colour, _ = SECTOR_STYLE[actor.sector]
    x, y = centre
    half_x = actor.interest_spread / 2 * (PLOT.right - PLOT.left) / (DOMAIN[1] - DOMAIN[0])
    half_y = actor.influence_spread / 2 * (PLOT.bottom - PLOT.top) / (DOMAIN[1] - DOMAIN[0])
    paint = {"stroke": colour, "stroke-width": "2", "stroke-linecap": "round"}
    if half_x > RADIUS:
        ET.SubElement(layer, "line", x1=_n(max(x - half_x, PLOT.left)), y1=_n(y),
                      x2=_n(min(x + half_x, PLOT.right)), y2=_n(y), **paint, **{"class": "spread-interest"})
    if half_y > RADIUS:
        ET.SubElement(layer, "line", x1=_n(x), y1=_n(max(y - half_y, PLOT.top)), x2=_n(x),
                      y2=_n(min(y + half_y, PLOT.bottom)), **paint, **{"class": "spread-influence"})


def _marker(parent, sector, x, y):
    colour, shape = SECTOR_STYLE[sector]
    paint = {"fill": colour, "stroke": PAPER, "stroke-width": "1.5", "class": f"marker {shape}"}
    r = RADIUS
    if shape == "circle":
        ET.SubElement(parent, "circle", cx=_n(x), cy=_n(y), r=_n(r), **paint)
    elif shape == "ring":
        ET.SubElement(parent, "circle", cx=_n(x), cy=_n(y), r=_n(r - 2), fill=PAPER, stroke=colour,
                      **{"stroke-width": "4", "class": "marker ring"})
    else:
        corners = {"square": [(-0.9, -0.9), (0.9, -0.9), (0.9, 0.9), (-0.9, 0.9)],
                   "diamond": [(0, -1.1), (1.1, 0), (0, 1.1), (-1.1, 0)],
                   "triangle": [(0, -1.05), (1.1, 1.05), (-1.1, 1.05)]}[shape]
        points = " ".join(f"{_n(x + dx * r)},{_n(y + dy * r)}" for dx, dy in corners)
        ET.SubElement(parent, "polygon", points=points, **paint)


def _short(actor):
    """The marker's label: the acronym, else the name cut to fit."""
    text = _clean((actor.acronym or actor.name).strip())
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1].rstrip() + "…"


def _text_size(text):
    """Room a label needs, measured generously on DejaVu Sans (wider than Noto Sans and Arial)."""
    return sum(_em(char) for char in text) * FONT + 6, FONT * 1.25


def _em(char):
    if char in NARROW:
        return 0.42
    if char in WIDE:
        return 1.0
    return 0.8 if char.isupper() else 0.66


def _text_element(parent, tag, text, **attributes):
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def _clean(text):
    """User text as XML allows it: control characters dropped (escaping is ElementTree's)."""
    return INVALID_XML.sub("", text)


def _n(value):
    return f"{value:.1f}".rstrip("0").rstrip(".")
