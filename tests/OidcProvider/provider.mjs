// A real OpenID Connect provider (panva's certified oidc-provider) on loopback, for Roster's tests.
//   PORT=4011 CLIENTS='[{"client_id":"roster","client_secret":"...","redirect_uris":["http://127.0.0.1:5080/..."]}]' node provider.mjs
// Its development login form accepts any login, which names the person and their claims:
//   alice@frontstreet.example                      email verified, name "alice"
//   alice@frontstreet.example;name=Alice Archer;groups=sales,support;unverified
// Consent is granted at once. It prints "listening <issuer>" when ready.
import Provider from 'oidc-provider';

const port = Number(process.env.PORT ?? 4011);
const issuer = `http://127.0.0.1:${port}`;
const clients = JSON.parse(process.env.CLIENTS ?? '[]').map((client) => ({
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_post',
  ...client,
}));

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
  features: { devInteractions: { enabled: true } },
});

provider.listen(port, '127.0.0.1', () => console.log(`listening ${issuer}`));
