"""Every live event module, imported once so their handlers register."""
from ..board import events  # noqa: F401
from . import (
    agenda,  # noqa: F401
    countdowns,  # noqa: F401
    hands,  # noqa: F401
)
