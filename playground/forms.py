"""The playground's form, made from an endpoint's parameters (catalogue.Param): its first values,
and the request it makes once the schema accepts what was typed (`request_prepare`)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext

from apps_mgmt.models import App
from console.lib.errors import DomainError

from .catalogue import Endpoint, Param
from .selectors import Choice

DAY = 24 * 3600


@dataclass(frozen=True)
class Field:
    param: Param
    value: str
    error: str
    choices: list[Choice]

    @property
    def id(self) -> str:
        return f"id_{self.param.field_name}"

    @property
    def name(self) -> str:
        return self.param.field_name

    @property
    def hint(self) -> str:
        parts = [self.param.description.split("\n")[0]] if self.param.description else []
        if self.param.bounds:
            parts.append(self.param.bounds.capitalize() + ".")
        if self.param.kind == "shop" and not self.param.required:
            parts.append(gettext("Empty: every shop of the app."))
        return " ".join(part for part in parts if part)

    @property
    def numeric(self) -> bool:
        return self.param.type == "integer"

    @property
    def options(self) -> list[str]:
        """A closed list of values (enums, booleans), "" first when the field may be left out."""
        if self.param.kind == "boolean":
            values = ["true", "false"]
        elif self.param.kind == "enum":
            values = [str(item) for item in self.param.schema["enum"]]
        else:
            return []
        return values if self.param.required else ["", *values]


@dataclass(frozen=True)
class Hints:
    """Values from the app's own data for a new form: its first shop, order and product."""

    fs_id: int
    shop_id: int | None
    order_id: int | None
    product_id: int | None


def initial_values(endpoint: Endpoint, hints: Hints, now: float | None = None) -> dict[str, str]:
    """What a new form holds: the app's own ids where required, a 2-day window for order lists."""
    now = now if now is not None else time.time()
    values: dict[str, str] = {}
    for param in endpoint.params:
        value: Any = None
        if param.name == "to_date":
            value = int(now)
        elif param.name == "from_date":
            value = int(now) - 2 * DAY
        elif param.required and param.kind == "shop":
            value = hints.shop_id
        elif param.required and param.kind == "order":
            value = hints.order_id
        if value is not None:
            values[param.name] = str(value)
    return values


def example_body(endpoint: Endpoint, hints: Hints) -> str:
    """A body the schema accepts where it can, with the app's own ids, to edit before sending."""
    if endpoint.body_schema is None:
        return ""
    known = {"shop_id": hints.shop_id, "order_id": hints.order_id, "product_id": hints.product_id}
    return json.dumps(_example(endpoint.body_schema, {k: v for k, v in known.items() if v is not None}), indent=2)


def _example(schema: dict[str, Any], known: dict[str, int]) -> Any:
    if "example" in schema:
        return schema["example"]
    if "default" in schema:
        return schema["default"]
    if schema.get("enum"):
        return schema["enum"][0]
    if "anyOf" in schema:
        return _example(schema["anyOf"][0], known)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = kind[0]
    if kind == "object":
        required = set(schema.get("required", []))
        properties = schema.get("properties", {})
        return {
            name: known[name] if name in known else _example(sub, known)
            for name, sub in properties.items()
            if name in required or name in known
        }
    if kind == "array":
        return [_example(schema.get("items", {}), known)] * max(1, min(int(schema.get("minItems", 1)), 1))
    if kind == "integer" or kind == "number":
        return max(int(schema.get("minimum", 1)), 1)
    if kind == "boolean":
        return False
    return ""


def form_fields(
    endpoint: Endpoint, values: dict[str, str], errors: dict[str, str], shops: list[Choice], orders: list[Choice]
) -> list[Field]:
    """Every parameter but the app's fs_id (fixed), with its value, error and choices."""
    fields = []
    for param in endpoint.params:
        if param.kind == "fs_id":
            continue
        choices = shops if param.kind == "shop" else orders if param.kind == "order" else []
        fields.append(Field(param, values.get(param.name, ""), errors.get(param.field_name, ""), choices))
    return fields


class PlaygroundInvalid(DomainError):
    """Values the schema refuses: nothing was sent. `errors` maps form fields to reasons."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(gettext("Check the highlighted values: nothing was sent."))
        self.errors = errors


@dataclass(frozen=True)
class Prepared:
    """A request the schema accepts, ready to send or save."""

    endpoint: Endpoint
    values: dict[str, str]  # as typed, the app's fs_id left out
    url: str
    body: str | None  # compact JSON, as sent


def request_prepare(*, app: App, endpoint: Endpoint, values: dict[str, str], body: str) -> Prepared:
    """Check the form's values against the endpoint's schema; raise PlaygroundInvalid with each reason."""
    typed = {name: str(value) for name, value in values.items() if name != "fs_id"}
    checked, parsed, errors = endpoint.check({**typed, "fs_id": str(app.fs_id)}, body)
    if errors:
        raise PlaygroundInvalid(errors)
    sent_body = None
    if endpoint.body_schema is not None and body.strip():
        sent_body = json.dumps(parsed, ensure_ascii=False, separators=(",", ":"))
    kept = {param.name: typed[param.name] for param in endpoint.params if typed.get(param.name, "").strip()}
    return Prepared(endpoint=endpoint, values=kept, url=endpoint.url(checked), body=sent_body)


def values_of(data: Any, endpoint: Endpoint) -> dict[str, str]:
    """The endpoint's parameters out of a form's data (`param_<name>` fields)."""
    return {param.name: str(data.get(param.field_name, "")) for param in endpoint.params}
