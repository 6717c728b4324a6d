"""Agent request handling: queues a prompt and waits for the agent's answer."""
import asyncio

from netra_backend.app.services.agent_websocket_bridge import AgentWebSocketBridge


class AgentService:
    def __init__(self, bridge: AgentWebSocketBridge, timeout: float = 30.0):
        self._bridge = bridge
        self._timeout = timeout
        self._queue: asyncio.Queue = asyncio.Queue()

    async def submit(self, user_id: str, prompt: str) -> str:
        run_id = f"run-{user_id}-{self._queue.qsize() + 1}"
        await self._queue.put((user_id, run_id, prompt))
        await self._bridge.emit(user_id, "agent_started", run_id=run_id)
        return run_id

    def pending(self) -> list[str]:
        return [run_id for (_user, run_id, _prompt) in list(self._queue._queue)]
