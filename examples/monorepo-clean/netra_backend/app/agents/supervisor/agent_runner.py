"""Runs one agent request and reports its progress to the user."""
from netra_backend.app.services.agent_websocket_bridge import AgentWebSocketBridge
from netra_backend.app.websocket_core.unified_manager import UnifiedWebSocketManager


class AgentRunner:
    def __init__(self, manager: UnifiedWebSocketManager):
        self._bridge = AgentWebSocketBridge(manager)

    async def run(self, user_id: str, run_id: str, prompt: str) -> dict:
        await self._bridge.emit(user_id, "agent_started", run_id=run_id)
        result = {"answer": prompt.strip().capitalize(), "tokens": len(prompt.split())}
        await self._bridge.emit(user_id, "agent_completed", run_id=run_id, result=result)
        return result
