"""The Open API's operations, as the OpenAPI document lists them: what a post can name."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext
from drf_spectacular.generators import SchemaGenerator

from openapi.reader_text import translated

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Endpoint:
    method: str  # "GET"
    path: str  # the document's path key: "/v2/order/list"
    summary: str
    tag: str

    @property
    def key(self) -> str:
        """How a post stores it: "GET /v2/order/list"."""
        return f"{self.method} {self.path}"


@cache
def document_endpoints() -> tuple[Endpoint, ...]:
    """Every operation of the served document, grouped by tag as the reference shows them.

    The document changes only with a deploy, so it is generated once per process.
    """
    schema = SchemaGenerator().get_schema(request=None, public=True)
    tags = [tag["name"] for tag in schema.get("tags", [])]
    found = [
        Endpoint(method.upper(), path, operation.get("summary", ""), (operation.get("tags") or [""])[0])
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method in METHODS
    ]
    return tuple(sorted(found, key=lambda e: (tags.index(e.tag) if e.tag in tags else len(tags), e.path, e.method)))


def endpoint_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Choices for a form, one group per tag."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for endpoint in document_endpoints():
        groups.setdefault(translated(endpoint.tag) if endpoint.tag else gettext("Other"), []).append(
            (endpoint.key, endpoint.key)
        )
    return list(groups.items())
