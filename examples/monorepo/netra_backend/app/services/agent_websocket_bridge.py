"""AgentWebSocketBridge: forwards agent lifecycle events to the user's WebSocket connections."""
from netra_backend.app.websocket_core.unified_manager import UnifiedWebSocketManager

AGENT_EVENTS = ("agent_started", "agent_thinking", "tool_executing", "tool_completed", "agent_completed")


class AgentWebSocketBridge:
    def __init__(self, manager: UnifiedWebSocketManager):
        self._manager = manager

    async def emit(self, user_id: str, event: str, **payload) -> int:
        if event not in AGENT_EVENTS:
            raise ValueError(f"unknown agent event {event!r}")
        return await self._manager.send_to_user(user_id, event, payload)
