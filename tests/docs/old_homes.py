"""Where a name lived before 0.2: the old homes the documentation must no longer teach."""

from __future__ import annotations

from recertlib._deprecated import MOVED_MODULES, MOVED_NAMES, REPLACED_NAMES


def old_home(dotted: str) -> str | None:
    """What replaced ``dotted`` (``recertlib.exports.read_people``, ``recertlib.CredentialSpec``)
    when it names a module or a top-level name that moved in 0.2; ``None`` when it does not."""
    for module, homes in MOVED_MODULES.items():
        if dotted == module or dotted.startswith(module + "."):
            return " or ".join(homes)
    parts = dotted.split(".")
    if len(parts) >= 2 and parts[0] == "recertlib":
        if parts[1] in MOVED_NAMES:
            return MOVED_NAMES[parts[1]]
        if parts[1] in REPLACED_NAMES:
            return REPLACED_NAMES[parts[1]][0]
    return None
