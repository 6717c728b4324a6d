import asyncio

from netra_backend.app.websocket_core.unified_manager import UnifiedWebSocketManager


class Socket:
    async def send_text(self, text):
        pass


def test_last_disconnect_forgets_the_user():
    manager = UnifiedWebSocketManager()
    socket = Socket()

    async def scenario():
        await manager.connect("u", socket)
        await manager.disconnect("u", socket)
        return await manager.send_to_user("u", "agent_started", {})

    assert asyncio.run(scenario()) == 0
    assert manager.connection_count() == 0
