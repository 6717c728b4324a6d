// Mints one HS256 token per virtual user and offers it as the jwt-auth + jwt.<token> subprotocol pair,
// as goldenPathGate's jwt login does, so both load generators do comparable work per user.
'use strict';
const crypto = require('crypto');

function b64url(input) {
  return Buffer.from(input).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

function mint(subject, secret) {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const claims = b64url(JSON.stringify({ sub: subject, iat: now, exp: now + 900 }));
  const signature = crypto.createHmac('sha256', secret).update(header + '.' + claims).digest('base64')
    .replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return header + '.' + claims + '.' + signature;
}

function connectWithToken(wsArgs, context, done) {
  const token = mint('e2e-' + context.vars.$uuid + '@example.com', process.env.JWT_SECRET_KEY);
  wsArgs.subprotocols = ['jwt-auth', 'jwt.' + token];
  context.vars.threadId = 'thread-' + context.vars.$uuid;
  done();
}

module.exports = { connectWithToken };
