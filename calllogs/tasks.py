from __future__ import annotations

from celery import shared_task

from . import services


@shared_task
def maintain_call_logs() -> None:
    """Hourly: tomorrow's partitions exist before the first call of the day; days past retention go."""
    services.calllog_partitions_prepare()
    services.calllog_retention_apply()
