"""Log History's tables. On PostgreSQL the log is partitioned by day on `at`
(partitions are created by the writers and ahead of time by beat); on SQLite it
is a plain table. Both get the indexes Log History's filters use."""

import django.db.models.deletion
from django.db import migrations, models

LOG_COLUMNS = """
    id bigserial NOT NULL,
    at timestamp with time zone NOT NULL,
    app_id bigint NOT NULL,
    source varchar(10) NOT NULL,
    method varchar(8) NOT NULL,
    path_template varchar(200) NOT NULL,
    path varchar(2048) NOT NULL,
    status smallint NOT NULL CHECK (status >= 0),
    error_code varchar(64) NOT NULL,
    latency_ms double precision NOT NULL,
    shop_id bigint NULL,
    client_ip inet NULL,
    request_id varchar(128) NOT NULL,
    user_agent varchar(512) NOT NULL,
    request_query text NOT NULL,
    request_headers text NOT NULL,
    request_body text NOT NULL,
    response_headers text NOT NULL,
    response_body text NOT NULL
"""

# Newest first within an app, by endpoint, by shop; errors alone (a small
# partial index: the 4xx/5xx filters don't walk the successes); a request id.
INDEXES = [
    "CREATE INDEX calllogs_log_app_at ON calllogs_calllog (app_id, at DESC, id DESC)",
    "CREATE INDEX calllogs_log_app_endpoint_at ON calllogs_calllog (app_id, path_template, at DESC, id DESC)",
    "CREATE INDEX calllogs_log_app_shop_at ON calllogs_calllog (app_id, shop_id, at DESC, id DESC)",
    "CREATE INDEX calllogs_log_app_errors_at ON calllogs_calllog (app_id, at DESC, id DESC) WHERE status >= 400",
    "CREATE INDEX calllogs_log_request_id ON calllogs_calllog (request_id)",
    # The gateway's records are stored once: a replayed batch conflicts here.
    "CREATE UNIQUE INDEX calllogs_log_gateway_once ON calllogs_calllog (request_id, at) WHERE source = 'gateway'",
]


def create_log(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE TABLE calllogs_calllog ({LOG_COLUMNS}) PARTITION BY RANGE (at)")
    else:
        schema_editor.create_model(apps.get_model("calllogs", "CallLog"))
    for statement in INDEXES:
        schema_editor.execute(statement)


def drop_log(apps, schema_editor):
    schema_editor.execute("DROP TABLE calllogs_calllog")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("apps_mgmt", "0004_partner_moved_to_partners"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CallLog",
                    fields=[
                        ("id", models.BigAutoField(primary_key=True, serialize=False)),
                        ("at", models.DateTimeField(verbose_name="Time")),
                        (
                            "source",
                            models.CharField(
                                choices=[("api", "API"), ("playground", "Playground"), ("gateway", "Gateway")],
                                default="api",
                                max_length=10,
                            ),
                        ),
                        ("method", models.CharField(max_length=8)),
                        ("path_template", models.CharField(max_length=200, verbose_name="Endpoint")),
                        ("path", models.CharField(max_length=2048)),
                        ("status", models.PositiveSmallIntegerField()),
                        ("error_code", models.CharField(blank=True, max_length=64)),
                        ("latency_ms", models.FloatField(verbose_name="Latency (ms)")),
                        ("shop_id", models.BigIntegerField(blank=True, null=True)),
                        ("client_ip", models.GenericIPAddressField(blank=True, null=True)),
                        ("request_id", models.CharField(max_length=128)),
                        ("user_agent", models.CharField(blank=True, max_length=512)),
                        ("request_query", models.TextField(blank=True)),
                        ("request_headers", models.TextField(blank=True)),
                        ("request_body", models.TextField(blank=True)),
                        ("response_headers", models.TextField(blank=True)),
                        ("response_body", models.TextField(blank=True)),
                        (
                            "app",
                            models.ForeignKey(
                                db_constraint=False,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="apps_mgmt.app",
                            ),
                        ),
                    ],
                    options={"ordering": ["-at", "-id"], "managed": True},
                ),
            ],
            database_operations=[],
        ),
        # After the model is in the state, so the SQLite branch can create it from there.
        migrations.RunPython(create_log, drop_log),
        migrations.CreateModel(
            name="CallRollup",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("span", models.PositiveIntegerField()),
                ("bucket", models.DateTimeField()),
                ("calls", models.BigIntegerField(default=0)),
                ("client_errors", models.BigIntegerField(default=0)),
                ("server_errors", models.BigIntegerField(default=0)),
                ("latency_ms_sum", models.FloatField(default=0)),
                (
                    "app",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="apps_mgmt.app",
                    ),
                ),
            ],
            options={
                "constraints": [models.UniqueConstraint(fields=("app", "span", "bucket"), name="calllogs_rollup_key")],
            },
        ),
        migrations.CreateModel(
            name="EndpointRollup",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("day", models.DateField()),
                ("path_template", models.CharField(max_length=200)),
                ("calls", models.BigIntegerField(default=0)),
                (
                    "app",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="apps_mgmt.app",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("app", "day", "path_template"), name="calllogs_endpoint_rollup_key")
                ],
            },
        ),
        migrations.CreateModel(
            name="ErrorRollup",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("hour", models.DateTimeField()),
                ("status", models.PositiveSmallIntegerField()),
                ("error_code", models.CharField(blank=True, max_length=64)),
                ("calls", models.BigIntegerField(default=0)),
                (
                    "app",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="apps_mgmt.app",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("app", "hour", "status", "error_code"), name="calllogs_error_rollup_key"
                    )
                ],
            },
        ),
    ]
