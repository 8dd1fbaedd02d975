"""The Open API's endpoints as the playground offers them, read from the OpenAPI document.

Generating the document walks every view and serializer (~0.3 s), so it is
made once per deployment: kept in the shared cache under a key that changes
with the code that describes the API (openapi/), and in each process once read.
The catalogue keeps what a form needs: each operation's parameters with their
schemas (references resolved), its JSON body's schema, grouped by the
document's tags in the reference's order. Summaries and descriptions are
lazy: the document is English, each page shows them in its reader's
language (openapi/reader_text.py).

Values are checked against those schemas before anything is sent
(`Endpoint.check`), with jsonschema; the reasons are told in the reader's
language (reasons.py).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jsonschema
from django.conf import settings
from django.core.cache import cache as shared_cache
from django.utils.translation import gettext, ngettext

from openapi.reader_text import reader_text, translated

from . import reasons

log = logging.getLogger(__name__)

# Tags whose operations don't take the app's bearer token (the token endpoint
# itself, introspection for a gateway): the playground shows the token snippet instead.
LEFT_OUT_TAGS = frozenset({"Authentication"})
_INTEGER = re.compile(r"-?[0-9]{1,20}")
_METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Param:
    name: str
    location: str  # "path" or "query"
    required: bool
    schema: dict[str, Any]
    description: str = ""

    @property
    def field_name(self) -> str:
        return f"param_{self.name}"

    @property
    def kind(self) -> str:
        """How the form offers it: the app's own fs_id, a shop, an order, or a plain value."""
        if self.name == "fs_id":
            return "fs_id"
        if self.name == "shop_id":
            return "shop"
        if self.name == "order_id":
            return "order"
        if self.schema.get("enum"):
            return "enum"
        if self.schema.get("type") == "boolean":
            return "boolean"
        return "plain"

    @property
    def type(self) -> str:
        return str(self.schema.get("type", "string"))

    @property
    def bounds(self) -> str:
        """The schema's limits in words, for the field's hint."""
        schema, parts = self.schema, []
        if "minimum" in schema and "maximum" in schema and schema["maximum"] < 2**62:
            parts.append(gettext("{minimum} to {maximum}").format(minimum=schema["minimum"], maximum=schema["maximum"]))
        elif "minimum" in schema:
            parts.append(gettext("at least {minimum}").format(minimum=schema["minimum"]))
        if "maxLength" in schema:
            count = schema["maxLength"]
            parts.append(ngettext("up to {count} character", "up to {count} characters", count).format(count=count))
        if "default" in schema:
            parts.append(gettext("default {value}").format(value=json.dumps(schema["default"])))
        return ", ".join(parts)


@dataclass(frozen=True)
class Endpoint:
    operation: str
    method: str
    path: str  # the document's template, e.g. /v1/shop/fs/{fs_id}/shop-info
    tag: str
    summary: str
    description: str
    params: tuple[Param, ...]
    body_schema: dict[str, Any] | None = None
    body_required: bool = False

    def uses(self, name: str) -> bool:
        """Whether a parameter or a property of the body (or of its rows) is called `name`."""
        if any(param.name == name for param in self.params):
            return True
        schema = self.body_schema or {}
        schema = schema.get("items", schema) if schema.get("type") == "array" else schema
        return name in schema.get("properties", {})

    def check(self, raw: dict[str, str], body: str) -> tuple[dict[str, Any], Any, dict[str, str]]:
        """(values by parameter, the parsed body, errors by field name) for what a form sent."""
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for param in self.params:
            text = raw.get(param.name, "").strip()
            if text == "":
                if param.required:
                    errors[param.field_name] = f"{param.name}: {reasons.required()}"
                continue
            value, reason = _coerce(param.schema, text)
            if reason is None:
                reason = _first_error(param.schema, value)
            if reason is not None:
                errors[param.field_name] = f"{param.name}: {reason}"
            else:
                values[param.name] = value
        parsed: Any = None
        if self.body_schema is not None:
            if not body.strip():
                if self.body_required:
                    errors["body"] = f"body: {reasons.body_required()}"
            else:
                try:
                    parsed = json.loads(body)
                except json.JSONDecodeError as error:
                    errors["body"] = f"body: {reasons.not_json(error)}"
                else:
                    refused = _all_errors(self.body_schema, parsed)
                    if refused:
                        errors["body"] = "; ".join(refused)
        return values, parsed, errors

    def url(self, values: dict[str, Any]) -> str:
        """The path with its parameters filled in, and the query in the document's order."""
        path = self.path
        query: list[tuple[str, str]] = []
        for param in self.params:
            if param.name not in values:
                continue
            text = _text(values[param.name])
            if param.location == "path":
                path = path.replace("{" + param.name + "}", quote(text, safe=""))
            else:
                query.append((param.name, text))
        return f"{path}?{urlencode(query)}" if query else path


@dataclass(frozen=True)
class Group:
    tag: str
    description: str
    endpoints: tuple[Endpoint, ...] = field(default_factory=tuple)

    @property
    def label(self) -> str:
        """The tag's name in the reader's language."""
        return translated(self.tag)


@dataclass(frozen=True)
class Catalogue:
    groups: tuple[Group, ...]

    def endpoints(self) -> list[Endpoint]:
        return [endpoint for group in self.groups for endpoint in group.endpoints]

    def find(self, operation: str) -> Endpoint | None:
        return next((endpoint for endpoint in self.endpoints() if endpoint.operation == operation), None)

    def route(self, method: str, path_template: str) -> Endpoint | None:
        """The endpoint a recorded call went to (Log History keeps the method and the path key)."""
        return next((e for e in self.endpoints() if e.method == method and e.path == path_template), None)

    @property
    def first(self) -> Endpoint:
        return self.groups[0].endpoints[0]


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _coerce(schema: dict[str, Any], text: str) -> tuple[Any, str | None]:
    """A form's text as the schema's type, or the reason it isn't one."""
    kind = schema.get("type")
    if kind == "integer":
        if not _INTEGER.fullmatch(text):
            return None, reasons.not_integer()
        return int(text), None
    if kind == "boolean":
        if text.lower() not in {"true", "false"}:
            return None, reasons.not_boolean()
        return text.lower() == "true", None
    if kind == "number":
        try:
            return float(text), None
        except ValueError:
            return None, reasons.not_number()
    return text, None


def _where(error: jsonschema.ValidationError) -> str:
    path = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.absolute_path)
    return f"body{path}"


def _first_error(schema: dict[str, Any], value: Any) -> str | None:
    error = jsonschema.exceptions.best_match(jsonschema.Draft7Validator(schema).iter_errors(value))
    return None if error is None else reasons.of_schema(error)


def _all_errors(schema: dict[str, Any], value: Any, limit: int = 5) -> list[str]:
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(value), key=lambda e: list(e.absolute_path))
    return [f"{_where(error)}: {reasons.of_schema(error)}" for error in errors[:limit]]


def _resolved(node: Any, components: dict[str, Any], depth: int = 0) -> Any:
    """`node` with every $ref replaced by the component it names, and the
    document's OpenAPI 3.0 spellings made JSON Schema: `nullable`, and
    `oneOf` as `anyOf` (drf-spectacular writes "a string or an empty string"
    as overlapping branches, which oneOf would refuse for "")."""
    if depth > 20:
        return {}
    if isinstance(node, list):
        return [_resolved(item, components, depth + 1) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        name = str(node["$ref"]).rsplit("/", 1)[-1]
        return _resolved(components.get(name, {}), components, depth + 1)
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in {"example", "examples", "description", "format", "readOnly", "writeOnly", "title"}:
            if key in {"description", "example"}:
                out[key] = value
            continue
        out["anyOf" if key == "oneOf" else key] = _resolved(value, components, depth + 1)
    if out.pop("nullable", False) and isinstance(out.get("type"), str):
        out["type"] = [out["type"], "null"]
    if "allOf" in out and len(out["allOf"]) == 1:
        # drf-spectacular wraps an enum to add a description: inline it.
        inner = out.pop("allOf")[0]
        out = {**inner, **out}
    return out


def build(document: dict[str, Any]) -> Catalogue:
    """The catalogue of an OpenAPI document (pure: tests give it documents)."""
    components = document.get("components", {}).get("schemas", {})
    tags = [tag["name"] for tag in document.get("tags", [])]
    descriptions = {tag["name"]: reader_text(tag.get("description", "")) for tag in document.get("tags", [])}
    by_tag: dict[str, list[Endpoint]] = {}
    for path, operations in document.get("paths", {}).items():
        for method in _METHODS:
            operation = operations.get(method)
            if not operation or not operation.get("operationId"):
                continue
            tag = (operation.get("tags") or ["Other"])[0]
            if tag in LEFT_OUT_TAGS:
                continue
            params = tuple(
                sorted(
                    (
                        Param(
                            name=item["name"],
                            location=item["in"],
                            required=bool(item.get("required")),
                            schema=_resolved(item.get("schema", {}), components),
                            description=reader_text(item.get("description", "")),
                        )
                        for item in operation.get("parameters", [])
                        if item.get("in") in {"path", "query"}
                    ),
                    # The path's own parameters first, in the path's order; then the query's, required first.
                    key=lambda p: (p.location != "path", path.find("{" + p.name + "}"), not p.required),
                )
            )
            body = operation.get("requestBody", {})
            body_schema = body.get("content", {}).get("application/json", {}).get("schema")
            by_tag.setdefault(tag, []).append(
                Endpoint(
                    operation=operation["operationId"],
                    method=method.upper(),
                    path=path,
                    tag=tag,
                    summary=reader_text(operation.get("summary", "")),
                    description=reader_text(operation.get("description", "")),
                    params=params,
                    body_schema=_resolved(body_schema, components) if body_schema else None,
                    body_required=bool(body.get("required")),
                )
            )
    order = [tag for tag in tags if tag in by_tag] + sorted(set(by_tag) - set(tags))
    return Catalogue(
        tuple(
            Group(tag, descriptions.get(tag, ""), tuple(sorted(by_tag[tag], key=lambda e: (e.path, e.method))))
            for tag in order
        )
    )


def _code_digest() -> str:
    """Changes whenever the code the document is generated from does."""
    digest = hashlib.sha256(str(settings.SPECTACULAR_SETTINGS).encode())
    root = Path(settings.BASE_DIR) / "openapi"
    for path in sorted(root.rglob("*.py")):
        if "tests" not in path.relative_to(root).parts:
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def generate_document() -> dict[str, Any]:
    from drf_spectacular.generators import SchemaGenerator

    document: dict[str, Any] = json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True)))
    return document


def _cached_document() -> dict[str, Any]:
    key = f"playground:openapi:{_code_digest()}"
    try:
        document = shared_cache.get(key)
    except Exception:  # noqa: BLE001 - the cache is an optimisation: Redis away means generating it here
        log.warning("The cache is unavailable; generating the OpenAPI document in this process")
        document = None
    if document is None:
        document = generate_document()
        try:
            shared_cache.set(key, document, timeout=None)
        except Exception:  # noqa: BLE001 - as above
            log.warning("Could not keep the OpenAPI document in the cache")
    return dict(document)


@cache
def catalogue() -> Catalogue:
    """The Open API's endpoints, read once per process."""
    return build(_cached_document())
