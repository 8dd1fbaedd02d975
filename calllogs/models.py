"""Every Open API call and token request, and the per-app rollups the chart reads.

On PostgreSQL `CallLog` is a table partitioned by day on `at` (created by
migration 0001 in SQL, kept by storage/postgres.py); on SQLite a plain table.
Rows are written only through `calllogs.storage` (COPY in batches), never by
`save()`: the model is how the console reads them.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    API = "api", _("API")
    PLAYGROUND = "playground", _("Playground")
    GATEWAY = "gateway", _("Gateway")


class CallLog(models.Model):
    # No primary key constraint on PostgreSQL (a partitioned table's must
    # include `at`): a row is found by (app, at, id), its detail key.
    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(_("Time"))
    app = models.ForeignKey("apps_mgmt.App", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.API)
    method = models.CharField(max_length=8)
    path_template = models.CharField(_("Endpoint"), max_length=200)
    path = models.CharField(max_length=2048)
    status = models.PositiveSmallIntegerField()
    error_code = models.CharField(max_length=64, blank=True)
    latency_ms = models.FloatField(_("Latency (ms)"))
    shop_id = models.BigIntegerField(null=True, blank=True)
    client_ip = models.GenericIPAddressField(null=True, blank=True)
    request_id = models.CharField(max_length=128)
    user_agent = models.CharField(max_length=512, blank=True)
    request_query = models.TextField(blank=True)
    request_headers = models.TextField(blank=True)  # JSON object, credentials left out
    request_body = models.TextField(blank=True)
    response_headers = models.TextField(blank=True)  # JSON object
    response_body = models.TextField(blank=True)

    class Meta:
        managed = True
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.method} {self.path} {self.status}"

    @property
    def key(self) -> str:
        """The detail page's key: the time (µs since the epoch) finds the day's partition, the id the row."""
        return f"{int(self.at.timestamp() * 1_000_000)}-{self.id}"

    @property
    def status_class(self) -> str:
        return f"{self.status // 100}xx"


class CallRollup(models.Model):
    """Calls and errors of one app in one minute (span 60) or hour (span 3600)."""

    app = models.ForeignKey("apps_mgmt.App", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    span = models.PositiveIntegerField()
    bucket = models.DateTimeField()
    calls = models.BigIntegerField(default=0)
    client_errors = models.BigIntegerField(default=0)
    server_errors = models.BigIntegerField(default=0)
    latency_ms_sum = models.FloatField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["app", "span", "bucket"], name="calllogs_rollup_key")]
        # Retention deletes by time across apps: without it, a scan of every rollup.
        indexes = [models.Index(fields=["bucket"], name="calllogs_rollup_bucket")]

    def __str__(self) -> str:
        return f"{self.app_id} {self.bucket:%Y-%m-%d %H:%M} ({self.span} s): {self.calls}"


class ErrorRollup(models.Model):
    """Answers of one app in one hour that carried an error, by status and error code."""

    app = models.ForeignKey("apps_mgmt.App", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    hour = models.DateTimeField()
    status = models.PositiveSmallIntegerField()
    error_code = models.CharField(max_length=64, blank=True)
    calls = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["app", "hour", "status", "error_code"], name="calllogs_error_rollup_key")
        ]
        indexes = [models.Index(fields=["hour"], name="calllogs_error_rollup_hour")]

    def __str__(self) -> str:
        return f"{self.app_id} {self.hour:%Y-%m-%d %H}h {self.status} {self.error_code}: {self.calls}"


class EndpointRollup(models.Model):
    """Calls of one app to one endpoint (the OpenAPI path template) in one day: the endpoint filter's
    choices, `app_has_calls` and `apps_calling` read these few rows instead of the log."""

    app = models.ForeignKey("apps_mgmt.App", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    day = models.DateField()
    path_template = models.CharField(max_length=200)
    calls = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["app", "day", "path_template"], name="calllogs_endpoint_rollup_key")
        ]
        indexes = [models.Index(fields=["day"], name="calllogs_endpoint_rollup_day")]

    def __str__(self) -> str:
        return f"{self.app_id} {self.day} {self.path_template}: {self.calls}"
