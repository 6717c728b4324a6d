"""MISSION CRITICAL: the agent answers the user's question end to end."""
import asyncio

import pytest

from netra_backend.app.agents.supervisor.agent_runner import AgentRunner
from netra_backend.app.websocket_core.unified_manager import UnifiedWebSocketManager

BUSINESS_IMPACT = "chat delivers 90% of platform value"
BUSINESS_VALUE = "Protects $500K+ ARR from silent agent failures."


@pytest.mark.mission_critical
def test_agent_returns_an_answer():
    runner = AgentRunner(UnifiedWebSocketManager())
    result = asyncio.run(runner.run("user-1", "run-1", "what is our churn?"))
    assert result["answer"] == "What is our churn?"
    assert result["tokens"] == 4
