"""Indexes for filters combined. At 10 million calls, with one index per
filter, PostgreSQL walked one and filtered the others: a shop with an endpoint
(up to 4.7 s for the big app's 30 days), a shop or a rare endpoint with the
5xx filter (the errors' index, filtered by shop: 220 ms). The errors' indexes
are partial (status >= 400, about 6% of calls), so they cost writes little.
On PostgreSQL each is created on the partitioned table, so every day's
partition gets its own. docs/calllogs.md has the table."""

from django.db import migrations

INDEXES = {
    "calllogs_log_app_shop_endpoint_at": "(app_id, shop_id, path_template, at DESC, id DESC)",
    "calllogs_log_app_shop_errors_at": "(app_id, shop_id, at DESC, id DESC) WHERE status >= 400",
    "calllogs_log_app_endpoint_errors_at": "(app_id, path_template, at DESC, id DESC) WHERE status >= 400",
}


class Migration(migrations.Migration):
    dependencies = [
        ("calllogs", "0002_rollup_time_indexes"),
    ]

    operations = [
        migrations.RunSQL(f"CREATE INDEX {name} ON calllogs_calllog {columns}", f"DROP INDEX {name}")
        for name, columns in INDEXES.items()
    ]
