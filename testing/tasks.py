"""Celery tasks of Testing Account: nudges. The scenario rows are the truth."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(acks_late=True, ignore_result=True)
def advance_scenario(scenario_id: int) -> None:
    """Play the scenario's next step if it is due (nudged after each step, with the step's countdown)."""
    services.scenario_advance(scenario_id=scenario_id)


@shared_task(acks_late=True, ignore_result=True)
def advance_due_scenarios() -> None:
    """Beat's sweep: every step that is due, whatever became of its nudge (a worker restart)."""
    services.scenarios_advance_due()
