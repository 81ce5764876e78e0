"""The site says what the code does: every hook, error, reason and credential is documented,
and the build refuses an example no test runs."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pluggy
import pytest
from conftest import DOCS, ROOT, sphinx_on, visible_text
from old_homes import old_home

import recertlib
import recertlib.rules
from recertlib import Reason, RecertlibError, Registry, Status
from recertlib.plugins import hookspecs

APPLICATION = DOCS / "reference" / "application.rst"
"""The API reference for applications: everything ``import recertlib`` gives, and more."""
PLUGIN_AUTHORS = DOCS / "reference" / "plugin-authors.rst"
"""The API reference for plugin authors: the rules vocabulary and the hook marker."""


def hook_names() -> list[str]:
    """The hooks as pluggy sees them."""
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    return sorted(name for name in vars(manager.hook) if not name.startswith("_"))


def test_there_is_a_hook_to_document():
    assert hook_names() == ["register_credentials", "register_shapes", "rules_files"]


@pytest.mark.parametrize("hook", hook_names())
def test_every_hook_has_a_reference_entry(site, hook):
    source = (DOCS / "authors" / "hooks.rst").read_text()
    assert re.search(rf"^``{hook}\(.*\)``\n-+$", source, flags=re.MULTILINE), "no heading"
    assert f".. autofunction:: recertlib.plugins.hookspecs.{hook}\n" in source
    assert (
        f'id="recertlib.plugins.hookspecs.{hook}"' in (site / "authors" / "hooks.html").read_text()
    )


def exported(kind: type) -> list[str]:
    return sorted(
        name
        for name in recertlib.__all__
        if isinstance(getattr(recertlib, name), type) and issubclass(getattr(recertlib, name), kind)
    )


@pytest.mark.parametrize("error", [e for e in exported(RecertlibError) if e != "RecertlibError"])
def test_every_error_is_explained_with_an_example(error):
    guide = (DOCS / "guide" / "errors.rst").read_text()
    assert f":class:`~recertlib.{error}`\n" in guide  # its entry in the list of errors
    assert f".. autoexception:: recertlib.{error}\n" in APPLICATION.read_text()


@pytest.mark.parametrize("member", [*Status, *Reason], ids=str)
def test_every_status_and_reason_is_explained(member):
    assert f"   * - ``{member.name}``\n" in (DOCS / "guide" / "verdicts.rst").read_text()


def documented(page: Path, module: str) -> set[str]:
    """The names of ``module`` that ``page`` has an entry for (``auto...`` or ``py:...``)."""
    entries = rf"^\.\. (?:auto\w+|py:\w+):: {re.escape(module)}\.(\w+)$"
    return set(re.findall(entries, page.read_text(), re.M))


def test_every_name_of_the_applications_api_is_in_its_reference():
    assert sorted(set(recertlib.__all__) - documented(APPLICATION, "recertlib")) == []


def test_every_name_of_the_rules_is_in_the_plugin_authors_reference():
    text = PLUGIN_AUTHORS.read_text()
    # A name a directive lists on a line of its own, under the first one (the standard facts).
    listed = set(re.findall(r"^ {13}recertlib\.rules\.(\w+)$", text, re.M))
    missing = set(recertlib.rules.__all__) - documented(PLUGIN_AUTHORS, "recertlib.rules") - listed
    assert sorted(missing) == []
    assert "hookimpl" in documented(PLUGIN_AUTHORS, "recertlib.plugins")


def test_the_reference_names_no_home_a_name_left_in_0_2():
    for page in (APPLICATION, PLUGIN_AUTHORS):
        names = re.findall(
            r"^\.\. (?:auto\w+|py:\w+):: (recertlib\.[\w.]+)$", page.read_text(), re.M
        )
        assert names
        for name in names:
            assert old_home(name) is None, f"{page.name}: {name}"


SHIPPED = sorted(path.parent.name for path in ROOT.glob("plugins/*/pyproject.toml"))
"""The distributions of the plugins shipped in this repository (named as their folders)."""


def test_the_shipped_plugins_are_the_five_bodies():
    assert SHIPPED == [
        "recertlib-aama",
        "recertlib-ca-brn",
        "recertlib-nccpa",
        "recertlib-nha",
        "recertlib-nremt",
    ]


def test_the_supported_credentials_page_shows_every_shipped_credential(site):
    shipped = Registry.from_entry_points(allow=SHIPPED, strict=True)
    page = visible_text((site / "supported.html").read_text())
    for spec in shipped.credentials():
        assert f"{spec.label}: {spec.name}" in page
        assert shipped.origin_of(spec) in page
        for source in spec.sources:
            assert f"[{source.key}] {source.citation}" in page
        for rule_set in spec.rule_sets:
            assert rule_set.id in page
            if rule_set.effective_from is not None:
                assert rule_set.effective_from.isoformat() in page
    assert "60 points" in page
    assert "10 CE credits" in page
    assert "open through the end of the month 3 months after expiry" in page
    assert "Reactivation fee: 50 USD" in page
    assert "159 USD (unconfirmed)" in page
    # The shapes of the newer rules: conditions on fees, tiers, look-back credit, series.
    assert "Exam fee, AAMA members (when member is true): 125 USD" in page
    assert "pi_cme = 1 credit (the first 20 of a cycle count 2 each)" in page
    assert "completed within 24 months before the application" in page
    assert "the holder rejoins the body's series of cycles" in page
    assert "expires on 31 March, 2 years on" in page
    # What each credential needs, before it is run: approvals, units, facts.
    assert "any credit approved by BRN" in page
    assert "CA-BRN, this body's code in recertlib, is not taken for BRN" in page
    assert "birth_date (required: the expiry is counted from the birth month)" in page
    assert "originally_issued_on (required: the certification maintenance cycle" in page
    assert "member (optional: which fees apply; without it, each is listed)" in page


def test_the_page_lists_no_credential_that_is_not_shipped(site):
    headings = re.findall(r"<h2>(.*?)<a", (site / "supported.html").read_text())
    assert [html.unescape(heading) for heading in headings] == [
        "AAMA CMA: CMA (AAMA)",
        "CA-BRN RN: Registered Nurse (California)",
        "NCCPA PA-C: Physician Assistant-Certified (PA-C)",
        "NHA CCMA: Certified Clinical Medical Assistant (CCMA)",
        "NREMT EMT: Nationally Certified EMT (NREMT)",
    ]


@pytest.mark.parametrize("page", ["guide/units.html", "guide/people.html"])
def test_the_units_and_people_pages_say_which_units_each_body_takes(site, page):
    shipped = Registry.from_entry_points(allow=SHIPPED, strict=True)
    text = visible_text((site / page).read_text())
    table = text[text.index("Common units refused") :]
    for spec in shipped.credentials():
        assert spec.label in table
    # A row each: what the body names, what it converts, what it refuses.
    assert "NHA CCMA ce_credit = 1 CE credit; hour = 0.5 CE credit;" in table
    assert (
        "contact_hour = 0.5 CE credit minute, iacet_ceu semester_credit, quarter_credit (NHA"
        in table
    )
    # Units refused for one reason are said together, with it.
    nha = table[table.index("NHA CCMA") : table.index("NREMT EMT")]
    assert "quarter_credit (NHA's renewal sources" in nha
    assert nha.count("say nothing of college credit") == 1
    nremt = "NREMT EMT credit = 1 credit; hour = 1 credit; contact_hour = 1 credit;"
    assert f"{nremt} semester_credit = 8 credits minute, clock_hour iacet_ceu (NREMT" in table


def build_sample(tmp_path: Path, index: str) -> str:
    """Build a one-page site with recertlib's extension; its warnings."""
    source = tmp_path / "src"
    source.mkdir()
    (source / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(DOCS / '_ext')!r})\n"
        "extensions = ['sphinx.ext.autodoc', 'sphinx.ext.doctest', 'recertlib_docs']\n"
        f"recertlib_root = {str(ROOT)!r}\n"
    )
    (source / "index.rst").write_text(index)
    return sphinx_on(source, tmp_path / "out").stderr


def test_the_build_refuses_an_example_that_no_test_runs(tmp_path):
    warnings = build_sample(
        tmp_path,
        "Page\n====\n\n.. code-block:: python\n\n   print('never run')\n\n"
        ".. autofunction:: recertlib.plugins.hookspecs.register_credentials\n",
    )
    assert "index.rst:4: WARNING: untested code example" in warnings


def test_the_build_refuses_a_hook_without_documentation(tmp_path):
    warnings = build_sample(tmp_path, "Page\n====\n\nNo hooks here.\n")
    assert "WARNING: hook 'register_credentials' has no entry in the documentation" in warnings


def shapes_in_the_schema() -> list[tuple[str, str, list[str]]]:
    """Each standard shape of the rules format's schema: its protocol, name and fields."""
    from recertlib.rules.data.schema import rules_schema

    found = []
    for protocol, definition in rules_schema()["$defs"].items():
        for shape in definition.get("anyOf", ()):
            named = shape.get("properties", {}).get("shape", {})
            if "const" in named:
                fields = [f for f in shape["properties"] if f not in ("shape", "in_force")]
                found.append((protocol, named["const"], fields))
    return found


def test_the_rules_format_page_lists_every_shape_with_its_fields(site):
    page = (site / "authors" / "data.html").read_text()
    rows = {}
    for row in re.findall(r"<tr.*?</tr>", page, flags=re.DOTALL):
        cells = [visible_text(cell).strip() for cell in re.findall(r"<td.*?</td>", row, re.DOTALL)]
        if len(cells) == 4:  # protocol, shape, fields, what it is
            rows[(cells[0], cells[1])] = re.findall(r"(\w+)(?: \(optional\))?: ", cells[2])
    shapes = shapes_in_the_schema()
    assert {name for _, name, _ in shapes} >= {"OnOrAfter", "Offset", "Earliest", "FactIs"}
    assert rows == {(protocol, name): fields for protocol, name, fields in shapes}
