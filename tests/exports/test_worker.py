"""The export worker: a separate process writes the files, byte for byte what the serving process
would write itself; a failing job says why, and a worker that died is replaced by the next job."""
import pytest

from lab.exports.worker import Worker, WorkerFailed

from .results_room import build_results


def test_files_from_the_worker_equal_files_written_in_process(app, make, make_app, make_browser):
    results = build_results(app, make)
    path = f"/talleres/{results.workshop.id}/exportar/ideas.csv"
    browser = make_browser()
    browser.login(results.lab)
    through_worker = browser.get(path).get_data()
    inline = make_app(EXPORT_WORKER=False).test_client()
    with inline.session_transaction() as session:
        session["_user_id"] = results.lab.get_id()
    assert inline.get(path).get_data() == through_worker


def test_a_failing_job_says_why_and_a_dead_worker_is_replaced():
    worker = Worker()
    try:
        with pytest.raises(WorkerFailed, match="KeyError"):
            worker.call("no-such-job", "es_CO")
        first = worker._proc.pid
        worker._proc.kill()
        worker._proc.wait()
        assert worker.call("file", "es_CO", "csv", [("t", "T", (("a", "A", "text"),), [("x",)], [])],
                           "America/Bogota", "", "", "es_CO") == "\ufeffA\r\nx\r\n".encode()
        assert worker._proc.pid != first
    finally:
        worker.stop()
