"""WebSocket endpoint: authenticates the user and registers the connection."""
from netra_backend.app.auth_integration.auth import current_user
from netra_backend.app.websocket_core.unified_manager import UnifiedWebSocketManager

manager = UnifiedWebSocketManager()


async def websocket_endpoint(websocket, token: str) -> None:
    user_id = current_user(token)
    await manager.connect(user_id, websocket)
    try:
        async for _message in websocket.iter_text():
            pass
    finally:
        await manager.disconnect(user_id, websocket)
