"""Every live event module, imported once so their handlers register."""
from . import agenda  # noqa: F401
from . import hands  # noqa: F401
from . import timer_events  # noqa: F401
from ..board import events  # noqa: F401
