"""`python3 dev.py test` (README's test command, and CI's) runs the suite on every core, and
still takes the user's own pytest arguments: their choice of processes wins."""
from __future__ import annotations

import pytest

import dev


def test_the_whole_suite_runs_on_every_core_by_default() -> None:
    assert dev.pytest_args([]) == ["-n", "auto", "--dist", "worksteal"]


def test_the_users_arguments_follow_and_are_kept_whole() -> None:
    given = ["tests/test_store.py", "-x", "-k", "not slow", "--no-header"]
    assert dev.pytest_args(given) == ["-n", "auto", "--dist", "worksteal", *given]


@pytest.mark.parametrize("given", [
    ["-n", "0"], ["-n2"], ["--numprocesses=3"], ["-p", "no:xdist"], ["-pno:xdist"], ["--pdb"], ["--trace"],
])
def test_a_choice_of_processes_or_a_debugger_is_the_users(given: list[str]) -> None:
    assert dev.pytest_args(given) == given
