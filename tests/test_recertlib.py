"""The package's top level: ``import recertlib`` gives the application's names, plugin
authors' names live in recertlib.rules and recertlib.plugins, and every name or module that
moved in 0.2 still works until 0.3, with a DeprecationWarning that names its new home."""

from __future__ import annotations

import importlib
import subprocess
import sys
import warnings

import pytest

import recertlib
from recertlib._deprecated import MOVED_MODULES, MOVED_NAMES, RENAMED_IN_MODULES, REPLACED_NAMES


def test_the_top_level_is_the_applications_api():
    assert 25 <= len(recertlib.__all__) <= 31
    assert dir(recertlib) == recertlib.__all__
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name in recertlib.__all__:
            assert getattr(recertlib, name) is not None, name


def test_no_rules_vocabulary_is_at_the_top_level():
    assert not {"CredentialSpec", "RuleSet", "Minimum", "hookimpl", "converter"} & set(
        recertlib.__all__
    )


def test_importing_recertlib_loads_none_of_its_layers():
    code = (
        "import sys, recertlib; "
        "print(sorted(m for m in sys.modules if m.startswith('recertlib.')"
        " and m != 'recertlib._deprecated'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("name", sorted(MOVED_NAMES))
def test_a_moved_name_still_works_and_names_its_new_home(name):
    home = MOVED_NAMES[name]
    with pytest.warns(DeprecationWarning, match=rf"recertlib\.{name} has moved: import it from"):
        value = getattr(recertlib, name)
    assert value is getattr(importlib.import_module(home), name)


@pytest.mark.parametrize("name", sorted(REPLACED_NAMES))
def test_a_replaced_name_still_works_and_says_what_to_use(name):
    instead, _ = REPLACED_NAMES[name]
    with pytest.warns(DeprecationWarning, match=instead.split(" ")[0].replace(".", r"\.")):
        assert getattr(recertlib, name) is not None


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'Nonesuch'"):
        _ = recertlib.Nonesuch  # type: ignore[attr-defined]


@pytest.mark.parametrize("old", sorted(MOVED_MODULES))
def test_a_moved_module_still_imports_and_lends_its_names(old):
    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning, match=rf"{old} has moved: import from"):
        module = importlib.import_module(old)
    new = importlib.import_module(MOVED_MODULES[old][0])
    public = [name for name in getattr(new, "__all__", dir(new)) if not name.startswith("_")]
    assert public
    for name in public:
        assert getattr(module, name) is getattr(new, name)
    with pytest.raises(AttributeError):
        _ = module.nonesuch


def test_the_old_homes_of_the_nightly_jobs_names_still_work():
    sys.modules.pop("recertlib.people", None)
    sys.modules.pop("recertlib.dates", None)
    with pytest.warns(DeprecationWarning, match="recertlib.people has moved"):
        from recertlib.people import evaluate_person  # type: ignore[import-not-found]
    with pytest.warns(DeprecationWarning, match="recertlib.dates has moved"):
        from recertlib.dates import evaluation_date  # type: ignore[import-not-found]
    from recertlib.engine import evaluate_person as now
    from recertlib.quantities import evaluation_date as also_now

    assert (evaluate_person, evaluation_date) == (now, also_now)


@pytest.mark.parametrize(
    ("old", "name"),
    [(old, name) for old, renamed in RENAMED_IN_MODULES.items() for name in renamed],
)
def test_a_name_renamed_in_a_moved_module_still_works(old, name):
    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning, match=f"{old} has moved"):
        module = importlib.import_module(old)
    assert getattr(module, name) is not None


def test_the_version_is_the_installed_distributions():
    import importlib.metadata

    assert recertlib.__version__ == importlib.metadata.version("recertlib")
