"""Sphinx configuration of recertlib's documentation site.

The site builds offline: no remote inventory is fetched, and every credential listed comes
from the rule data of the plugins in this repository, read at build time.
"""

from __future__ import annotations

import sys
import tomllib
from importlib.metadata import version as installed_version
from pathlib import Path

DOCS = Path(__file__).parent
ROOT = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))

project = "recertlib"
author = "The recertlib developers"
copyright = "2026, the recertlib developers"
release = installed_version("recertlib")
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.viewcode",
    "recertlib_docs",
]

# The distributions whose credentials the "supported credentials" page lists: every plugin
# shipped in this repository, and nothing else that happens to be installed.
recertlib_shipped_plugins = sorted(
    tomllib.loads(path.read_text())["project"]["name"]
    for path in ROOT.glob("plugins/*/pyproject.toml")
)
recertlib_root = str(ROOT)

exclude_patterns = ["_build"]
# Rule text and messages appear as the code states them, quotes included.
smartquotes = False
nitpicky = True
# Types from outside the project: no inventory is shipped for them, so they stay plain text.
nitpick_ignore_regex = [
    ("py:.*", r"(pendulum|decimal|datetime|collections\.abc|typing|pathlib|enum|argparse)\..*"),
    ("py:.*", r"(fractions|os|tempfile|csv|_csv|io|sqlite3|types|icalendar)\..*|Fraction|IO"),
    ("py:.*", r"Decimal|Date|Path|Enum|TextIO|Callable|Iterable|Iterator|Sequence|Mapping"),
    ("py:.*", r"Any|T|object|type|str|int|bool|float|dict|list|tuple|frozenset|None|Exception"),
    ("py:.*", r"ValueError|LookupError|TypeError|cattrs\..*|pluggy\..*|Converter|JsonConverter"),
    ("py:.*", r"(importlib|tomllib|jsonschema)(\..*)?|Traversable"),
    # The dask extra's libraries (recertlib.dask): dask.bag.Bag, distributed.Client, fsspec.
    # recertlib.dask.frames takes dask.dataframe.DataFrame (dd.DataFrame), of pandas.
    ("py:.*", r"(dask|distributed|fsspec|dd|pandas|pd)(\..*)?|Bag|ImportError"),
    # The type variables of generic classes and functions (Outcome[T], structure()).
    ("py:class", r"recertlib\.[\w.]+\.[TUR]"),
]

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_typehints_format = "short"
autodoc_preserve_defaults = False
python_use_unqualified_type_names = True
add_module_names = False

# Every example runs: doctest blocks, testcode and the code of the docstrings alike.
doctest_test_doctest_blocks = "default"
# The examples read the files in examples/, as a reader at the repository's root would.
doctest_global_setup = f"import os; os.chdir({str(ROOT)!r})"
trim_doctest_flags = True

html_theme = "furo"
html_title = f"recertlib {release}"
html_static_path = ["_static"]
html_css_files = ["recertlib.css"]
html_show_sourcelink = False
