"""Runs one agent request and reports its progress to the user."""
from netra_backend.app.agents.supervisor.websocket_notifier import WebSocketNotifier
from netra_backend.app.websocket_core.unified_manager import UnifiedWebSocketManager


class AgentRunner:
    def __init__(self, manager: UnifiedWebSocketManager):
        self._notifier = WebSocketNotifier(manager)

    async def run(self, user_id: str, run_id: str, prompt: str) -> dict:
        await self._notifier.send_agent_started(user_id, run_id)
        result = {"answer": prompt.strip().capitalize(), "tokens": len(prompt.split())}
        await self._notifier.send_agent_completed(user_id, run_id, result)
        return result
