"""Tokopedia's webhook endpoints: register, list, trigger, and an order's webhook payload.

They sit on webhooks/ (endpoints, secret, delivery); the bodies of order
webhooks come from sandbox/webhook_payloads.py.
"""

from __future__ import annotations

from typing import Any

from django.core.validators import RegexValidator
from django.db import transaction
from django.utils.translation import gettext_noop
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request

from sandbox import webhook_payloads
from webhooks import services as webhooks
from webhooks import targets
from webhooks.events import ORDER_EVENTS, URL_FIELDS
from webhooks.models import Endpoint

from .api import ApiError, OpenApiView, validated
from .order_views import ORDER_ID, order_of_app, path_id
from .schema_fields import ErrorEnvelope, envelope_of
from .views import FS_ID, responses


class RegisterBody(serializers.Serializer):
    webhook_secret = serializers.CharField(
        required=False,
        allow_blank=False,
        min_length=webhooks.MIN_SECRET_LENGTH,
        max_length=webhooks.MAX_SECRET_LENGTH,
        validators=[RegexValidator(webhooks.SECRET_PATTERN)],
        trim_whitespace=False,
        help_text=gettext_noop(
            "Secret of the HMAC signatures. Left out: the current secret stays (one is generated if none)."
        ),
    )


for _field in URL_FIELDS.values():
    RegisterBody._declared_fields[_field] = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text=gettext_noop("Left out or empty: no URL for this event."),
    )


class WebhookList(serializers.Serializer):
    fs_id = serializers.IntegerField()
    webhook_secret = serializers.CharField()


for _field in URL_FIELDS.values():
    WebhookList._declared_fields[_field] = serializers.CharField(allow_blank=True)


class TriggerBody(serializers.Serializer):
    order_id = serializers.IntegerField(min_value=1)
    type = serializers.ChoiceField(choices=list(ORDER_EVENTS), help_text="order_status or order_notification")
    url = serializers.CharField(
        required=False, allow_blank=True, max_length=500, help_text=gettext_noop("Empty: the registered URL.")
    )
    is_encrypted = serializers.BooleanField(
        required=False, default=False, help_text=gettext_noop("Accepted; bodies are plain JSON.")
    )

    def to_internal_value(self, data: Any) -> Any:
        # Tokopedia's own example sends "Type": take either spelling.
        if hasattr(data, "get") and "type" not in data and "Type" in data:
            data = {**data, "type": data["Type"]}
        return super().to_internal_value(data)


class PayloadQuery(serializers.Serializer):
    type = serializers.ChoiceField(choices=list(ORDER_EVENTS), help_text="order_status or order_notification")


_RESULT = envelope_of("WebhookActionEnvelope", serializers.CharField(help_text='"success"'))
_LIST = envelope_of("WebhookListEnvelope", WebhookList())
_PAYLOAD = envelope_of("WebhookPayloadEnvelope", serializers.JSONField(help_text=gettext_noop("The webhook's body.")))


class WebhookRegisterView(OpenApiView):
    operation = "webhook_register"

    @extend_schema(
        operation_id="webhook_register",
        tags=["Webhook"],
        summary=gettext_noop("Set every webhook URL and the secret at once (a URL left out becomes empty)"),
        parameters=[FS_ID],
        request=RegisterBody,
        responses=responses(_RESULT),
    )
    def post(self, request: Request, fs_id: str) -> Any:
        body = validated(RegisterBody, request.data)
        app = self.caller.app
        urls = {event: body.get(field, "") for event, field in URL_FIELDS.items()}
        try:
            webhooks.webhook_endpoints_register(
                app=app, urls=urls, secret=body.get("webhook_secret"), actor=None, actor_label=f"App {app.fs_id}"
            )
        except webhooks.WebhookSettingsInvalid as invalid:
            raise ApiError(400, "INVALID_PARAMETER", str(invalid)) from invalid
        return self.ok("success")


class WebhookListView(OpenApiView):
    operation = "webhook_list"

    @extend_schema(
        operation_id="webhook_list",
        tags=["Webhook"],
        summary=gettext_noop("The registered webhook URLs and secret"),
        parameters=[FS_ID],
        responses=responses(_LIST),
    )
    def get(self, request: Request, fs_id: str) -> Any:
        app = self.caller.app
        urls = dict(Endpoint.objects.filter(app=app).values_list("event", "url"))
        data: dict[str, Any] = {"fs_id": app.fs_id}
        data.update({field: urls.get(event, "") for event, field in URL_FIELDS.items()})
        data["webhook_secret"] = webhooks.webhook_secret_reveal(app=app) or ""
        return self.ok(data)


class WebhookTriggerView(OpenApiView):
    operation = "webhook_trigger"

    @extend_schema(
        operation_id="webhook_trigger",
        tags=["Webhook"],
        summary=gettext_noop("Send an order's webhook now, to the registered URL or to `url`"),
        parameters=[FS_ID],
        request=TriggerBody,
        responses=responses(_RESULT, 404),
    )
    def post(self, request: Request, fs_id: str) -> Any:
        body = validated(TriggerBody, request.data)
        app = self.caller.app
        order = order_of_app(app, order_id=body["order_id"])
        if webhooks.webhook_secret_reveal(app=app) is None:
            raise ApiError(
                400, "WEBHOOK_NOT_REGISTERED", "Register a webhook secret first (POST /v1/fs/{fs_id}/register)."
            )
        url = (body.get("url") or "").strip() or None
        if url is not None:
            try:
                targets.check(url)
            except targets.TargetRefused as refused:
                raise ApiError(400, "INVALID_PARAMETER", f"url: {refused}") from refused
        payload = webhook_payloads.BUILDERS[body["type"]](app, order)
        with transaction.atomic():
            delivery = webhooks.webhook_event_fire(
                app=app, event=body["type"], payload=payload, url=url, subject=f"order:{order.order_id}"
            )
        if delivery is None:
            raise ApiError(
                400,
                "WEBHOOK_NOT_REGISTERED",
                f"No {URL_FIELDS[body['type']]} is registered (or its endpoint is disabled); register one or send url.",
            )
        return self.ok("success")


class WebhookPayloadView(OpenApiView):
    operation = "webhook_payload"

    @extend_schema(
        operation_id="webhook_payload",
        tags=["Webhook"],
        summary=gettext_noop("The body of an order's webhook, as the order stands now"),
        parameters=[ORDER_ID, FS_ID, PayloadQuery],
        responses={**responses(_PAYLOAD, 404), 400: OpenApiResponse(ErrorEnvelope)},
    )
    def get(self, request: Request, order_id: str, fs_id: str) -> Any:
        query = validated(PayloadQuery, request.query_params)
        order = order_of_app(self.caller.app, order_id=path_id("order_id", order_id))
        return self.ok(webhook_payloads.BUILDERS[query["type"]](self.caller.app, order))
