# SandboxProduct and SandboxOrder moved here from openapi/ with their tables:
# this migration only tells Django's model state so (the tables keep their
# names, see Meta.db_table), and relabels the content types and audit targets
# so history follows the rows.

import django.db.models.deletion
from django.db import migrations, models

MOVED = ("sandboxproduct", "sandboxorder")


def _relabel(apps, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=old, model__in=MOVED).update(app_label=new)
    AuditEvent = apps.get_model("audit", "AuditEvent")
    for model in MOVED:
        AuditEvent.objects.filter(target_type=f"{old}.{model}").update(target_type=f"{new}.{model}")


def relabel(apps, schema_editor) -> None:
    _relabel(apps, "openapi", "sandbox")


def relabel_back(apps, schema_editor) -> None:
    _relabel(apps, "sandbox", "openapi")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("audit", "0002_partner_moved_to_partners"),
        ("shops", "0001_initial"),
        ("openapi", "0002_notify_row_changes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SandboxProduct",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("product_id", models.BigIntegerField(unique=True)),
                        ("name", models.CharField(max_length=200)),
                        ("sku", models.CharField(max_length=50)),
                        ("price", models.PositiveIntegerField(help_text="Rupiah")),
                        ("stock", models.PositiveIntegerField()),
                        ("weight", models.PositiveIntegerField(help_text="Grams")),
                        ("category_id", models.PositiveIntegerField()),
                        ("condition", models.PositiveSmallIntegerField(default=1)),
                        ("status", models.PositiveSmallIntegerField(default=1)),
                        ("created_at", models.DateTimeField()),
                        (
                            "shop",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="sandbox_products",
                                to="shops.shop",
                            ),
                        ),
                    ],
                    options={"ordering": ["product_id"], "db_table": "openapi_sandboxproduct"},
                ),
                migrations.CreateModel(
                    name="SandboxOrder",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("order_id", models.BigIntegerField(unique=True)),
                        ("invoice_number", models.CharField(max_length=64)),
                        (
                            "status",
                            models.PositiveSmallIntegerField(
                                choices=[
                                    (0, "Seller cancelled the order"),
                                    (10, "Order rejected by seller"),
                                    (220, "Payment verified, order ready to process"),
                                    (400, "Seller accepted the order"),
                                    (500, "Order shipped"),
                                    (600, "Order delivered"),
                                    (700, "Order finished"),
                                ],
                                default=220,
                            ),
                        ),
                        ("buyer", models.JSONField(default=dict)),
                        ("items", models.JSONField(default=list)),
                        ("destination", models.JSONField(default=dict)),
                        ("courier", models.CharField(max_length=50)),
                        ("shipping_price", models.PositiveIntegerField()),
                        ("total_price", models.PositiveIntegerField()),
                        ("reject_reason_code", models.PositiveSmallIntegerField(blank=True, null=True)),
                        ("reject_reason", models.CharField(blank=True, max_length=500)),
                        ("created_at", models.DateTimeField()),
                        ("updated_at", models.DateTimeField()),
                        (
                            "shop",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="sandbox_orders",
                                to="shops.shop",
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["created_at", "order_id"],
                        "indexes": [models.Index(fields=["shop", "created_at"], name="sandbox_order_shop_time")],
                        "db_table": "openapi_sandboxorder",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel, relabel_back),
    ]
