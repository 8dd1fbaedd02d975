"""The API reference page, built from the OpenAPI document the Open API's views
declare (drf-spectacular), rendered by the console's own templates.

Each operation is anchored at its operationId (`/openapi/docs/#order_list`):
links into the reference use it, and it stays stable while the document changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.utils.functional import lazy
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_lazy, ngettext, pgettext
from drf_spectacular.generators import SchemaGenerator

from console.lib.text import or_list

from .reader_text import reader_text, translated

MAX_DEPTH = 4  # nested fields shown; deeper ones are named by their type only
SHARED = {"ErrorEnvelope"}  # described once, in the page's introduction
LEAVES = frozenset({"Header"})  # the envelope's header: its fields are described once, with the errors
METHOD_ORDER = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Row:
    name: str
    depth: int
    type: str
    required: bool
    description: SafeString


@dataclass(frozen=True)
class Body:
    media_type: str
    rows: list[Row]
    shared: str = ""  # a schema described once for the whole page


@dataclass(frozen=True)
class Response:
    status: str
    description: SafeString
    body: Body | None


@dataclass(frozen=True)
class Operation:
    id: str
    method: str
    path: str
    summary: str
    description: SafeString
    auth: str
    parameters: list[Row]
    body: Body | None
    responses: list[Response]


@dataclass
class Section:
    name: str
    description: SafeString
    operations: list[Operation] = field(default_factory=list)

    @property
    def id(self) -> str:
        return "tag-" + re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")

    @property
    def label(self) -> str:
        """The tag's name in the reader's language (the document, and the anchor, keep the English)."""
        return translated(self.name)


@dataclass(frozen=True)
class Reference:
    title: str
    version: str
    description: SafeString
    sections: list[Section]
    errors: list[Row]

    @property
    def operation_count(self) -> int:
        return sum(len(section.operations) for section in self.sections)


def inline(text: str | None) -> SafeString:
    """Escaped text with `code` spans and paragraphs, the document's only markup."""
    escaped = str(escape(text or ""))
    escaped = re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", escaped) if p.strip()]
    if len(paragraphs) <= 1:
        return mark_safe(paragraphs[0] if paragraphs else "")  # noqa: S308 - escaped above
    return mark_safe("".join(f"<p>{p}</p>" for p in paragraphs))  # noqa: S308 - escaped above


def _inline_translated(text: str | None) -> SafeString:
    return inline(translated(text or ""))


# The reference is built once per process; what it shows a reader is rendered
# in each page's language (openapi/reader_text.py): lazy, translated on rendering.
reader_html = lazy(_inline_translated, SafeString)

_AUTH = {
    "bearerAuth": gettext_lazy("Bearer token"),
    "basicAuth": gettext_lazy("HTTP Basic (Client ID and Client Secret)"),
}


def _auth(security: tuple[str, ...]) -> str:
    names = [str(_AUTH.get(name, name)) for name in security]
    if not names:
        return pgettext("authentication", "None")
    return or_list(names)


_lazy_auth = lazy(_auth, str)


def _type(schemas: _Schemas, schema: dict[str, Any]) -> str:
    return schemas.type_of(schema)


def _parameter_type(schemas: _Schemas, where: str, schema: dict[str, Any]) -> str:
    return f"{where}, {schemas.type_of(schema)}"


_lazy_type = lazy(_type, str)
_lazy_parameter_type = lazy(_parameter_type, str)


class _Schemas:
    def __init__(self, components: dict[str, Any], leaves: frozenset[str] = LEAVES) -> None:
        self.components = components
        self.leaves = leaves

    def resolve(self, schema: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
        name = None
        while "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = self.components.get(name, {})
        if "allOf" in schema and len(schema["allOf"]) == 1:
            inner_name, inner = self.resolve(schema["allOf"][0])
            merged = {**inner, **{k: v for k, v in schema.items() if k != "allOf"}}
            return name or inner_name, merged
        return name, schema

    def type_of(self, schema: dict[str, Any]) -> str:
        name, schema = self.resolve(schema)
        if "oneOf" in schema or "anyOf" in schema:
            return or_list(self.type_of(s) for s in schema.get("oneOf", schema.get("anyOf", [])))
        kind = schema.get("type", "object" if "properties" in schema else "")
        if kind == "array":
            return gettext("array of {type}").format(type=self.type_of(schema.get("items", {})))
        detail = []
        if schema.get("format"):
            detail.append(schema["format"])
        if "enum" in schema:
            values = ", ".join(str(v) for v in schema["enum"] if v not in ("", None))
            detail.append(gettext("one of {values}").format(values=values))
        if "minimum" in schema and "maximum" in schema and schema["maximum"] < 10**12:
            detail.append(
                gettext("{minimum} to {maximum}").format(minimum=schema["minimum"], maximum=schema["maximum"])
            )
        elif "maximum" in schema and schema["maximum"] < 10**12:
            detail.append(gettext("at most {maximum}").format(maximum=schema["maximum"]))
        if "maxLength" in schema:
            count = schema["maxLength"]
            detail.append(ngettext("up to {count} character", "up to {count} characters", count).format(count=count))
        if "default" in schema:
            detail.append(gettext("default {value}").format(value=schema["default"]))
        label = kind or (name or "any")
        if schema.get("nullable"):
            label = gettext("{type}, nullable").format(type=label)
        return f"{label} ({'; '.join(detail)})" if detail else label

    def rows(
        self, schema: dict[str, Any], prefix: str = "", depth: int = 0, seen: frozenset[str] = frozenset()
    ) -> list[Row]:
        name, schema = self.resolve(schema)
        if name in seen or depth >= MAX_DEPTH or (name in self.leaves and prefix):
            return []
        seen = seen | {name} if name else seen
        if schema.get("type") == "array":
            return self.rows(schema.get("items", {}), f"{prefix}[]", depth, seen)
        rows: list[Row] = []
        required = set(schema.get("required", []))
        for key, sub in schema.get("properties", {}).items():
            _, resolved = self.resolve(sub)
            path = f"{prefix}.{key}" if prefix else key
            rows.append(
                Row(path, depth, _lazy_type(self, sub), key in required, reader_html(resolved.get("description")))
            )
            rows += self.rows(sub, path, depth + 1, seen)
        return rows


def _body(content: dict[str, Any] | None, schemas: _Schemas) -> Body | None:
    if not content:
        return None
    media_type, media = next(iter(content.items()))
    schema = media.get("schema")
    if not schema:
        return Body(media_type, [])
    name, _ = schemas.resolve(schema)
    if name in SHARED:
        return Body(media_type, [], shared=name)
    rows = schemas.rows(schema)
    if not rows:  # a scalar or an opaque object: one row naming its type
        description = schemas.resolve(schema)[1].get("description")
        rows = [Row("(body)", 0, _lazy_type(schemas, schema), True, reader_html(description))]
    return Body(media_type, rows)


def build(document: dict[str, Any]) -> Reference:
    schemas = _Schemas(document.get("components", {}).get("schemas", {}))
    sections = {
        tag["name"]: Section(tag["name"], reader_html(tag.get("description"))) for tag in document.get("tags", [])
    }
    for path, item in document.get("paths", {}).items():
        for method in METHOD_ORDER:
            op = item.get(method)
            if not op:
                continue
            parameters = [
                Row(
                    p["name"],
                    0,
                    _lazy_parameter_type(schemas, p["in"], p.get("schema", {})),
                    bool(p.get("required")),
                    reader_html(p.get("description")),
                )
                for p in op.get("parameters", [])
            ]
            request = op.get("requestBody") or {}
            security = [name for requirement in op.get("security", []) for name in requirement]

            operation = Operation(
                id=op.get("operationId") or f"{method}-{path}",
                method=method.upper(),
                path=path,
                summary=reader_text(op.get("summary", "")),
                description=reader_html(op.get("description")),
                auth=_lazy_auth(tuple(security)),
                parameters=parameters,
                body=_body(request.get("content"), schemas),
                responses=[
                    Response(status, reader_html(response.get("description")), _body(response.get("content"), schemas))
                    for status, response in sorted(op.get("responses", {}).items())
                ],
            )
            tag = (op.get("tags") or ["Other"])[0]
            sections.setdefault(tag, Section(tag, inline(""))).operations.append(operation)
    info = document.get("info", {})
    return Reference(
        title=info.get("title", "API reference"),
        version=str(info.get("version", "")),
        description=inline(info.get("description")),
        sections=[section for section in sections.values() if section.operations],
        errors=_Schemas(schemas.components, leaves=frozenset()).rows({"$ref": "#/components/schemas/ErrorEnvelope"}),
    )


@lru_cache(maxsize=1)
def reference() -> Reference:
    """The reference of this process's Open API (the document is fixed at start-up)."""
    return build(SchemaGenerator().get_schema(request=None, public=True))
