// Issue 4: a partner's onboarding flow with the official SDKs: customers, the test-account limits, STS AssumeRole,
// calls with the STS credentials, and the logon-free console sign-in.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator } = require('./emulator');
const { Bss, Sts, bss, sts, pop } = require('./sdk');

let emu;
before(async () => { emu = await startEmulator(); });
after(async () => { await emu?.stop(); });

async function partner(name) {
  const p = await emu.control.createPartner({ name });
  return { uid: p.uid, keys: { accessKeyId: p.accessKeyId, accessKeySecret: p.accessKeySecret } };
}
const email = tag => `${tag}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
const createCustomer = async (keys, loginEmail = email('c')) =>
  (await bss(emu.host, keys).createAgAccount(new Bss.CreateAgAccountRequest({ loginEmail }))).body.agRelationDto.pk;
const assume = (keys, customerUid, extra = {}) => sts(emu.host, keys).assumeRole(new Sts.AssumeRoleRequest({
  roleArn: `acs:ram::${customerUid}:role/ResellerAdminRole`, roleSessionName: 'partner-portal', ...extra,
}));
const advance = (uid, seconds) => emu.control.post(`/_emulator/partners/${uid}/clock/advance`, { seconds });
const rejectsWith = (promise, code, status) => assert.rejects(promise, e => {
  assert.equal(e.code, code, e.message);
  if (status) assert.equal(e.statusCode, status);
  return true;
});

test('bssopenapi: createAgAccount, getCustomerList, getCustomerAccountInfo', async () => {
  const { uid, keys } = await partner('sdk-accounts');
  const loginEmail = email('alice');
  const r = await bss(emu.host, keys).createAgAccount(new Bss.CreateAgAccountRequest({ loginEmail, firstName: 'Alice', nationCode: 'cn' }));
  assert.equal(r.body.success, true);
  const dto = r.body.agRelationDto;
  assert.match(dto.pk, /^\d{16}$/);
  assert.equal(dto.mpk, uid);
  assert.ok(dto.ramAdminRoleName);

  const list = await bss(emu.host, keys).getCustomerList();
  assert.deepEqual(list.body.data.uidList, [dto.pk]);
  const info = await bss(emu.host, keys).getCustomerAccountInfo(new Bss.GetCustomerAccountInfoRequest({ ownerId: Number(dto.pk) }));
  assert.equal(info.body.data.loginEmail, loginEmail);
  assert.equal(info.body.data.isCertified, false);
  assert.equal(info.body.data.mpk, Number(uid));
});

test('bssopenapi: bad and duplicate e-mails, another partner\'s customer', async () => {
  const a = await partner('sdk-accounts-a');
  const b = await partner('sdk-accounts-b');
  await rejectsWith(bss(emu.host, a.keys).createAgAccount(new Bss.CreateAgAccountRequest({ loginEmail: 'nope' })), 'InvalidParameter.LoginEmail', 400);
  const dup = email('dup');
  const pk = await createCustomer(a.keys, dup);
  await rejectsWith(bss(emu.host, a.keys).createAgAccount(new Bss.CreateAgAccountRequest({ loginEmail: dup })), 'LoginEmail.AlreadyExists', 400);
  await rejectsWith(bss(emu.host, b.keys).getCustomerAccountInfo(new Bss.GetCustomerAccountInfoRequest({ ownerId: Number(pk) })), 'InvalidOwner', 400);
  // pop-core (V1) sees the same error.
  await assert.rejects(pop(emu.baseUrl, b.keys).request('GetCustomerAccountInfo', { OwnerId: pk }), e => e.code === 'InvalidOwner');
});

test('test account: 50 parallel creates on a fresh partner, exactly 20 succeed', async () => {
  const { keys } = await partner('sdk-limit');
  const client = bss(emu.host, keys);
  const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) =>
    client.createAgAccount(new Bss.CreateAgAccountRequest({ loginEmail: email(`par${i}`) }))));
  assert.equal(results.filter(r => r.status === 'fulfilled').length, 20);
  const failed = results.filter(r => r.status === 'rejected');
  assert.equal(failed.length, 30);
  for (const f of failed) assert.equal(f.reason.code, 'CustomerLimitExceeded');
  assert.equal((await client.getCustomerList()).body.data.uidList.length, 20);
});

test('test account: valid one month, then every call fails Forbidden.TestAccountExpired', async () => {
  const { uid, keys } = await partner('sdk-expiry');
  await bss(emu.host, keys).getCustomerList();
  await advance(uid, 31 * 24 * 3600);
  await rejectsWith(bss(emu.host, keys).getCustomerList(), 'Forbidden.TestAccountExpired', 403);
  await rejectsWith(sts(emu.host, keys).assumeRole(new Sts.AssumeRoleRequest({ roleArn: 'acs:ram::1:role/x', roleSessionName: 'xx' })),
    'Forbidden.TestAccountExpired', 403);
});

test('sts: assumeRole, then the SDKs called with the STS credentials act as the customer', async () => {
  const { keys } = await partner('sdk-sts');
  const pk = await createCustomer(keys);
  await createCustomer(keys);
  const r = await assume(keys, pk, { durationSeconds: 1800 });
  const c = r.body.credentials;
  assert.match(c.accessKeyId, /^STS\./);
  assert.match(c.expiration, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(r.body.assumedRoleUser.arn, `acs:ram::${pk}:role/ResellerAdminRole/partner-portal`);
  const stsKeys = { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken };

  assert.deepEqual((await bss(emu.host, stsKeys).getCustomerList()).body.data.uidList, [pk]);
  assert.deepEqual((await bss(emu.host, stsKeys, { signatureAlgorithm: 'v2' }).getCustomerList()).body.data.uidList, [pk]);
  const v1 = await pop(emu.baseUrl, stsKeys).request('GetCustomerList', {});
  assert.deepEqual(v1.Data.UidList, [pk]);
});

test('sts: credentials fail InvalidSecurityToken.Expired once the clock passes Expiration', async () => {
  const { uid, keys } = await partner('sdk-sts-expiry');
  const pk = await createCustomer(keys);
  const c = (await assume(keys, pk, { durationSeconds: 900 })).body.credentials;
  const stsKeys = { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken };
  await bss(emu.host, stsKeys).getCustomerList();
  await advance(uid, 901);
  await rejectsWith(bss(emu.host, stsKeys).getCustomerList(), 'InvalidSecurityToken.Expired', 400);
});

test('sts: malformed ARN, foreign customer, duration out of range', async () => {
  const a = await partner('sdk-sts-a');
  const b = await partner('sdk-sts-b');
  const pk = await createCustomer(a.keys);
  await rejectsWith(sts(emu.host, a.keys).assumeRole(new Sts.AssumeRoleRequest({ roleArn: 'not-an-arn', roleSessionName: 'xx' })),
    'InvalidParameter.RoleArn', 400);
  await rejectsWith(assume(b.keys, pk), 'NoPermission', 403);
  await rejectsWith(assume(a.keys, pk, { durationSeconds: 600 }), 'InvalidParameter.DurationSeconds', 400);
  await rejectsWith(assume(a.keys, pk, { durationSeconds: 7200 }), 'InvalidParameter.DurationSeconds', 400);
});

test('federation: GetSigninToken with the STS credentials, then Login redirects with a console session', async () => {
  const { keys } = await partner('sdk-federation');
  const pk = await createCustomer(keys);
  const c = (await assume(keys, pk)).body.credentials;
  const q = new URLSearchParams({ Action: 'GetSigninToken', AccessKeyId: c.accessKeyId, AccessKeySecret: c.accessKeySecret,
    SecurityToken: c.securityToken, TicketType: 'mini' });
  const t = await fetch(`${emu.baseUrl}/federation?${q}`);
  assert.equal(t.status, 200);
  const { SigninToken, RequestId } = await t.json();
  assert.ok(SigninToken && RequestId);

  const destination = `${emu.baseUrl}/console/home`;
  const login = `${emu.baseUrl}/federation?` + new URLSearchParams({ Action: 'Login', LoginUrl: 'http://127.0.0.1:9/login', Destination: destination, SigninToken });
  const r = await fetch(login, { redirect: 'manual' });
  assert.equal(r.status, 302);
  assert.equal(r.headers.get('location'), destination);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  const home = await fetch(destination, { headers: { cookie } });
  assert.equal(home.status, 200);
  assert.match(await home.text(), new RegExp(pk));
  const reused = await fetch(login, { redirect: 'manual' });
  assert.equal(reused.headers.get('location'), 'http://127.0.0.1:9/login');
});

test('identity verification: pop-core (V1) Aas and Crm calls; completion shows in getCustomerAccountInfo', async () => {
  const { uid, keys } = await partner('sdk-identity');
  const pk = await createCustomer(keys);
  const url = await pop(emu.baseUrl, keys, '2015-07-01').request('GenerateAliyunBidCertWaysUrl', { AliyunPk: pk }, { method: 'POST' });
  assert.equal(url.Success, true);
  assert.match(url.Data, /\/aas\/cert\?ticket=/);
  const page = await fetch(url.Data);
  assert.equal(page.status, 200);

  await emu.control.post(`/_emulator/customers/${pk}/identity/complete`, { subjectType: 'Enterprise', name: 'Example Ltd' });
  const crm = pop(emu.baseUrl, keys, '2015-04-08');
  const q = await crm.request('QueryBidUserCertifiedInfo', { PK: pk });
  assert.equal(JSON.parse(q.Result).IsCertified, true);
  const info = await bss(emu.host, keys).getCustomerAccountInfo(new Bss.GetCustomerAccountInfoRequest({ ownerId: Number(pk) }));
  assert.equal(info.body.data.isCertified, true);

  const removed = await crm.request('RemoveIdentityCertifiedForBidUser', { PK: pk });
  assert.equal(removed.Result, 'true');
  await assert.rejects(crm.request('RemoveIdentityCertifiedForBidUser', { PK: pk }), e => e.code === 'IdentityNotCertified');
  const events = (await emu.control.get(`/_emulator/partners/${uid}/messages`)).map(m => m.eventType);
  assert.deepEqual(events, ['CustomerCreated', 'IdentityVerificationCompleted', 'IdentityVerificationRemoved']);
});
