"""A shop and an endpoint together: without an index leading with both, the
big app's 7- and 30-day first pages walked one of them and filtered the other
(up to 4.7 s at 10 million calls, docs/calllogs.md). On PostgreSQL the index is
created on the partitioned table, so every day's partition gets its own."""

from django.db import migrations

CREATE = (
    "CREATE INDEX calllogs_log_app_shop_endpoint_at "
    "ON calllogs_calllog (app_id, shop_id, path_template, at DESC, id DESC)"
)
DROP = "DROP INDEX calllogs_log_app_shop_endpoint_at"


class Migration(migrations.Migration):
    dependencies = [
        ("calllogs", "0002_rollup_time_indexes"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
