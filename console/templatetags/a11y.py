"""Template helpers shared by every page's accessibility: the error summary's
links and the "Error: " the page title starts with when a form was refused."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.translation import gettext

register = template.Library()


def _refused(value: Any) -> bool:
    if isinstance(value, forms.BaseForm):
        return value.is_bound and bool(value.errors)
    if isinstance(value, forms.BaseFormSet):
        return value.is_bound and (bool(value.non_form_errors()) or any(value.errors))
    return False


@register.simple_tag(takes_context=True)
def error_title_prefix(context: template.Context) -> str:
    """ "Error: " when any form in the page's context was refused (the GOV.UK
    pattern: a screen reader hears it first), else nothing. Views need do
    nothing: every bound form with errors counts, whatever its name."""
    seen: set[int] = set()
    for layer in context.dicts:
        for value in layer.values():
            if id(value) in seen:
                continue
            seen.add(id(value))
            if _refused(value):
                return gettext("Error:") + " "
    return ""


@register.filter
def error_target(field: BoundField) -> str:
    """The id the error summary links to: the control itself, or the first
    choice of a radio or checkbox group (which has no single control)."""
    if field.widget_type in {"radioselect", "checkboxselectmultiple"}:
        return f"{field.auto_id}_0"
    return str(field.id_for_label or field.auto_id)
