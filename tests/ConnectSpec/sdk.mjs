// Drives Connect's JavaScript SDK against a running Roster over the resources it offers for the excerpt's paths:
// client.accounts (search with its RQL builder, get, update) and client.accounts.users(id) (search, create, get,
// update, delete), and its APIError for Connect's error body. The SDK's ops/ touch none of these paths.
//
//   ROSTER_API=http://127.0.0.1:5080/public/v1 ROSTER_KEY='ApiKey SU-...:...' ROSTER_ACCOUNT=VA-... \
//   ROSTER_GROUP=UG-... ROSTER_MEMBER=someone@example.com node sdk.mjs
//
// Prints one line per check ("ok ..." or "FAIL ..."); exits 1 when any check failed.
import sdk from '@cloudblueconnect/connect-javascript-sdk';

const { ConnectClient, APIError } = sdk;
const env = name => process.env[name] ?? (() => { throw new Error(`${name} is not set`); })();
const client = new ConnectClient(env('ROSTER_API'), env('ROSTER_KEY'));
const accountId = env('ROSTER_ACCOUNT');
const groupId = env('ROSTER_GROUP');
const memberEmail = env('ROSTER_MEMBER');

let failed = 0;
function check(name, condition, seen) {
  if (condition) console.log(`ok ${name}`);
  else {
    failed++;
    console.log(`FAIL ${name}: ${JSON.stringify(seen)}`);
  }
}

async function apiError(name, action, status, code) {
  try {
    const answer = await action();
    check(name, false, { answered: answer });
  } catch (e) {
    check(name, e instanceof APIError && e.status === status && e.errorCode === code && e.errors.length > 0,
      { type: e.constructor.name, status: e.status, code: e.errorCode, message: e.message });
  }
}

async function run() {
  const all = await client.accounts.search();
  check('accounts.search() lists the account', all.some(a => a.id === accountId), all.map(a => a.id));
  const account = await client.accounts.get(accountId);
  check('accounts.get(id) answers the account', account.id === accountId && account.type === 'vendor', account);
  const byName = await client.accounts.search({ name: account.name, limit: 5 });
  check('accounts.search({name}) finds it by eq', byName.length === 1 && byName[0].id === accountId, byName);
  const byText = await client.accounts.search({ name: { $ilike: account.name.slice(0, 5).toUpperCase() } });
  check('accounts.search({name: {$ilike}}) matches without case', byText.some(a => a.id === accountId), byText);
  const byList = await client.accounts.search({ id: { $in: [accountId, 'VA-000-000'] }, $ordering: ['-name'] });
  check('accounts.search({id: {$in}, $ordering}) finds it', byList.length === 1 && byList[0].id === accountId, byList);
  const none = await client.accounts.search({ id: { $not: { $eq: accountId } }, name: account.name });
  check('accounts.search({$not}) excludes it', none.length === 0, none);
  const updated = await client.accounts.update(accountId, { description: 'Updated through the SDK' });
  check('accounts.update(id) answers the change', updated.description === 'Updated through the SDK' && updated.id === accountId, updated);

  const users = client.accounts.users(accountId);
  const active = await users.search({ status: 'active', email: memberEmail });
  check('users(a).search({status, email}) finds the member', active.length === 1 && active[0].email === memberEmail, active);
  const invitee = `sdk-${Date.now()}@elsewhere.test`;
  const created = await users.create({ name: 'Sasha SDK', email: invitee, groups: [{ id: groupId }] });
  check('users(a).create() invites', created.status === 'invited' && created.email === invitee
    && created.groups?.some(g => g.id === groupId), created);
  const read = await users.get(created.id);
  check('users(a).get(id) reads the invitation', read.id === created.id && read.name === 'Sasha SDK', read);
  const renamed = await users.update(created.id, { name: 'Sasha S. D. K.' });
  check('users(a).update(id) renames', renamed.name === 'Sasha S. D. K.', renamed);
  const invited = await users.search({ status: 'invited', $ordering: ['-events.invited.at'] });
  check('users(a).search({status: invited}) lists it', invited.some(u => u.id === created.id), invited.map(u => u.id));
  await users.delete(created.id);
  await apiError('users(a).get(id) after delete is a 404 APIError', () => users.get(created.id), 404, 'user.not_found');
  await apiError('users(a).create({}) is a 400 APIError', () => users.create({ name: 'Nobody' }), 400, 'users.groups_required');
  await apiError('accounts.search with an unknown filter is a 400 APIError', () => client.accounts.search({ colour: 'blue' }), 400, 'rql.unknown_field');
}

run().then(() => process.exit(failed ? 1 : 0), e => {
  console.log(`FAIL the SDK threw: ${e?.constructor?.name} ${e?.status ?? ''} ${e?.message}`);
  process.exit(1);
});
