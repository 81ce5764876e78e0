"""The plugin system: the hook a plugin implements (:mod:`~recertlib.plugins.hookspecs`), the
marker it implements it with, and the :class:`Registry` that loads plugins through the
``recertlib`` entry-point group and answers which rules a credential has.

A plugin author needs only :data:`hookimpl` from here, and the rules vocabulary from
:mod:`recertlib.rules`::

    from recertlib.plugins import hookimpl

    @hookimpl
    def register_credentials(register):
        register(MY_CREDENTIAL)
"""

from recertlib.plugins.hookspecs import hookimpl
from recertlib.plugins.registry import (
    DISABLE_AUTOLOAD_ENV,
    ENTRY_POINT_GROUP,
    PLUGINS_DENY_ENV,
    PLUGINS_ENV,
    PREFER_ENV,
    STRICT_ENV,
    TRACE_ENV,
    FailureKind,
    PluginFailure,
    PluginSettings,
    Registry,
    default_registry,
)

__all__ = [
    "DISABLE_AUTOLOAD_ENV",
    "ENTRY_POINT_GROUP",
    "PLUGINS_DENY_ENV",
    "PLUGINS_ENV",
    "PREFER_ENV",
    "STRICT_ENV",
    "TRACE_ENV",
    "FailureKind",
    "PluginFailure",
    "PluginSettings",
    "Registry",
    "default_registry",
    "hookimpl",
]
