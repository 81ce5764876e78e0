"""``recertlib new-plugin NAME``: a ready-to-publish plugin distribution, made from a template,
as cookiecutter-style templates make projects: ``recertlib-NAME/`` with its ``pyproject.toml``
(the entry point and the kit's settings), a README with the sources table, the package with
``py.typed``, a rules file with a sources table, and tests that use the test kit."""

from __future__ import annotations

import argparse
import re
import string
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path
from typing import TextIO

from recertlib.cli.exit_codes import BAD_INPUT, USABLE

TEMPLATE = files("recertlib.cli") / "plugin_template"
"""The template's files, shipped in the package."""

_NAME = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "name", help="the body's short name, as in recertlib-NAME (lowercase, digits, hyphens)"
    )
    parser.add_argument("--body", help="the body's code in credentials (default: NAME in capitals)")
    parser.add_argument(
        "--credential", default="CERT", help="the credential's code within the body (CERT)"
    )
    parser.add_argument(
        "--into", default=".", metavar="DIR", help="where to make recertlib-NAME/ (here)"
    )


def files_for(name: str, body: str, code: str) -> dict[str, str]:
    """The distribution's files, by path, for a body ``body`` and its credential ``code``."""
    package = "recertlib_" + name.replace("-", "_")
    rules_file = code.lower().replace("-", "_") + ".toml"
    values = {
        "name": name,
        "package": package,
        "body": body,
        "code": code,
        "rules_file": rules_file,
        "id_prefix": f"{name}.{code.lower()}",
        "exam_unit": f"{code.lower().replace('-', '_')}_exam",
        "recertlib_version": ".".join(version("recertlib").split(".")[:2]),
    }

    def made(template: str) -> str:
        text = (TEMPLATE / template).read_text(encoding="utf-8")
        return string.Template(text).substitute(values)

    return {
        "pyproject.toml": made("pyproject.toml.tmpl"),
        "README.md": made("README.md.tmpl"),
        f"src/{package}/__init__.py": made("__init__.py.tmpl"),
        f"src/{package}/py.typed": "",
        f"src/{package}/{rules_file}": made("rules.toml.tmpl"),
        f"tests/test_{package.removeprefix('recertlib_')}.py": made("test_plugin.py.tmpl"),
    }


def run(arguments: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    name: str = arguments.name
    if not _NAME.fullmatch(name):
        err.write(
            f"error: new-plugin: NAME {name!r} is not a distribution's short name: lowercase"
            " letters and digits, words joined by hyphens (amt, ca-brn)\n"
        )
        return BAD_INPUT
    body: str = arguments.body or name.upper()
    code: str = arguments.credential
    for option, value in (("--body", body), ("--credential", code)):
        if not _CODE.fullmatch(value):
            err.write(
                f"error: new-plugin: {option} {value!r} is no code: letters, digits and hyphens\n"
            )
            return BAD_INPUT
    folder = Path(arguments.into) / f"recertlib-{name}"
    if folder.exists():
        err.write(f"error: new-plugin: {folder} already exists; nothing was written\n")
        return BAD_INPUT
    made = files_for(name, body, code)
    for path, text in made.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
    (folder / "tests" / "snapshots").mkdir()
    out.write(f"made {folder}/ for the {body} {code} credential:\n")
    out.writelines(f"  {path}\n" for path in made)
    out.write(
        "next: replace the placeholders of the rules file with the body's rules, then\n"
        f"  cd {folder}\n"
        '  python -m pip install -e ".[test]"\n'
        "  python -m pytest --recertlib-update-snapshots   # then review tests/snapshots/\n"
        "  python -m pytest\n"
    )
    return USABLE
