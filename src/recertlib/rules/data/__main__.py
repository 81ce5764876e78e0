"""``python -m recertlib.rules.data``: write the rules format's JSON Schema, as shipped."""

from recertlib.rules.data.schema import write_schema

write_schema()
