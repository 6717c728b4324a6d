// Opens the agent WebSocket with the JWT carried in the subprotocol header.
import { decodeClaims, isExpired } from "./auth-validation";

export type AgentEvent =
  | "agent_started"
  | "agent_thinking"
  | "tool_executing"
  | "tool_completed"
  | "agent_completed";

export function connectAgentSocket(url: string, token: string, onEvent: (e: AgentEvent, payload: unknown) => void): WebSocket {
  if (isExpired(decodeClaims(token))) {
    throw new Error("token expired: log in again");
  }
  const encodedToken = btoa(token).replace(/=+$/, "");
  const socket = new WebSocket(url, ["jwt-auth", `jwt.${encodedToken}`]);
  socket.onmessage = (message) => {
    const data = JSON.parse(message.data as string);
    onEvent(data.type as AgentEvent, data.payload);
  };
  return socket;
}
