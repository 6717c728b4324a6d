"""DEPRECATED: WebSocketNotifier predates AgentWebSocketBridge and is kept only for old imports."""


class WebSocketNotifier:
    def __init__(self, manager):
        self._manager = manager

    async def send_agent_started(self, user_id: str, run_id: str) -> None:
        await self._manager.send_to_user(user_id, "agent_started", {"run_id": run_id})

    async def send_agent_completed(self, user_id: str, run_id: str, result: dict) -> None:
        await self._manager.send_to_user(user_id, "agent_completed", {"run_id": run_id, "result": result})
