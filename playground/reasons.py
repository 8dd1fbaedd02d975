"""Why the playground refuses a value, in the reader's language.

The values are checked against the OpenAPI document's schemas with jsonschema
before anything is sent (catalogue.Endpoint.check). jsonschema words its
reasons in English only, so each reason is written here from what the error
names (its keyword, the schema's limit, the value), through the catalogue;
the English keeps jsonschema's wording. A keyword not listed here keeps
jsonschema's own message behind a translated lead-in.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import jsonschema
from django.utils.translation import gettext, ngettext

from console.lib.text import or_list

_LONGEST_VALUE = 60  # characters of a refused value quoted back; a pasted document is cut

# What each JSON Schema type is called in a reason ("… is not of type integer").
_TYPE_NAMES: dict[str, Callable[[], str]] = {
    "integer": lambda: gettext("integer"),
    "number": lambda: gettext("number"),
    "string": lambda: gettext("string"),
    "boolean": lambda: gettext("boolean (true or false)"),
    "array": lambda: gettext("array"),
    "object": lambda: gettext("object"),
    "null": lambda: "null",
}


def shown(value: Any) -> str:
    """A refused value as JSON writes it, cut when long."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _LONGEST_VALUE else text[: _LONGEST_VALUE - 1] + "…"


def required() -> str:
    return gettext("This field is required.")


def body_required() -> str:
    return gettext("A JSON document is required.")


def not_json(error: json.JSONDecodeError) -> str:
    return gettext("Not valid JSON (line {line}, column {column}).").format(line=error.lineno, column=error.colno)


def not_integer() -> str:
    return gettext("A valid integer is required.")


def not_number() -> str:
    return gettext("A valid number is required.")


def not_boolean() -> str:
    return gettext("Must be true or false.")


def _type_names(expected: Any) -> str:
    names = [expected] if isinstance(expected, str) else list(expected)
    words = [_TYPE_NAMES[name]() if name in _TYPE_NAMES else str(name) for name in names]
    return or_list(words)


def of_schema(error: jsonschema.ValidationError) -> str:
    """The reason for one jsonschema error, in the active language."""
    limit, value = error.validator_value, error.instance
    keyword = str(error.validator)
    if keyword == "type":
        return gettext("{value} is not of type {type}").format(value=shown(value), type=_type_names(limit))
    if keyword == "minimum":
        return gettext("{value} is less than the minimum of {minimum}").format(value=shown(value), minimum=limit)
    if keyword == "maximum":
        return gettext("{value} is greater than the maximum of {maximum}").format(value=shown(value), maximum=limit)
    if keyword == "exclusiveMinimum":
        return gettext("{value} must be greater than {minimum}").format(value=shown(value), minimum=limit)
    if keyword == "exclusiveMaximum":
        return gettext("{value} must be less than {maximum}").format(value=shown(value), maximum=limit)
    if keyword == "enum":
        return gettext("{value} is not one of {choices}").format(value=shown(value), choices=shown(limit))
    if keyword == "const":
        return gettext("{expected} was expected").format(expected=shown(limit))
    if keyword == "required":
        missing = [name for name in limit if isinstance(value, dict) and name not in value]
        return gettext("{name} is a required property").format(name=shown(missing[0] if missing else limit[0]))
    if keyword == "minLength":
        return ngettext(
            "{value} is too short: at least {count} character",
            "{value} is too short: at least {count} characters",
            limit,
        ).format(value=shown(value), count=limit)
    if keyword == "maxLength":
        return ngettext(
            "{value} is too long: at most {count} character",
            "{value} is too long: at most {count} characters",
            limit,
        ).format(value=shown(value), count=limit)
    if keyword == "minItems":
        return ngettext("At least {count} item is required", "At least {count} items are required", limit).format(
            count=limit
        )
    if keyword == "maxItems":
        return ngettext("At most {count} item is allowed", "At most {count} items are allowed", limit).format(
            count=limit
        )
    if keyword == "pattern":
        return gettext("{value} does not match the pattern {pattern}").format(value=shown(value), pattern=limit)
    if keyword == "additionalProperties":
        extra = sorted(set(value) - set(error.schema.get("properties", {}))) if isinstance(value, dict) else []
        return gettext("Properties not allowed here: {names}").format(names=", ".join(extra))
    if keyword in {"anyOf", "oneOf"}:
        return gettext("{value} matches none of the allowed forms").format(value=shown(value))
    if keyword == "uniqueItems":
        return gettext("{value} has items that appear more than once").format(value=shown(value))
    return gettext("Not allowed by the schema: {detail}").format(detail=error.message)
