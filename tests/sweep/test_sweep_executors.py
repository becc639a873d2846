"""The executors behind one interface: results, order, a worker killed mid-run, errors."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.sweep._slow_tasks import fails_on_three, slow_square

from accord.errors import InputError
from accord.sweep import ExecutorBase, LocalExecutor, ProcessExecutor

TASKS = list(range(8))
SQUARES = [x * x for x in TASKS]


@pytest.fixture(scope="module")
def processes() -> Iterator[ProcessExecutor]:
    with ProcessExecutor(2) as ex:
        yield ex


@pytest.mark.parametrize("threads", [1, 3])
def test_in_process_results_in_task_order_and_as_completed(threads: int) -> None:
    ex = LocalExecutor(threads)
    seen: list[tuple[int, int]] = []
    assert ex.map(slow_square, TASKS, lambda d, t: seen.append((d, t))) == SQUARES
    assert seen == [(d, len(TASKS)) for d in range(1, len(TASKS) + 1)]
    pairs = list(ex.completed(slow_square, TASKS))
    assert sorted(pairs) == list(enumerate(SQUARES))


def test_local_processes_give_the_same_results(processes: ProcessExecutor) -> None:
    assert processes.map(slow_square, TASKS) == SQUARES
    assert processes.name == "2 local processes" and processes.workers == 2


def test_a_killed_worker_process_is_replaced_and_its_tasks_run_again(
    processes: ProcessExecutor,
) -> None:
    killed: list[int] = []
    before = processes.restarts

    def kill_one(done: int, total: int) -> None:
        if done == 1:  # the driver waits here: the other tasks are still to come
            pid = processes.pids()[0]
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    assert processes.map(slow_square, TASKS, kill_one) == SQUARES
    assert killed and killed[0] not in processes.pids()
    assert processes.restarts == before + 1


def test_an_error_in_a_task_reaches_the_caller(processes: ProcessExecutor) -> None:
    with pytest.raises(ValueError, match="three"):
        processes.map(fails_on_three, TASKS)
    with pytest.raises(ValueError, match="three"):
        LocalExecutor(2).map(fails_on_three, TASKS)


def test_executors_share_one_interface() -> None:
    for cls in (LocalExecutor, ProcessExecutor):
        assert issubclass(cls, ExecutorBase)
    with pytest.raises(ValueError):
        ProcessExecutor(0)


def test_a_missing_dask_extra_is_one_clear_error(monkeypatch: Any) -> None:
    import sys

    from accord.sweep.dask_executor import DaskExecutor

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    with pytest.raises(InputError, match=r"pip install 'accord\[dask\]'"):
        DaskExecutor(local_workers=1)


def test_dask_is_imported_by_its_executor_module_only() -> None:
    import ast
    from pathlib import Path

    import accord

    root = Path(accord.__file__).parent
    found = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in ("dask", "distributed") for n in names):
                found.append(path.relative_to(root).as_posix())
    assert set(found) == {"sweep/dask_executor.py"}


def test_worker_processes_end_when_their_driver_is_killed(tmp_path: Path) -> None:
    """A driver killed with SIGKILL cannot stop its pool: the workers see it gone and exit."""
    import subprocess
    import sys
    import time

    pids_file = tmp_path / "pids"
    code = (
        "import sys, time\n"
        "from accord.sweep import ProcessExecutor\n"
        "from tests.sweep._slow_tasks import slow_square\n"
        "if __name__ == '__main__':\n"
        "    ex = ProcessExecutor(2)\n"
        "    ex.map(slow_square, [1, 2])\n"
        f"    open({str(pids_file)!r}, 'w').write(' '.join(map(str, ex.pids())))\n"
        "    time.sleep(120)\n"
    )
    script = tmp_path / "driver.py"
    script.write_text(code)
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, root + "/src"])}
    driver = subprocess.Popen([sys.executable, str(script)], env=env)
    deadline = time.monotonic() + 60
    while not pids_file.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    pids = [int(p) for p in pids_file.read_text().split()]
    assert len(pids) == 2
    driver.send_signal(signal.SIGKILL)
    driver.wait()
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in pids)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (exited, not yet reaped by init) counts as gone
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
