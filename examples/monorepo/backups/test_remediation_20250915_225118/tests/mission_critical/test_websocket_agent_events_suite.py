"""Backup taken before the automated syntax repair (excluded by default)."""
import pytest


@pytest.mark.mission_critical
def test_all_agent_events_reach_the_user(:
    assert "agent_started" in EVENTS, "events missing
