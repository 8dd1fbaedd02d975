from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .endpoints import endpoint_choices
from .models import Post


class PostForm(forms.Form):
    """A post as staff write it. Endpoints come from the OpenAPI document."""

    title = forms.CharField(label=_("Title"), max_length=200)
    category = forms.ChoiceField(label=_("Category"), choices=Post.Category.choices, widget=forms.RadioSelect)
    endpoints = forms.MultipleChoiceField(
        label=_("Endpoints"), required=False, widget=forms.CheckboxSelectMultiple, choices=endpoint_choices
    )
    effective_date = forms.DateField(
        label=_("Effective date"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("When the change takes effect. For a deprecation, the day the endpoints stop working."),
    )
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=20000,
        help_text=_("Markdown: headings, lists, links, code, tables. HTML is shown as text."),
    )

    def __init__(self, *args: Any, post: Post | None = None, **kwargs: Any) -> None:
        if post is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": post.title,
                "category": post.category,
                "endpoints": post.endpoints,
                "effective_date": post.effective_date,
                "body": post.body,
            }
        super().__init__(*args, **kwargs)
        if post is not None:
            # A post keeps endpoints the document has since dropped.
            known = {key for _, group in endpoint_choices() for key, _ in group}
            gone = [(key, key) for key in post.endpoints if key not in known]
            field = self.fields["endpoints"]
            assert isinstance(field, forms.MultipleChoiceField)
            field.choices = [*endpoint_choices(), *([(gettext("No longer in the document"), gone)] if gone else [])]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("category") == Post.Category.DEPRECATION and not data.get("endpoints"):
            self.add_error("endpoints", _("A deprecation names the endpoints it retires."))
        return data


class CorrectionForm(PostForm):
    """A published post's correction: everything but the category, and a note partners read."""

    note = forms.CharField(
        label=_("What was corrected"),
        max_length=500,
        help_text=_("Shown with the post, e.g. “The effective date was 1 March, not 1 February.”"),
    )

    def __init__(self, *args: Any, post: Post, **kwargs: Any) -> None:
        super().__init__(*args, post=post, **kwargs)
        self.fields["category"].disabled = True


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        input_formats=["%Y-%m-%dT%H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("In the console's time zone. The post appears, and is emailed, at that minute."),
    )


# The categories a member may stop being emailed.
OPTIONAL_CATEGORIES = [(value, label) for value, label in Post.Category.choices if value not in Post.ALWAYS_EMAILED]


class EmailPreferencesForm(forms.Form):
    emailed = forms.MultipleChoiceField(
        label=_("Email me news about"), required=False, widget=forms.CheckboxSelectMultiple, choices=OPTIONAL_CATEGORIES
    )

    def muted(self) -> set[str]:
        """The categories left unticked."""
        return {value for value, _ in OPTIONAL_CATEGORIES} - set(self.cleaned_data["emailed"])
