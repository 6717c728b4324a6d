"""WebSocket endpoint: authenticates the user and registers the connection."""
from auth_service.auth_core.core.jwt_handler import JWTHandler
from netra_backend.app.websocket_core.manager import WebSocketManager

manager = WebSocketManager()
_jwt = JWTHandler()


async def websocket_endpoint(websocket, token: str) -> None:
    claims = _jwt.validate(token)
    user_id = claims["sub"]
    await manager.connect(user_id, websocket)
    try:
        async for _message in websocket.iter_text():
            pass
    finally:
        await manager.disconnect(user_id, websocket)
