from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from audit.labels import known_actions
from audit.models import AuditEvent
from audit.selectors import EventFilter
from partners.models import PartnerMember
from partners.roles import ROLE_SUMMARIES, Role, can_grant


def role_choices(granter: str | None) -> list[tuple[str, str]]:
    """The roles `granter` may give (None: any), strongest first."""
    return [(role.value, str(role.label)) for role in Role if granter is None or can_grant(granter, role)]


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("They get a link that works once, for 7 days, and only for this address."),
        error_messages={
            "required": _("Enter the email address to invite."),
            "invalid": _("Enter an email address like name@company.com."),
        },
    )
    role = forms.ChoiceField(
        label=_("Role"), widget=forms.RadioSelect, error_messages={"required": _("Choose a role.")}
    )

    def __init__(self, *args: Any, granter: str | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["role"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(value, f"{label}: {ROLE_SUMMARIES[value]}") for value, label in role_choices(granter)]
        field.initial = Role.DEVELOPER


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), error_messages={"required": _("Choose a role.")})

    def __init__(self, *args: Any, granter: str | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["role"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = role_choices(granter)


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.user.email} ({obj.get_role_display()})"


class TransferForm(forms.Form):
    member = MemberChoiceField(
        label=_("New Owner"),
        queryset=PartnerMember.objects.none(),
        empty_label=_("Choose a member"),
        help_text=_("They become an Owner and the account's contact; you become an Admin."),
        error_messages={
            "required": _("Choose the member who takes over."),
            "invalid_choice": _("Choose a member of your team."),
        },
    )
    confirm = forms.BooleanField(
        label=_("I understand that I will no longer be an Owner"),
        error_messages={"required": _("Tick the box to confirm you hand over ownership.")},
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members  # type: ignore[attr-defined]


class _LogFilterForm(forms.Form):
    """The filters both logs share. Bad values are dropped (the field shows why), never a 500."""

    action = forms.ChoiceField(label=_("Action"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    refused = forms.BooleanField(label=_("Refused attempts only"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        actions = sorted(known_actions().items(), key=lambda item: item[1])
        self.fields["action"].choices = [("", gettext("Any action")), *actions]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date is before the start date."))
        return data

    def _filter(self, *, partner_id: int | None, actor: int | str | None, fs_id: int | None) -> EventFilter:
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        since, until = data.get("since"), data.get("until")
        return EventFilter(
            partner_id=partner_id,
            actor=actor,
            action=data.get("action") or "",
            fs_id=fs_id,
            since=datetime.combine(since, time.min, tzinfo=zone) if since else None,
            # "To" includes the whole day.
            until=datetime.combine(until + timedelta(days=1), time.min, tzinfo=zone) if until else None,
            refused_only=bool(data.get("refused")),
        )


class AuditFilterForm(_LogFilterForm):
    """An account's log: who among its members (or a kind of actor), which of its apps."""

    who = forms.ChoiceField(label=_("Who"), required=False)
    app = forms.TypedChoiceField(label=_("App"), required=False, coerce=int, empty_value=None)
    field_order = ["who", "action", "app", "since", "until", "refused"]

    def __init__(self, *args: Any, members: list[PartnerMember], apps: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        who: list[tuple[str, str]] = [("", gettext("Anyone"))]
        who += [(f"u{m.user_id}", m.user.email) for m in members]
        who += [
            (value, gettext("Any {kind}").format(kind=str(label).lower()))
            for value, label in AuditEvent.ActorType.choices
            if value != "user"
        ]
        self.fields["who"].choices = who  # type: ignore[attr-defined]
        any_app = [("", gettext("Any app"))]
        self.fields["app"].choices = any_app + [(str(fs_id), f"{name} ({fs_id})") for fs_id, name in apps]  # type: ignore[attr-defined]

    def event_filter(self, partner_id: int) -> EventFilter:
        self.is_valid()
        who = self.cleaned_data.get("who") or ""
        actor: int | str | None = int(who[1:]) if who.startswith("u") and who[1:].isdigit() else (who or None)
        return self._filter(partner_id=partner_id, actor=actor, fs_id=self.cleaned_data.get("app"))


class StaffAuditFilterForm(_LogFilterForm):
    """Every account's log, for staff: the account and the app by id, who by kind of actor."""

    account = forms.IntegerField(label=_("Account ID"), required=False, min_value=1)
    who = forms.ChoiceField(label=_("Who"), required=False, choices=[("", _("Anyone")), *AuditEvent.ActorType.choices])
    app = forms.IntegerField(label=_("App ID"), required=False, min_value=1)
    field_order = ["account", "who", "action", "app", "since", "until", "refused"]

    def event_filter(self) -> EventFilter:
        self.is_valid()
        data = self.cleaned_data
        return self._filter(partner_id=data.get("account"), actor=data.get("who") or None, fs_id=data.get("app"))
