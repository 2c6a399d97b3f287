"""Every model, imported in one place for migrations and for tools that need the whole schema."""
from .accounts.models import User  # noqa: F401
from .attendance.models import Attendance  # noqa: F401
from .board.models import Cluster, Idea, Vote, VoteRound  # noqa: F401
from .diagnosis.models import (  # noqa: F401
    AssessmentEvidence,
    CapabilityAssessment,
    Diagnosis,
    GoodPractice,
    ImprovementAction,
    Lesson,
)
from .exports.models import ExportDownload  # noqa: F401
from .live.models import Hand, LiveState, Timer  # noqa: F401
from .maps.models import Actor, Alliance, Assessment, Capability, Entry, Link, Rating  # noqa: F401
from .realtime.models import AuditEntry  # noqa: F401
from .workshops.models import Activity, AgendaItem, Participation, Prompt, Workshop  # noqa: F401
