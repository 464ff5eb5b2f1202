// Issue 16: ICP filing service numbers (Bsn 2015-05-12) with @alicloud/pop-core at its default settings, which
// capitalizes the action and every parameter (Aliuid, ResourceId) and sends GET: the emulator must accept that
// spelling, answer the documented lower-camel keys, and refuse with Bsn's numeric codes (pop-core throws '603Error').
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator } = require('./emulator');
const { Bss, bss, pop } = require('./sdk');

let emu;
before(async () => { emu = await startEmulator(); });
after(async () => { await emu?.stop(); });

const BSN = '2015-05-12';
async function partner(name) {
  const p = await emu.control.createPartner({ name });
  return { uid: p.uid, keys: { accessKeyId: p.accessKeyId, accessKeySecret: p.accessKeySecret } };
}
const email = tag => `${tag}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
const createCustomer = async keys =>
  (await bss(emu.host, keys).createAgAccount(new Bss.CreateAgAccountRequest({ loginEmail: email('bsn') }))).body.agRelationDto.pk;
const bsn = keys => pop(emu.baseUrl, keys, BSN);
/** pop-core throws `${Code}Error` with the body in e.data; the HTTP status is in e.entry. */
const refusedWith = (promise, code) => assert.rejects(promise, e => {
  assert.equal(e.name, `${code}Error`, e.message);
  assert.equal(e.code, code);
  assert.equal(e.entry.response.statusCode, 400);
  assert.ok(e.data.RequestId, 'the error envelope carries a RequestId');
  return true;
});

test('pop-core: ProductBindBsn refusals without an instance (no such instance, foreign customer, num 21, missing and unmodelled params)', async () => {
  const a = await partner('bsn-a');
  const b = await partner('bsn-b');
  const mine = await createCustomer(a.keys);
  const theirs = await createCustomer(b.keys);
  const bind = p => bsn(a.keys).request('ProductBindBsn', { aliuid: mine, num: 1, resourceId: 'i-nosuchinstance', resourceType: 1, ...p });
  await refusedWith(bind({}), '402');
  await refusedWith(bind({ aliuid: theirs }), '401');
  await refusedWith(bind({ num: 21 }), '603');
  await refusedWith(bind({ num: 0 }), '603');
  await refusedWith(bind({ resourceType: 2 }), '411');
  await refusedWith(bsn(a.keys).request('ProductBindBsn', { aliuid: mine, num: 1, resourceType: 1 }), '602');
  assert.deepEqual(await emu.control.get(`/_emulator/partners/${a.uid}/bsn/numbers`), []);
});

test('pop-core: lookups and grants of numbers that do not exist', async () => {
  const a = await partner('bsn-lookups');
  const b = await partner('bsn-lookups-b');
  const c = await createCustomer(a.keys);
  const d = await createCustomer(a.keys);
  const stranger = await createCustomer(b.keys);
  await refusedWith(bsn(a.keys).request('GetBsnBySn', { sn: 'NOSUCHNUMBER0000' }), '406');
  await refusedWith(bsn(a.keys).request('GetBsnSySn', { sn: 'NOSUCHNUMBER0000' }), '406');
  await refusedWith(bsn(a.keys).request('GetBsnBySn', {}), '602');
  await refusedWith(bsn(a.keys).request('GetBsnByResource', { aliuid: c, resourceId: 'i-nosuchinstance', resourceType: 1 }), '402');
  await refusedWith(bsn(a.keys).request('GrantBsnCode', { Sn: 'NOSUCHNUMBER0000', AliUid: c, GrantToAliuid: d }), '405');
  await refusedWith(bsn(a.keys).request('GrantBsnCode', { Sn: 'NOSUCHNUMBER0000', AliUid: c, GrantToAliuid: stranger }), '408');
  await refusedWith(bsn(a.keys).request('GrantBsnCode', { Sn: 'NOSUCHNUMBER0000', AliUid: stranger, GrantToAliuid: c }), '401');
});
