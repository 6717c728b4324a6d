import asyncio

import pytest

from netra_backend.app.services.agent_websocket_bridge import AGENT_EVENTS, AgentWebSocketBridge
from netra_backend.app.websocket_core.unified_manager import UnifiedWebSocketManager


def test_the_five_required_events_in_order():
    assert AGENT_EVENTS == ("agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_completed")


def test_unknown_event_is_refused():
    bridge = AgentWebSocketBridge(UnifiedWebSocketManager())
    with pytest.raises(ValueError, match="unknown agent event"):
        asyncio.run(bridge.emit("u", "agent_exploded"))
