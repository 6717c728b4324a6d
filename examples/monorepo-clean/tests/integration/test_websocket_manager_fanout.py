"""One user with several tabs gets every message on every connection."""
import asyncio

from netra_backend.app.websocket_core.unified_manager import UnifiedWebSocketManager


class Tab:
    def __init__(self):
        self.received = []

    async def send_text(self, text):
        self.received.append(text)


def test_message_fans_out_to_all_connections_of_a_user():
    manager = UnifiedWebSocketManager()
    tabs = [Tab(), Tab(), Tab()]

    async def scenario():
        for tab in tabs:
            await manager.connect("user-1", tab)
        await manager.connect("user-2", Tab())
        return await manager.send_to_user("user-1", "agent_thinking", {"step": 1})

    assert asyncio.run(scenario()) == 3
    assert all(len(tab.received) == 1 for tab in tabs)
    assert manager.connection_count() == 4
