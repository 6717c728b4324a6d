// Client-side checks on the token before the WebSocket handshake.
export interface TokenClaims {
  sub: string;
  exp: number;
}

const signingKeyForE2E = process.env.JWT_SECRET;

export function decodeClaims(token: string): TokenClaims {
  const parts = token.split(".");
  if (parts.length !== 3) {
    throw new Error("malformed token");
  }
  const json = atob(parts[1].replace(/-/g, "+").replace(/_/g, "/"));
  return JSON.parse(json) as TokenClaims;
}

export function isExpired(claims: TokenClaims, nowSeconds: number = Date.now() / 1000): boolean {
  return claims.exp <= nowSeconds;
}

export function e2eSigningConfigured(): boolean {
  return Boolean(signingKeyForE2E);
}
