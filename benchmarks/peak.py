"""Run a command and print, as one JSON line, its exit code, peak resident memory and CPU time.

    python benchmarks/peak.py COMMAND [ARGUMENT...]

The command's standard output goes to the null device; its standard error is this process's.
The figures come from ``os.wait4`` here, in a process of a few megabytes, because on Linux a
child's ``ru_maxrss`` starts from the resident size of the process that forked it (the
pages it shared before ``exec`` count): measured from the benchmark itself, hundreds of
megabytes into its run, every command would seem to need as much as the benchmark.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    figures = {
        "exit": process.returncode,
        "maxrss_kb": usage.ru_maxrss,
        "cpu_s": usage.ru_utime + usage.ru_stime,
    }
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
