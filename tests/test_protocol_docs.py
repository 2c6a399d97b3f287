"""docs/protocol.md and the server agree on the events a client may send: every event the slices
declare is documented, with who may send it, and every documented event exists."""
import re
from pathlib import Path

from lab.realtime import EVENTS

PROTOCOL = Path(__file__).resolve().parents[1] / "docs" / "protocol.md"
ROW = re.compile(r"^\| `([a-z_]+(?::[a-z_]+)?)` \|")


def documented_events():
    """{event: "moderator" | "anyone"} from the tables of §9, by the table's "who" column or its heading."""
    text = PROTOCOL.read_text(encoding="utf-8")
    section = text.split("## 9. Client-to-server events", 1)[1].split("\n## 10.", 1)[0]
    events, heading, columns = {}, "", []
    for line in section.splitlines():
        if line.startswith("###"):
            heading, columns = line.lower(), []
        elif line.startswith("| event"):
            columns = [cell.strip() for cell in line.strip("|").split("|")]
        elif match := ROW.match(line):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            who = cells[columns.index("who")] if "who" in columns else ("moderator" if "moderator" in heading
                                                                          else "anyone")
            events[match.group(1)] = who
    return events


def declared_events():
    return {name: "moderator" if spec["moderator"] else "anyone" for name, spec in EVENTS.items()}


def test_every_declared_event_is_documented_and_every_documented_event_is_declared():
    documented, declared = documented_events(), declared_events()
    assert len(declared) > 30  # the slices' events modules were imported
    assert sorted(set(declared) - set(documented)) == [], "declared but missing from docs/protocol.md §9"
    assert sorted(set(documented) - set(declared)) == [], "documented in docs/protocol.md §9 but not declared"


def test_the_docs_say_who_may_send_each_event():
    documented = documented_events()
    declared = declared_events()
    wrong = {name: (who, documented.get(name)) for name, who in declared.items() if documented.get(name) != who}
    assert wrong == {}, "(declared, documented)"
