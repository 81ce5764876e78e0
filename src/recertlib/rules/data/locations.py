"""Where each key of a TOML document is written: the line of every key path, so that an error
in a rules file can name the line as well as the key.

:mod:`tomllib` reads values, not positions; this scanner reads the same text again for
positions only. It knows TOML's layout (tables, arrays of tables, dotted keys, arrays and
inline tables over several lines, strings and comments) but checks nothing: the document has
already been read by :mod:`tomllib`, which would have refused it.
"""

from __future__ import annotations

from collections.abc import Sequence

Path = tuple[str | int, ...]
"""A key path: the keys and list indices from the document's top, as ``("pathways", 0,
"fees", 1, "amount")``."""

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class Locations:
    """The line (from 1) of every key path in a TOML document."""

    def __init__(self, text: str) -> None:
        self.lines: dict[Path, int] = {}
        self._text = text
        self._at = 0
        self._line = 1
        self._arrays: dict[Path, int] = {}
        self._scan()

    def line_of(self, path: Sequence[str | int]) -> int | None:
        """The line of ``path``, or of the nearest key above it that the scanner placed."""
        found = tuple(path)
        while found:
            if found in self.lines:
                return self.lines[found]
            found = found[:-1]
        return None

    # --- reading the text

    def _peek(self, ahead: int = 0) -> str:
        at = self._at + ahead
        return self._text[at] if at < len(self._text) else ""

    def _advance(self, count: int = 1) -> None:
        for _ in range(count):
            if self._peek() == "\n":
                self._line += 1
            self._at += 1

    def _skip_blank(self, *, newlines: bool) -> None:
        while self._peek():
            char = self._peek()
            if char in " \t\r" or (newlines and char == "\n"):
                self._advance()
            elif char == "#":
                while self._peek() and self._peek() != "\n":
                    self._advance()
            else:
                return

    def _scan(self) -> None:
        table: Path = ()
        while True:
            self._skip_blank(newlines=True)
            if not self._peek():
                return
            if self._peek() == "[":
                table = self._header()
            else:
                self._key_value(table)

    def _header(self) -> Path:
        line = self._line
        many = self._peek(1) == "["
        self._advance(2 if many else 1)
        keys = self._key()
        self._skip_blank(newlines=False)
        self._advance(2 if many else 1)
        path: Path = ()
        for index, key in enumerate(keys):
            path = (*path, key)
            last = index == len(keys) - 1
            if path in self._arrays and not (last and many):
                path = (*path, self._arrays[path] - 1)
        if many:
            count = self._arrays.get(path, 0)
            self._arrays[path] = count + 1
            self.lines.setdefault(path, line)
            path = (*path, count)
        self.lines[path] = line
        return path

    def _key(self) -> list[str]:
        keys: list[str] = []
        while True:
            self._skip_blank(newlines=False)
            char = self._peek()
            if char in "\"'":
                keys.append(self._string())
            else:
                start = self._at
                while self._peek() in _BARE and self._peek():
                    self._advance()
                keys.append(self._text[start : self._at])
            self._skip_blank(newlines=False)
            if self._peek() != ".":
                return keys
            self._advance()

    def _key_value(self, table: Path) -> None:
        line = self._line
        path = (*table, *self._key())
        self.lines[path] = line
        self._skip_blank(newlines=False)
        if self._peek() == "=":
            self._advance()
        self._value(path)

    def _value(self, path: Path) -> None:
        self._skip_blank(newlines=False)
        char = self._peek()
        if char == "[":
            self._array(path)
        elif char == "{":
            self._inline_table(path)
        elif char in "\"'":
            self._string()
        else:
            while self._peek() and self._peek() not in ",]}\n#":
                self._advance()

    def _array(self, path: Path) -> None:
        self._advance()
        index = 0
        while True:
            self._skip_blank(newlines=True)
            if self._peek() in ("]", ""):
                self._advance()
                return
            if self._peek() == ",":
                self._advance()
                continue
            self.lines[(*path, index)] = self._line
            self._value((*path, index))
            index += 1

    def _inline_table(self, path: Path) -> None:
        self._advance()
        while True:
            self._skip_blank(newlines=True)
            if self._peek() in ("}", ""):
                self._advance()
                return
            if self._peek() == ",":
                self._advance()
                continue
            self._key_value(path)

    def _string(self) -> str:
        quote = self._peek()
        triple = self._peek(1) == quote and self._peek(2) == quote
        self._advance(3 if triple else 1)
        start = self._at
        while self._peek():
            if quote == '"' and self._peek() == "\\":
                self._advance(2)
                continue
            if self._peek() == quote and (
                not triple or (self._peek(1) == quote and self._peek(2) == quote)
            ):
                break
            self._advance()
        text = self._text[start : self._at]
        self._advance(3 if triple else 1)
        if triple:
            # A closing run of more than three quotes keeps the extra ones in the string.
            while self._peek() == quote:
                self._advance()
        return text
