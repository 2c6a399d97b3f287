"""The export worker's entry point: `python -m lab.exports.worker_process` (started by worker.Worker).
Kept apart from worker.py, which the serving process imports, so that running it as a script does
not load the same module twice."""
from .worker import serve

if __name__ == "__main__":
    serve()
