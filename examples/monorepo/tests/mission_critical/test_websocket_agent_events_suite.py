"""MISSION CRITICAL: every agent run must deliver all five events to the user's WebSocket."""
import asyncio

import pytest

from netra_backend.app.services.agent_websocket_bridge import AGENT_EVENTS, AgentWebSocketBridge
from netra_backend.app.websocket_core.unified_manager import UnifiedWebSocketManager


class RecordingSocket:
    def __init__(self):
        self.sent = []

    async def send_text(self, text):
        self.sent.append(text)


@pytest.mark.mission_critical
def test_all_agent_events_reach_the_user():
    manager = UnifiedWebSocketManager()
    socket = RecordingSocket()
    bridge = AgentWebSocketBridge(manager)

    async def scenario():
        await manager.connect("user-1", socket)
        for event in AGENT_EVENTS:
            await bridge.emit("user-1", event, run_id="run-1")

    asyncio.run(scenario())
    assert len(socket.sent) == len(AGENT_EVENTS), "Business Value: $500K+ ARR depends on these events
    assert '"agent_completed"' in socket.sent[-1]
