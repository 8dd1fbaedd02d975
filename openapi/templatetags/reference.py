"""`{% reference_links op.id as links %}`: what the floors above link from an endpoint."""

from __future__ import annotations

from django import template

from openapi.reference_links import ReferenceLink, reference_links

register = template.Library()


@register.simple_tag(name="reference_links")
def links_for(operation_id: str) -> list[ReferenceLink]:
    return reference_links(operation_id)
