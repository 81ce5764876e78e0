"""``--jobs N`` evaluates in worker processes and prints what one process prints."""

from __future__ import annotations

import pytest
from cli_support import AS_OF, EXAMPLES, HR, run

FILES = sorted(
    str(path)
    for folder in ("holders", "people", "invalid")
    for path in (EXAMPLES / folder).iterdir()
    if path.is_file()
)


@pytest.mark.parametrize(
    "command", [["check", "--json"], ["check"], ["plan"], ["due", "--within", "90", "--json"]]
)
def test_two_jobs_print_what_one_prints(command):
    alone = run(*command, "--as-of", AS_OF, *FILES, *HR)
    shared = run(*command, "--as-of", AS_OF, "--jobs", "2", *FILES, *HR)
    assert shared == alone
    assert alone[0] != 0  # the invalid examples are reported, and the rest evaluated
    assert "error" in alone[2]


@pytest.mark.parametrize("jobs", ["0", "-1", "two"])
def test_jobs_must_be_a_number_of_processes(jobs):
    code, _, err = run("check", "--jobs", jobs, *FILES)
    assert code == 2
    assert "--jobs" in err
