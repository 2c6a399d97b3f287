"""Where markers and labels go on a chart so that none hides another: pure geometry, no SVG."""
import functools
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

    def collides(self, box):
        """Whether `box` covers any part of a box already drawn."""
        return any(box.overlap(other) for cell in self._cells(box) for other in self.buckets.get(cell, ()))


@functools.lru_cache(maxsize=4)
def hex_offsets(step, rings):
    """(dx, dy) around a point, nearest first: the point, then rings of 6, 12, 18... positions."""
    offsets = [(0.0, 0.0)]
    for ring in range(1, rings + 1):
        for side in range(6):
            corner = math.radians(60 * side - 90)
            following = math.radians(60 * (side + 1) - 90)
            for k in range(ring):
                t = k / ring
                x = (1 - t) * math.cos(corner) + t * math.cos(following)
                y = (1 - t) * math.sin(corner) + t * math.sin(following)
                offsets.append((ring * step * x, ring * step * y))
    return tuple(offsets)


def place_markers(points, radius, bounds, occupied=(), rings=10):
    """One centre per point so that no two markers (circles of `radius`) overlap nor cover the
    `occupied` boxes, each as near its true point as the others allow; points keep their order
    (earlier ones sit nearer). A marker with no room within `rings` rings stays on its point."""
    taken = Occupancy(cell=2 * radius + 4)
    for box in occupied:
        taken.add(box)
    offsets = hex_offsets(2 * radius + 3, rings)
    tried = {}  # a point's offsets before this one are taken for good: the next marker starts here
    centres = []
    for x, y in points:
        centre = (x, y)
        for number in range(tried.get((x, y), 0), len(offsets)):
            candidate = (x + offsets[number][0], y + offsets[number][1])
            if _free(candidate, radius, taken, bounds):
                centre = candidate
                tried[(x, y)] = number + 1
                break
        taken.add(_square(centre, radius + 1))
        centres.append(centre)
    return centres


def _free(centre, radius, taken, bounds):
    square = _square(centre, radius + 1)
    return square.inside(bounds) and not taken.collides(square)


def _square(centre, half):
    x, y = centre
    return Box(x - half, y - half, x + half, y + half)


def place_labels(centres, choices, radius, bounds, occupied=()):
    """For each marker, the first of its label sizes (width, height), in order of preference, that
    fits beside it in one of 24 positions inside `bounds` covering nothing already drawn:
    (choice, (left, top)), or None where none fits (a label over another makes both unreadable)."""
    taken = Occupancy()
    for box in occupied:
        taken.add(box)
    for centre in centres:
        taken.add(_square(centre, radius))
    placed = []
    for centre, sizes in zip(centres, choices, strict=True):
        found = next(((choice, box) for choice, size in enumerate(sizes)
                      for box in _label_options(centre, size, radius + 4)
                      if box.inside(bounds) and not taken.collides(box)), None)
        if found:
            taken.add(found[1])
            found = (found[0], (found[1].left, found[1].top))
        placed.append(found)
    return placed


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
