"""The shape docs/architecture.md describes, kept: only the boundary commits, and imports sit at the top
of their module unless a comment says why (which way they point is lint-imports' job, run by
`make test`)."""
import ast
from pathlib import Path

LAB = Path(__file__).resolve().parents[1] / "lab"
# Modules that run a transaction to its end: pages, commands, background jobs, the live event runner.
BOUNDARY = ("routes.py", "_views.py", "cli.py", "jobs.py")
BOUNDARY_MODULES = {LAB / "web.py", LAB / "realtime" / "events.py"}


def modules():
    return [path for path in sorted(LAB.rglob("*.py")) if "migrations" not in path.parts]


def tree(path):
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


def where(path, node):
    return f"{path.relative_to(LAB.parent)}:{node.lineno}"


def test_only_the_boundary_commits():
    commits = [where(path, node) for path in modules()
               if not path.name.endswith(BOUNDARY) and path not in BOUNDARY_MODULES
               for node in ast.walk(tree(path))
               if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "commit"]
    assert commits == [], "services flush; pages, commands, jobs and the event runner commit"


def explained(lines, line):
    """An import inside a function says why: a comment on it, or on the first import of its block, or
    on the line above that block."""
    first = line
    while first > 1 and lines[first - 2].lstrip().startswith(("import ", "from ")):
        first -= 1
    return any("#" in lines[number - 1] for number in {line, first, first - 1} if number >= 1)


def test_imports_sit_at_the_top_unless_a_comment_says_why():
    unexplained = []
    for path in modules():
        lines = path.read_text(encoding="utf-8").splitlines()
        unexplained += [where(path, inner) for node in ast.walk(tree(path))
                        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                        for inner in ast.walk(node) if isinstance(inner, ast.Import | ast.ImportFrom)
                        if not explained(lines, inner.lineno)]
    assert unexplained == [], "imports belong at the top of the module; one inside a function says why"
