"""Every exception recertlib raises on purpose.

All derive from :class:`RecertlibError`, so a caller can catch the family at once, and each
message names what went wrong (the field, its value and the record, or the plugin's
distribution) so that it can be shown to a person as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from attrs import frozen


class RecertlibError(Exception):
    """Base class of every error recertlib raises on purpose.

    Every one can be pickled (sent back from a worker process) whatever its constructor
    takes: it is rebuilt from its message and attributes, not by calling it again."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuilt, (type(self), self.args, self.__dict__))


def _rebuilt(kind: type[RecertlibError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    error = kind.__new__(kind)
    error.args = args
    error.__dict__.update(state)
    return error


@frozen
class Problem:
    """One thing wrong with one input: where it is, what it holds, and why it is refused."""

    path: str
    """Where the bad value is, as ``$.activities[2].amount``."""
    value: Any
    """The value found there, or :data:`~recertlib.errors.MISSING` when the field is absent."""
    message: str
    """Why it is refused."""

    def __str__(self) -> str:
        if self.value is MISSING:
            return f"{self.path}: {self.message}"
        written = _repr(self.value)
        if written in self.message:
            return f"{self.path}: {self.message}"
        return f"{self.path}: {self.message} (got {written})"


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"

    def __reduce__(self) -> str:
        # Unpickled as the one MISSING, which messages compare against by identity.
        return "MISSING"


MISSING: Any = _Missing()
"""Stands for the value of a field that is absent from the input."""


class FieldValueError(RecertlibError, ValueError):
    """A value refused by a type's own checks, naming the field, so that messages can point at
    it. :class:`InvalidInput` reports it with its path."""

    def __init__(self, field: str, value: Any, message: str) -> None:
        self.field = field
        self.value = value
        self.message = message
        super().__init__(str(Problem(field, value, message)))


class InvalidInput(RecertlibError, ValueError):
    """Input data that cannot be evaluated: every problem found, each with its path and value."""

    def __init__(self, problems: Sequence[Problem], record: str | None = None) -> None:
        self.problems = tuple(problems)
        self.record = record
        super().__init__(self._message())

    def _message(self) -> str:
        where = f"{self.record}: " if self.record else ""
        if len(self.problems) == 1:
            return f"{where}{self.problems[0]}"
        lines = "".join(f"\n  - {problem}" for problem in self.problems)
        return f"{where}{len(self.problems)} problems:{lines}"

    def in_record(self, record: str) -> InvalidInput:
        """The same problems, said of the named record."""
        return InvalidInput(self.problems, record)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.problems, self.record))


class RulesFileError(InvalidInput):
    """A rules file (:mod:`recertlib.rules.data`) that cannot be read into a credential: every
    problem found, each with its key path in the file, the value found there and, where it can
    be told, the line it is on."""

    file: str
    """The file, as it was named to the reader."""
    lines: tuple[int | None, ...]
    """The line (from 1) of each of the problems, in the same order, or ``None`` where it
    cannot be told."""

    def __init__(
        self, file: str, problems: Sequence[Problem], lines: Sequence[int | None] = ()
    ) -> None:
        self.file = file
        self.lines = tuple(lines) if lines else (None,) * len(problems)
        super().__init__(problems, f"rules file {file}")

    def _message(self) -> str:
        said = [
            f"line {line}: {problem}" if line is not None else str(problem)
            for problem, line in zip(self.problems, self.lines, strict=True)
        ]
        if len(said) == 1:
            return f"{self.record}: {said[0]}"
        listed = "".join(f"\n  - {line}" for line in said)
        return f"{self.record}: {len(said)} problems:{listed}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.file, self.problems, self.lines))


class UnknownCredential(RecertlibError, LookupError):
    """No installed plugin knows the credential asked for."""

    def __init__(self, body: str, credential: str, known: Sequence[str]) -> None:
        self.body = body
        self.credential = credential
        self.known = tuple(known)
        listing = ", ".join(self.known) if self.known else "none (is a plugin installed?)"
        super().__init__(
            f"no plugin provides credential {credential!r} of body {body!r}; known: {listing}"
        )


class NoRuleSetInForce(RecertlibError, LookupError):
    """A credential's rules say nothing for the date that selects them."""


class PluginError(RecertlibError):
    """A plugin could not be loaded or gave something recertlib cannot use.

    The message starts with the plugin's distribution name and version, which is who to
    tell about it.
    """

    def __init__(self, plugin: str, message: str) -> None:
        self.plugin = plugin
        super().__init__(f"plugin {plugin}: {message}")


class PluginLoadError(PluginError):
    """A plugin's entry point failed to import, or its hook raised."""


class InvalidRuleSet(PluginError):
    """A plugin registered a credential whose rules are incomplete or contradictory."""


class ConflictingCredential(PluginError):
    """Two plugins registered the same credential."""


class ContestedCredential(ConflictingCredential):
    """Several installed plugins register one credential, and none was chosen: the credential
    is used from none of them, so that no plugin takes another's credential silently."""

    def __init__(self, label: str, origins: Sequence[str], setting: str) -> None:
        self.label = label
        self.origins = tuple(origins)
        self.setting = setting
        self.plugin = " and ".join(self.origins)
        RecertlibError.__init__(
            self,
            f"plugins {self.plugin} {'both' if len(self.origins) == 2 else 'all'} register"
            f" {label}: it is used from none of them until one is chosen ({setting}=NAME,"
            " or prefer=[NAME] when building a Registry)",
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.label, self.origins, self.setting))


class PluginRuleError(PluginError):
    """A plugin's own rule (an implementation of a rules protocol) raised, or returned what its
    protocol does not allow, while a credential was evaluated. It is that credential's error
    only: every other credential and record is still evaluated."""

    def __init__(self, plugin: str, message: str, *, record: str) -> None:
        self.record = record
        super().__init__(plugin, f"{message}, evaluating {record}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_plugin_rule_error, (self.plugin, str(self), self.record))


def _plugin_rule_error(plugin: str, message: str, record: str) -> PluginRuleError:
    error = PluginRuleError.__new__(PluginRuleError)
    error.plugin, error.record = plugin, record
    Exception.__init__(error, message)
    return error


class MissingFact(InvalidInput):
    """A rule needs a fact about the holder that the caller did not give.

    It is an :class:`InvalidInput`, so a batch reports it for its record and goes on. Its one
    problem is said of ``$.credential.facts.<fact>``, or, for a credential read from a file,
    of where the file gives the fact (:meth:`~recertlib.MissingFact.located`).
    """

    def __init__(
        self,
        fact: str,
        why: str,
        *,
        credential: str,
        holder: str,
        where: str | None = None,
        record: str | None = None,
    ) -> None:
        self.fact = fact
        """The fact's name: ``birth_date``."""
        self.why = why
        """What the rules need it for."""
        self.credential = credential
        """The credential, as ``CA-BRN RN``."""
        self.holder = holder
        self.where = where
        """Where the record lacks it, when said of a file's line and column."""
        problem = Problem(
            where or f"$.credential.facts.{fact}",
            MISSING,
            f"required by the {credential} rules: {why}",
        )
        super().__init__([problem], record or f"holder {holder!r} ({credential})")

    def located(self, where: str, record: str, *, why: str | None = None) -> MissingFact:
        """The same missing fact, said of ``where`` in the record ``record`` (a file's line
        and column), and with ``why`` in place of its reason when given."""
        said = self.why if why is None else why
        return _missing_fact(self.fact, said, self.credential, self.holder, where, record)

    def in_record(self, record: str) -> MissingFact:
        """The same missing fact, said of the record ``record``: still a
        :class:`MissingFact`."""
        return _missing_fact(self.fact, self.why, self.credential, self.holder, self.where, record)

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _missing_fact,
            (self.fact, self.why, self.credential, self.holder, self.where, self.record),
        )


def _missing_fact(
    fact: str,
    why: str,
    credential: str,
    holder: str,
    where: str | None = None,
    record: str | None = None,
) -> MissingFact:
    return MissingFact(fact, why, credential=credential, holder=holder, where=where, record=record)


class UnavailableCredential(UnknownCredential):
    """No plugin loaded provides the credential asked for, and some plugin failed to load: the
    credential may be one of theirs. The message names them (see
    :attr:`recertlib.Registry.failures` for why each failed)."""

    def __init__(
        self, body: str, credential: str, known: Sequence[str], failed: Sequence[str]
    ) -> None:
        super().__init__(body, credential, known)
        self.failed = tuple(failed)
        self.args = (
            f"{self.args[0]}; plugins that failed to load, which may provide it:"
            f" {', '.join(self.failed)}",
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.body, self.credential, self.known, self.failed))


# --- how an error shows a value -------------------------------------------------------------

SHOWN_DEPTH = 4
"""How deeply nested a value an error repeats; a deeper one is described instead, so that no
message is a page long or too deep to print."""

SHOWN_LENGTH = 200
"""The longest a value other than text that an error repeats, written out."""


def nesting_depth(value: object, limit: int) -> int:
    """How deeply lists and objects nest in ``value`` (a scalar is 0, ``[]`` is 1), counted
    without recursion and only up to ``limit``, so that any depth can be measured safely."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        children: Iterable[object]
        if isinstance(item, Mapping):
            children = item.values()
        elif isinstance(item, list | tuple | set | frozenset):
            children = item
        else:
            continue
        depth += 1
        if depth >= limit:
            return depth
        deepest = max(deepest, depth)
        stack.extend((child, depth) for child in children)
    return deepest


def shown_value(value: object) -> object:
    """``value`` as an error repeats it: itself, or a description when it nests deeper than
    :data:`SHOWN_DEPTH` or is not text and longer than :data:`SHOWN_LENGTH` written out (a
    number thousands of digits long)."""
    if nesting_depth(value, SHOWN_DEPTH + 1) > SHOWN_DEPTH:
        return Description(f"a {type(value).__name__} nested more than {SHOWN_DEPTH} levels deep")
    if not isinstance(value, str):
        try:
            text = repr(value)
        except ValueError:  # an int too long to write out, alone or inside a container
            return Description(_repr(value))
        if len(text) > SHOWN_LENGTH:
            return Description(f"{text[:60]}... ({len(text)} characters)")
    return value


class Description(str):
    """What a problem shows in place of a value too long or too deep to repeat: written as it
    is, never quoted as the text of a value would be."""

    __slots__ = ()

    def __repr__(self) -> str:
        return str(self)


def shown(value: object) -> str:
    """``value`` written out for a sentence: short, whatever it is."""
    if nesting_depth(value, SHOWN_DEPTH + 1) > SHOWN_DEPTH:
        return f"a {type(value).__name__} nested more than {SHOWN_DEPTH} levels deep"
    text = _repr(value)
    return text if len(text) <= 80 else f"{text[:40]}... ({len(text)} characters)"


def _repr(value: object) -> str:
    try:
        return repr(value)
    except ValueError:  # Python writes out no int of more than 4300 digits (sys.int_info)
        if isinstance(value, int):
            return f"an integer of about {int(value.bit_length() * 0.30103)} digits"
        return f"a {type(value).__name__} too long to write out"


def shown_record(data: Any) -> Any:
    """A whole record as a problem shows it: itself, or its type when it is too deep or too
    long to repeat."""
    if nesting_depth(data, 3) > 2 or len(_repr(data)) > 200:
        return f"a {type(data).__name__}"
    return data
