"""The ``console`` sessions of the documentation: found in its sources, run in one shell each,
and compared with the output they show."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from attrs import frozen

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PROMPT = "$ "
_DIRECTIVE = re.compile(r"^(?P<indent> *)\.\. code-block:: console\s*$")


@frozen
class Step:
    command: str
    output: str


@frozen
class Session:
    """One ``.. code-block:: console`` block: where it is, and its commands with their output."""

    source: str
    line: int
    steps: tuple[Step, ...]

    def __str__(self) -> str:
        return f"{self.source}:{self.line}"


def sessions(docs: Path = DOCS) -> list[Session]:
    """Every console session in the ``.rst`` sources under ``docs``."""
    found = []
    for path in sorted(docs.rglob("*.rst")):
        if "_build" in path.parts:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if match := _DIRECTIVE.match(line):
                body = _body(lines, number + 1, len(match["indent"]))
                found.append(Session(str(path.relative_to(ROOT)), number + 1, _steps(body)))
    return found


def _body(lines: list[str], start: int, indent: int) -> list[str]:
    body: list[str] = []
    index = start
    # Options (":caption: ...") and the blank line that ends them.
    while index < len(lines) and lines[index].strip().startswith(":"):
        index += 1
    for line in lines[index:]:
        if line.strip() and len(line) - len(line.lstrip()) <= indent:
            break
        body.append(line)
    content = [line for line in body if line.strip()]
    margin = min((len(line) - len(line.lstrip()) for line in content), default=0)
    text = "\n".join(line[margin:] for line in body).strip("\n")
    return text.splitlines()


def _steps(body: list[str]) -> tuple[Step, ...]:
    steps: list[Step] = []
    command: str | None = None
    output: list[str] = []
    for line in body:
        if line.startswith(PROMPT):
            if command is not None:
                steps.append(Step(command, _text(output)))
            command, output = line[len(PROMPT) :], []
        else:
            output.append(line)
    if command is not None:
        steps.append(Step(command, _text(output)))
    return tuple(steps)


def _text(lines: list[str]) -> str:
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def run(session: Session) -> list[str]:
    """The output of each step, run in order in one shell from the repository's root, with the
    Python running the tests first on the ``PATH``."""
    marker = "@@@ recertlib step @@@"
    # "$?" in a step is the status of the step before it, as in a terminal, marker or not.
    script = "status=0\n" + "".join(
        f"printf '%s\\n' '{marker}'\n(exit $status)\n{{ {step.command}\n}} 2>&1\nstatus=$?\n"
        for step in session.steps
    )
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("RECERTLIB_")  # the documented defaults, whatever the caller set
    }
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    done = subprocess.run(
        ["bash", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    outputs = done.stdout.split(marker + "\n")[1:]
    return [_text(output.splitlines()) for output in outputs]
