// A real OpenID Connect provider (panva's certified oidc-provider) on loopback, for Roster's tests.
//   PORT=4011 CLIENTS='[{"client_id":"roster","client_secret":"...","redirect_uris":["http://127.0.0.1:5080/..."]}]' node provider.mjs
// Its development login form accepts any login, which names the person and their claims:
//   alice@frontstreet.example                      email verified, name "alice"
//   alice@frontstreet.example;name=Alice Archer;groups=sales,support;unverified
// Consent is granted at once. It prints "listening <issuer>" when ready.
// Two more options ask for an ID token a test can check Roster against (the middleware at the end rewrites it,
// and signs again any token of a login with options, so its sub is the person's and not the whole login string):
//   ;amr=pwd,otp                 the authentication methods the token claims
//   ;tamper=unsigned|wrongkey|audience|issuer|expired|nonce
//                                unsigned: alg "none"; wrongkey: signed by a key the provider does not publish;
//                                the others: that claim made wrong, signed again with the provider's own key.
import Provider from 'oidc-provider';
import { SignJWT, decodeJwt, exportJWK, generateKeyPair } from 'jose';

const port = Number(process.env.PORT ?? 4011);
const issuer = `http://127.0.0.1:${port}`;
const clients = JSON.parse(process.env.CLIENTS ?? '[]').map((client) => ({
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_post',
  ...client,
}));

// The provider's signing key is made here rather than by the provider, so the middleware can sign with it too.
const own = await generateKeyPair('RS256', { extractable: true });
const stranger = await generateKeyPair('RS256');
const jwk = { ...(await exportJWK(own.privateKey)), kid: 'roster-test', alg: 'RS256', use: 'sig' };

function person(login) {
  const [email, ...options] = login.split(';');
  const claims = { sub: email, email, email_verified: true, name: email.split('@')[0] };
  for (const option of options) {
    const [key, ...rest] = option.split('=');
    const value = rest.join('=');
    if (key === 'unverified') claims.email_verified = false;
    else if (key === 'name') claims.name = value;
    else if (key === 'groups') claims.groups = value ? value.split(',') : [];
    else if (key === 'sub') claims.sub = value;
  }
  return claims;
}

const provider = new Provider(issuer, {
  clients,
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
  scopes: ['openid', 'email', 'profile', 'groups'],
  conformIdTokenClaims: false,
  findAccount: (ctx, id) => ({ accountId: id, claims: () => person(id) }),
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile groups');
    grant.addOIDCClaims(['email', 'email_verified', 'name', 'groups']);
    await grant.save();
    return grant;
  },
  pkce: { required: () => true },
  cookies: { keys: ['roster-test-provider-only'] },
  jwks: { keys: [jwk] },
  features: { devInteractions: { enabled: true } },
});

function hostile(login) {
  const options = Object.fromEntries(login.split(';').slice(1).map((option) => option.split('=')));
  return { amr: options.amr?.split(','), tamper: options.tamper };
}

const base64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

provider.use(async (ctx, next) => {
  await next();
  const login = ctx.oidc?.entities?.AuthorizationCode?.accountId;
  if (ctx.path !== '/token' || !ctx.body?.id_token || !login?.includes(';')) return;
  const { amr, tamper } = hostile(login);
  const claims = decodeJwt(ctx.body.id_token);
  const now = Math.floor(Date.now() / 1000);
  // The provider's account id is the whole login string, and it makes that the sub; the person's is person(login).sub.
  claims.sub = person(login).sub;
  if (amr) claims.amr = amr;
  if (tamper === 'audience') claims.aud = 'someone-else';
  if (tamper === 'issuer') claims.iss = 'http://127.0.0.1:1';
  if (tamper === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
  if (tamper === 'nonce') claims.nonce = 'not-the-nonce-roster-sent';
  ctx.body.id_token = tamper === 'unsigned'
    ? `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`
    : await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'roster-test' })
      .sign(tamper === 'wrongkey' ? stranger.privateKey : own.privateKey);
});

// A redirect URI registered with a trailing "*" takes any address that starts with the rest: a test registers
// Roster's callback prefix before Roster has given the provider its id. Never do this at a real provider.
const exact = provider.Client.prototype.redirectUriAllowed;
provider.Client.prototype.redirectUriAllowed = function allowed(uri) {
  return exact.call(this, uri)
    || this.redirectUris.some((registered) => registered.endsWith('*') && uri.startsWith(registered.slice(0, -1)));
};

provider.listen(port, '127.0.0.1', () => console.log(`listening ${issuer}`));
