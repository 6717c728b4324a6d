"""MISSION CRITICAL: login -> WebSocket -> agent events -> answer, with the real components wired together."""
import asyncio

import pytest

from netra_backend.app.auth_integration.auth import current_user, login
from netra_backend.app.services.agent_websocket_bridge import AgentWebSocketBridge
from netra_backend.app.websocket_core.unified_manager import UnifiedWebSocketManager


class Inbox:
    def __init__(self):
        self.messages = []

    async def send_text(self, text):
        self.messages.append(text)


@pytest.mark.mission_critical
def test_golden_path_delivers_the_answer():
    token, _session_id = login("user-7")
    user_id = current_user(token)
    manager = UnifiedWebSocketManager()
    inbox = Inbox()

    async def journey():
        await manager.connect(user_id, inbox)
        bridge = AgentWebSocketBridge(manager)
        await bridge.emit(user_id, "agent_started", run_id="r1")
        await bridge.emit(user_id, "agent_completed", run_id="r1", answer="42")

    asyncio.run(journey())
    assert user_id == "user-7"
    assert len(inbox.messages) == 2
    assert '"answer": "42"' in inbox.messages[-1]
