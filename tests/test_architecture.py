"""The shape docs/architecture.md describes, kept: only the boundary commits, and imports sit at the top
of their module (which way they point is lint-imports' job, run by `make test`)."""
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


def test_no_import_inside_a_function():
    inside = [where(path, inner) for path in modules() for node in ast.walk(tree(path))
              if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
              for inner in ast.walk(node) if isinstance(inner, ast.Import | ast.ImportFrom)]
    assert inside == [], "imports belong at the top of the module"
