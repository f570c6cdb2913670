// A throwaway OIDC issuer for trying the JWT routes on your machine: it serves discovery and a JWKS
// on http://127.0.0.1:9999 (the example's default jwt_issuer) and prints tokens signed with its key.
//   node examples/lambda-jwt/dev-issuer.mjs
import { createServer } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

const issuer = 'http://127.0.0.1:9999';
const { publicKey, privateKey } = await generateKeyPair('RS256');
const jwk = { ...(await exportJWK(publicKey)), kid: 'dev-key', alg: 'RS256', use: 'sig' };

createServer((req, res) => {
  const body =
    req.url === '/.well-known/openid-configuration' ? { issuer, jwks_uri: `${issuer}/jwks.json` } : req.url === '/jwks.json' ? { keys: [jwk] } : undefined;
  res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? { message: 'Not Found' }));
}).listen(9999, '127.0.0.1');

const token = (scope) =>
  new SignJWT({ scope, username: 'ada' })
    .setProtectedHeader({ alg: 'RS256', kid: 'dev-key' })
    .setIssuer(issuer)
    .setAudience('portico-example')
    .setSubject('ada')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);

console.log(`issuer ${issuer} is up. Tokens (valid one hour):`);
console.log(`  scope "read":  ${await token('read')}`);
console.log(`  scope "admin": ${await token('admin')}`);
