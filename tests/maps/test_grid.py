"""The power-interest grid: an SVG a screen reader can walk, that prints, places every actor where its
medians say, keeps crowded actors apart, escapes names, and has the same facts as its table."""
import math
from xml.etree import ElementTree as ET

import pytest
from flask import session

from lab.maps import grid
from lab.maps.grid import GridActor, grid_rows, quadrant, render_grid, table_headers
from lab.vocab import QUADRANTS, SECTORS

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert('x')</script> & \"Fundación\" ]]> <!-- \x00\x1b\ufffe fin"


@pytest.fixture
def spanish(app):
    with app.test_request_context():
        yield


def actor(key, influence, interest, sector="academia", name=None, **more):
    return GridActor(key, name or f"Actor {key}", sector, influence, interest, **more)


def parse(svg):
    return ET.fromstring(str(svg))


def actor_elements(root):
    return root.findall(".//svg:g[@class='actor']", NS)


def marker_centre(element):
    marker = next(e for e in element if "marker" in (e.get("class") or ""))
    if marker.tag == SVG + "circle":
        return float(marker.get("cx")), float(marker.get("cy"))
    points = [tuple(map(float, p.split(","))) for p in marker.get("points").split()]
    xs, ys = zip(*points, strict=True)
    return (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2


def axis_scale(root):
    """Value -> x and value -> y read from the tick labels drawn on the axes (1 and 5)."""
    ticks = [t for t in root.iter(SVG + "text") if t.text in ("1", "5")]
    x_ticks = {t.text: float(t.get("x")) for t in ticks if t.get("text-anchor") == "middle"}
    y_ticks = {t.text: float(t.get("y")) - 6 for t in ticks if t.get("text-anchor") == "end"}
    def to_x(value):
        return x_ticks["1"] + (value - 1) / 4 * (x_ticks["5"] - x_ticks["1"])
    def to_y(value):
        return y_ticks["1"] + (value - 1) / 4 * (y_ticks["5"] - y_ticks["1"])
    return to_x, to_y


def label_boxes(root):
    return [(float(r.get("x")), float(r.get("y")), float(r.get("x")) + float(r.get("width")),
             float(r.get("y")) + float(r.get("height")))
            for r in root.findall(".//svg:g[@class='labels']/svg:rect", NS)]


def overlap(a, b):
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


@pytest.mark.parametrize("influence, interest, expected", [
    (5, 5, "manage_closely"), (3, 3, "manage_closely"), (5, 1, "keep_satisfied"),
    (3, 2.5, "keep_satisfied"), (2.5, 5, "keep_informed"), (1, 1, "monitor"), (2.5, 2.5, "monitor"),
])
def test_quadrants_with_the_middle_counting_as_high(influence, interest, expected):
    assert quadrant(influence, interest) == expected


def test_the_svg_is_titled_described_and_sized_for_a4_and_a_projector(spanish):
    root = parse(render_grid([actor(1, 4, 4)], standalone=True))
    assert root.tag == SVG + "svg"
    assert root.find("svg:title", NS).text == "Mapa de poder e interés"
    assert root.get("aria-labelledby") == root.find("svg:title", NS).get("id")
    assert root.get("aria-describedby") == root.find("svg:desc", NS).get("id")
    assert "Gestionar de cerca: 1." in root.find("svg:desc", NS).text
    _, _, width, height = map(float, root.get("viewBox").split())
    assert width / height == pytest.approx(math.sqrt(2), rel=0.01)  # A4's proportions
    assert (root.get("width"), root.get("height")) == ("297mm", "210mm")
    assert parse(render_grid([actor(1, 4, 4)])).get("width") is None  # inline: the page sizes it
    texts = [t.text for t in root.iter(SVG + "text")]
    for label in [*QUADRANTS.values(), "Interés →", "Influencia →", *SECTORS.values()]:
        assert str(label) in texts
    font_sizes = [float(t.get("font-size")) for t in root.iter(SVG + "text")]
    assert min(font_sizes) >= 16  # about 11 pt on A4, about 19 px on a 1080p projector


def test_each_actor_is_placed_at_its_medians_in_its_quadrant(spanish):
    actors = [actor("a", 5, 5), actor("b", 1, 1, "government"), actor("c", 4.5, 1.5, "industry"),
              actor("d", 2, 3.5, "civil_society"), actor("e", 3, 3, None)]
    root = parse(render_grid(actors))
    to_x, to_y = axis_scale(root)
    elements = {e.get("data-key"): e for e in actor_elements(root)}
    assert set(elements) == {"a", "b", "c", "d", "e"}
    for item in actors:
        element = elements[item.key]
        x, y = marker_centre(element)
        assert (x, y) == (pytest.approx(to_x(item.interest), abs=0.2), pytest.approx(to_y(item.influence), abs=0.2))
        assert element.get("data-quadrant") == quadrant(item.influence, item.interest)
        assert element.get("role") == "listitem"
        assert element.find("svg:title", NS).text == element.get("aria-label")
    assert marker_centre(elements["a"])[1] < marker_centre(elements["b"])[1]  # more influence is higher


def test_the_summary_gives_the_values_in_text(spanish):
    root = parse(render_grid([actor(1, 4.5, 3, name="Universidad Industrial de Santander",
                                    influence_spread=1, interest_spread=2.5, assessments=7)]))
    label = actor_elements(root)[0].get("aria-label")
    assert label == ("Universidad Industrial de Santander: influencia 4,5, interés 3 (dispersión 1 y 2,5), "
                     "7 valoraciones; Academia; Gestionar de cerca")


def test_sectors_differ_by_shape_as_well_as_colour(spanish):
    root = parse(render_grid([actor(s or "none", 4, 4, s) for s in [*SECTORS, None]]))
    shapes = {e.get("data-sector"): next(m.get("class") for m in e if "marker" in (m.get("class") or ""))
              for e in actor_elements(root)}
    assert len(set(shapes.values())) == len(SECTORS) + 1
    assert "Sin sector" in [t.text for t in root.iter(SVG + "text")]


def relative_luminance(colour):
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_colours_meet_wcag_aa_on_both_quadrant_backgrounds():
    for background in (grid.PAPER, grid.SHADE):
        assert contrast(grid.INK, background) >= 4.5
        assert contrast(grid.MUTED, background) >= 4.5
        for colour, _ in grid.SECTOR_STYLE.values():
            assert contrast(colour, background) >= 4.5, colour


def test_actors_on_the_same_spot_are_spread_out_with_a_thread_back(spanish):
    crowd = [actor(n, 4, 4, name=f"Organización {n}") for n in range(8)]
    root = parse(render_grid(crowd + [actor("x", 4.5, 4)]))
    to_x, to_y = axis_scale(root)
    elements = actor_elements(root)
    centres = [marker_centre(e) for e in elements]
    for i, a in enumerate(centres):
        for b in centres[i + 1:]:
            assert math.dist(a, b) >= 2 * grid.RADIUS
    moved = [e for e in elements if e.get("data-key") != "x" and e.find("svg:line", NS) is not None]
    assert len(moved) >= 7
    for element in moved:  # the thread starts at the true place
        line = element.find("svg:line", NS)
        assert (float(line.get("x1")), float(line.get("y1"))) == (
            pytest.approx(to_x(4), abs=0.2), pytest.approx(to_y(4), abs=0.2))


def test_labels_do_not_cover_each_other_or_markers(spanish):
    actors = [actor(n, 4, 4, acronym=f"ORG{n}") for n in range(5)]
    actors += [actor(f"s{n}", 1 + n / 2, 5 - n / 2, name=f"Secretaría número {n}") for n in range(7)]
    root = parse(render_grid(actors))
    labels = label_boxes(root)
    assert len(labels) == len(actors)
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not overlap(a, b), (a, b)
    for element in actor_elements(root):
        x, y = marker_centre(element)
        marker = (x - grid.RADIUS, y - grid.RADIUS, x + grid.RADIUS, y + grid.RADIUS)
        assert not any(overlap(marker, label) for label in labels)


def test_a_hostile_name_is_escaped_and_stays_text(spanish):
    svg = str(render_grid([actor("evil", 4, 4, name=HOSTILE), actor("ok", 2, 2)]))
    assert "<script" not in svg and "<!--" not in svg
    root = parse(svg)  # well-formed despite control characters and markup in the name
    assert not list(root.iter(SVG + "script"))
    element = next(e for e in actor_elements(root) if e.get("data-key") == "evil")
    cleaned = HOSTILE.replace("\x00", "").replace("\x1b", "").replace("\ufffe", "")
    assert element.find("svg:title", NS).text.startswith(cleaned + ": influencia 4")
    assert element.get("aria-label").startswith(cleaned)
    label = root.find(".//svg:g[@class='labels']/svg:text", NS).text
    assert label.startswith("<script>") and label.endswith("…")  # shortened, shown as text


def test_a_hostile_key_and_title_are_escaped(spanish):
    root = parse(render_grid([actor('"><script>', 3, 3)], title="<b>Taller</b> & más"))
    assert root.find("svg:title", NS).text == "<b>Taller</b> & más"
    assert actor_elements(root)[0].get("data-key") == '"><script>'


def test_unrated_actors_are_left_out_of_the_drawing_but_not_of_the_table(spanish):
    actors = [actor("rated", 4, 2), actor("unrated", None, None)]
    root = parse(render_grid(actors))
    assert [e.get("data-key") for e in actor_elements(root)] == ["rated"]
    assert "1 actor sin valoración no aparece" in root.find("svg:desc", NS).text
    rows = grid_rows(actors)
    assert [(r.key, r.quadrant, r.quadrant_label) for r in rows] == [
        ("rated", "keep_satisfied", "Mantener satisfecho"), ("unrated", None, "Sin valoración")]


def test_table_rows_match_the_drawing(spanish):
    actors = [actor("m", 2, 2, "industry", assessments=1), actor("c", 5, 4, assessments=3),
              actor("s", 4, 1), actor("i", 1, 5, "government"), actor("c2", 4, 5)]
    rows = grid_rows(actors)
    assert [r.key for r in rows] == ["c", "c2", "s", "i", "m"]  # quadrant by quadrant, most influential first
    labels = {e.get("data-key"): e.get("aria-label") for e in actor_elements(parse(render_grid(actors)))}
    for row in rows:
        assert labels[row.key] == row.summary
    assert rows[-1].summary.endswith("1 valoración; Sector productivo; Monitorear")
    assert [r.number for r in rows] == [1, 2, 3, 4, 5]
    assert len(table_headers()) == 8


def test_a_crowd_shows_table_numbers_where_names_do_not_fit(spanish):
    actors = [actor(n, 4, 4, name=f"Corporación de Desarrollo Regional {n}", assessments=n) for n in range(30)]
    svg = render_grid(actors)
    root = parse(svg)
    numbers = {row.key: str(row.number) for row in grid_rows(actors)}
    shown = {}
    for text in root.findall(".//svg:g[@class='labels']/svg:text", NS):
        key = root.find(f".//svg:g[@id='{text.get('data-for')}']", NS).get("data-key")
        shown[key] = text.text
    as_numbers = [key for key, text in shown.items() if text == numbers[int(key)]]
    as_names = [key for key, text in shown.items() if text.startswith("Corporación")]
    assert as_names and as_numbers and len(as_names) + len(as_numbers) == len(shown)
    assert max(map(int, as_names)) > min(map(int, as_numbers))  # the most assessed get their names
    description = root.find("svg:desc", NS).text
    assert f"{len(as_numbers)} actores llevan su número de la tabla en lugar del nombre." in description
    notes = " ".join(t.text for t in root.iter(SVG + "text") if t.get("class") == "note")
    assert "llevan su número de la tabla" in notes


def test_english(app):
    with app.test_request_context():
        session["lang"] = "en"
        root = parse(render_grid([actor(1, 4.5, 3, assessments=2)]))
        headers = table_headers()
    texts = [t.text for t in root.iter(SVG + "text")]
    assert "Power-interest grid" == root.find("svg:title", NS).text
    assert {"Manage closely", "Keep satisfied", "Keep informed", "Monitor", "Interest →"} <= set(texts)
    assert actor_elements(root)[0].get("aria-label") == (
        "Actor 1: influence 4.5, interest 3 (spread 0 and 0), 2 ratings; Academia; Manage closely")
    assert headers[1] == "Actor" and "Quadrant" in headers


@pytest.mark.parametrize("bad", [[actor(1, 0, 3)], [actor(1, 3, 5.5)], [actor(1, 3, 3, "press")],
                                 [actor(1, 3, 3), actor(1, 4, 4)]])
def test_out_of_range_medians_unknown_sectors_and_repeated_keys_are_refused(bad, spanish):
    with pytest.raises(ValueError):
        render_grid(bad)


def test_five_hundred_actors_render(spanish):
    actors = [actor(n, 1 + (n % 9) / 2, 1 + (n // 9 % 9) / 2, [*SECTORS][n % 4]) for n in range(500)]
    root = parse(render_grid(actors))
    assert len(actor_elements(root)) == 500
