"""Where markers and labels go on a chart so that none hides another: pure geometry, no SVG."""
import math
from typing import NamedTuple


class Box(NamedTuple):
    left: float
    top: float
    right: float
    bottom: float

    def overlap(self, other):
        width = min(self.right, other.right) - max(self.left, other.left)
        height = min(self.bottom, other.bottom) - max(self.top, other.top)
        return width * height if width > 0 and height > 0 else 0.0

    def inside(self, other):
        return (self.left >= other.left and self.top >= other.top
                and self.right <= other.right and self.bottom <= other.bottom)


class Occupancy:
    """Boxes already drawn, bucketed on a square grid so a collision test looks at few of them."""

    def __init__(self, cell=48.0):
        self.cell = cell
        self.buckets = {}

    def _cells(self, box):
        for column in range(int(box.left // self.cell), int(box.right // self.cell) + 1):
            for row in range(int(box.top // self.cell), int(box.bottom // self.cell) + 1):
                yield column, row

    def add(self, box):
        for cell in self._cells(box):
            self.buckets.setdefault(cell, []).append(box)

    def overlap(self, box):
        """Total area of `box` covered by boxes already drawn (a box in two cells counts once)."""
        seen = set()
        total = 0.0
        for cell in self._cells(box):
            for other in self.buckets.get(cell, ()):
                if id(other) not in seen:
                    seen.add(id(other))
                    total += box.overlap(other)
        return total


def hex_offsets(step, rings):
    """(dx, dy) around a point, nearest first: the point, then rings of 6, 12, 18... positions."""
    yield 0.0, 0.0
    for ring in range(1, rings + 1):
        for side in range(6):
            corner = math.radians(60 * side - 90)
            following = math.radians(60 * (side + 1) - 90)
            for k in range(ring):
                t = k / ring
                x = (1 - t) * math.cos(corner) + t * math.cos(following)
                y = (1 - t) * math.sin(corner) + t * math.sin(following)
                yield ring * step * x, ring * step * y


def place_markers(points, radius, bounds, rings=10):
    """One centre per point so that no two markers (circles of `radius`) overlap, each as near its
    true point as the others allow; points keep their order (earlier ones sit nearer)."""
    taken = Occupancy(cell=2 * radius + 4)
    step = 2 * radius + 3
    centres = []
    for x, y in points:
        centre = next((c for c in _around(x, y, step, rings) if _free(c, radius, taken, bounds)), (x, y))
        taken.add(_square(centre, radius + 1))
        centres.append(centre)
    return centres


def _around(x, y, step, rings):
    return ((x + dx, y + dy) for dx, dy in hex_offsets(step, rings))


def _free(centre, radius, taken, bounds):
    square = _square(centre, radius + 1)
    return square.inside(bounds) and not taken.overlap(square)


def _square(centre, half):
    x, y = centre
    return Box(x - half, y - half, x + half, y + half)


def place_labels(centres, sizes, radius, bounds, occupied=()):
    """A top-left corner for each label (width, height) beside its marker: the nearest of 24
    positions that covers nothing already drawn, else the one that covers least."""
    taken = Occupancy()
    for box in occupied:
        taken.add(box)
    for centre in centres:
        taken.add(_square(centre, radius))
    corners = []
    for centre, size in zip(centres, sizes):
        options = [box for box in _label_options(centre, size, radius + 4) if box.inside(bounds)]
        best = _least_covering(options or list(_label_options(centre, size, radius + 4)), taken)
        taken.add(best)
        corners.append((best.left, best.top))
    return corners


def _least_covering(options, taken):
    best, least = None, None
    for box in options:
        covered = taken.overlap(box)
        if not covered:
            return box
        if least is None or covered < least:
            best, least = box, covered
    return best


def _label_options(centre, size, gap):
    """Right, left, above, below, then the four diagonals; then the same a little farther out."""
    x, y = centre
    width, height = size
    for away in (gap, gap + 14, gap + 28):
        for left, top in (
            (x + away, y - height / 2), (x - away - width, y - height / 2),
            (x - width / 2, y - away - height), (x - width / 2, y + away),
            (x + away, y - away - height), (x - away - width, y - away - height),
            (x + away, y + away), (x - away - width, y + away),
        ):
            yield Box(left, top, left + width, top + height)
