"""Triggers that tell the Open API's kept rows (openapi/rowcache.py) to go.

PostgreSQL only: a statement trigger on each table whose rows a call reads
runs NOTIFY on rowcache.CHANNEL, delivered on commit to every connection
that LISTENs. Token INSERTs are left out: a new token changes no kept row,
and POST /token inserts one per request.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

from openapi.rowcache import CHANNEL

FUNCTION = "openapi_rows_changed"
TABLES = {
    ("apps_mgmt", "App"): "INSERT OR UPDATE OR DELETE OR TRUNCATE",
    ("openapi", "AccessToken"): "UPDATE OR DELETE OR TRUNCATE",
    ("shops", "Shop"): "INSERT OR UPDATE OR DELETE OR TRUNCATE",
    ("shops", "ShopLink"): "INSERT OR UPDATE OR DELETE OR TRUNCATE",
}


def create_triggers(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN PERFORM pg_notify('{CHANNEL}', ''); RETURN NULL; END $$"
    )
    for (app_label, model), events in TABLES.items():
        table = schema_editor.quote_name(apps.get_model(app_label, model)._meta.db_table)
        schema_editor.execute(
            f"CREATE TRIGGER {FUNCTION} AFTER {events} ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
        )


def drop_triggers(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for app_label, model in TABLES:
        table = schema_editor.quote_name(apps.get_model(app_label, model)._meta.db_table)
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {FUNCTION} ON {table}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")


class Migration(migrations.Migration):
    dependencies = [
        ("openapi", "0001_access_tokens_and_sandbox"),
        ("apps_mgmt", "0003_legacy_app"),
        ("shops", "0003_active_link_by_app"),
    ]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
