# SandboxProduct and SandboxOrder now live in sandbox/ (same tables): drop
# them from this app's model state only.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("openapi", "0002_notify_row_changes"),
        ("sandbox", "0001_models_moved_from_openapi"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="SandboxProduct"),
                migrations.DeleteModel(name="SandboxOrder"),
            ],
            database_operations=[],
        ),
    ]
