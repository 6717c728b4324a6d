"""UnifiedWebSocketManager: the one WebSocket connection registry of the backend."""
import asyncio
import json

try:
    from netra_backend.app.websocket_core.fast_json import dumps
except ImportError:  # optional accelerator, not shipped in every build
    dumps = json.dumps


class UnifiedWebSocketManager:
    def __init__(self):
        self._connections: dict[str, set] = {}
        self._lock = asyncio.Lock()

    async def connect(self, user_id: str, websocket) -> None:
        async with self._lock:
            self._connections.setdefault(user_id, set()).add(websocket)

    async def disconnect(self, user_id: str, websocket) -> None:
        async with self._lock:
            sockets = self._connections.get(user_id, set())
            sockets.discard(websocket)
            if not sockets:
                self._connections.pop(user_id, None)

    async def send_to_user(self, user_id: str, event: str, payload: dict) -> int:
        message = dumps({"type": event, "payload": payload})
        sent = 0
        for websocket in list(self._connections.get(user_id, ())):
            await websocket.send_text(message)
            sent += 1
        return sent

    def connection_count(self) -> int:
        return sum(len(s) for s in self._connections.values())
