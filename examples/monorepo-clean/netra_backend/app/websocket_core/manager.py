"""DEPRECATED: use netra_backend.app.websocket_core.unified_manager.UnifiedWebSocketManager."""
import warnings

from netra_backend.app.websocket_core.unified_manager import UnifiedWebSocketManager

warnings.warn(
    "netra_backend.app.websocket_core.manager is deprecated; use unified_manager",
    DeprecationWarning,
    stacklevel=2,
)

WebSocketManager = UnifiedWebSocketManager
