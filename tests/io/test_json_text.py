"""JSON text is written byte for byte as ``json.dumps(data, indent=2)`` writes it, with orjson
(the ``fast`` extra) and without it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recertlib.io import json_text as module
from recertlib.io.json_text import JSON_ENV, json_text

orjson = pytest.importorskip("orjson", reason="the fast extra is not installed")


@pytest.fixture
def with_orjson(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "orjson", orjson)


TEXTS = [
    "plain",
    "café",  # two bytes in UTF-8
    "José Müller-Lüdenscheidt",
    "汉字",  # three bytes
    "😀 emoji",  # beyond the BMP: a surrogate pair in json.dumps
    "\u2028\u2029",  # separators JavaScript treats as line ends
    "a\x7fb",  # DEL: ASCII, but json.dumps escapes it
    "\x00\x01\x08\x09\x0a\x0c\x0d\x1f",  # control characters, some with short escapes
    'quote " backslash \\ slash /',
    "\ud800",  # a lone surrogate, as a JSON escape in an input file gives
    "\udc80 after",
    "\U0010ffff",  # the last code point
    "",
]


@pytest.mark.usefixtures("with_orjson")
@pytest.mark.parametrize("text", TEXTS)
def test_text_is_escaped_as_the_standard_library_escapes_it(text):
    data = {"record": text, text: [text, {"nested": text}], "n": 1}
    assert json_text(data) == json.dumps(data, indent=2)


@pytest.mark.usefixtures("with_orjson")
@pytest.mark.parametrize(
    "data",
    [
        [],
        {},
        [[]],
        {"a": {}},
        {"a": [], "b": [{}]},
        [None, True, False, 0, -1, 2**63 - 1, -(2**63)],
        2**64,  # beyond orjson: the standard library writes it
        -(2**70),
        {1: "a key that is not text"},
        "text alone",
        {"z": 1, "a": 2},  # keys stay in the order given
    ],
)
def test_every_shape_of_document_gives_the_same_bytes(data):
    assert json_text(data) == json.dumps(data, indent=2)


@pytest.mark.usefixtures("with_orjson")
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
        max_leaves=20,
    )
)
def test_any_document_of_text_and_integers_gives_the_same_bytes(data):
    assert json_text(data) == json.dumps(data, indent=2)


def test_orjson_writes_where_it_is_installed_and_the_switch_turns_it_off():
    code = "import recertlib.io.json_text as m; print(m.orjson is not None)"
    for setting, expected in [(None, "True"), ("json", "False"), ("JSON ", "False")]:
        environment = {k: v for k, v in os.environ.items() if k != JSON_ENV}
        if setting is not None:
            environment[JSON_ENV] = setting
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=environment
        )
        assert done.stdout.strip() == expected, (setting, done.stderr)


def test_without_orjson_the_standard_library_writes(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(module, "orjson", None)
    data = {"name": "café", "big": 2**70}
    assert json_text(data) == json.dumps(data, indent=2)
