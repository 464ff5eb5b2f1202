// Issue 5: reseller budget management through the official @alicloud/bssopenapi20171214 SDK (V3 and V1),
// and pop-core: the Tea models type-check every response, so a wrong JSON type here fails the call.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator } = require('./emulator');
const { Bss, bss, pop } = require('./sdk');

let emu; let keys; let client;
before(async () => {
  emu = await startEmulator();
  const p = await emu.control.createPartner({ name: 'sdk-budget', testAccount: false });
  keys = { uid: p.uid, accessKeyId: p.accessKeyId, accessKeySecret: p.accessKeySecret };
  client = bss(emu.host, keys);
});
after(async () => { await emu?.stop(); });

/**
 * A new customer. The SDK types `ownerId` as a number (a JS double), so the emulator's 16-digit uids stay
 * within Number.MAX_SAFE_INTEGER; a larger one would reach the server with its last digits changed.
 */
let emailSeq = 0;
async function newCustomer() {
  const r = await client.createAgAccount(new Bss.CreateAgAccountRequest({ loginEmail: `sdk-budget-${Date.now()}-${++emailSeq}@example.com` }));
  const uid = r.body.agRelationDto.pk;
  assert.ok(Number.isSafeInteger(Number(uid)), `customer uid ${uid} does not survive the SDK's numeric ownerId`);
  return uid;
}

const change = (ownerId, adjustType, amount, outBizId, extra = {}) => client.changeResellerConsumeAmount(new Bss.ChangeResellerConsumeAmountRequest({
  ownerId: Number(ownerId), adjustType, amount, currency: 'CNY', businessType: 'quota_amount_adjust', source: 'sdk-check', outBizId, ...extra,
}));
const available = async ownerId =>
  (await client.queryResellerAvailableQuota(new Bss.QueryResellerAvailableQuotaRequest({ ownerId: Number(ownerId) }))).body.data;

test('CreateResellerUserQuota, SetResellerUserQuota, QueryResellerAvailableQuota: typed answers', async () => {
  const customer = await newCustomer();
  const created = await client.createResellerUserQuota(new Bss.CreateResellerUserQuotaRequest({
    ownerId: Number(customer), amount: '1000', currency: 'CNY', outBizId: `create-${customer}`,
  }));
  assert.equal(created.statusCode, 200);
  assert.equal(created.body.code, '200');
  assert.equal(created.body.success, true);
  assert.equal(created.body.data, true);
  assert.equal(await available(customer), '1000.00');

  const set = await client.setResellerUserQuota(new Bss.SetResellerUserQuotaRequest({ ownerId: Number(customer), amount: '1200.50' }));
  assert.equal(set.body.data, true);
  assert.equal(await available(customer), '1200.50');
});

test('ChangeResellerConsumeAmount: consumption answered as a string; a retried OutBizId applies once', async () => {
  const customer = await newCustomer();
  await client.createResellerUserQuota(new Bss.CreateResellerUserQuotaRequest({ ownerId: Number(customer), amount: '100', currency: 'CNY' }));

  const first = await change(customer, 'increase', '10.10', `bill-${customer}`);
  const retry = await change(customer, 'increase', '10.10', `bill-${customer}`);
  const down = await change(customer, 'decrease', '0.10', `refund-${customer}`);

  assert.equal(first.body.data, '10.10');
  assert.equal(retry.body.data, '10.10');
  assert.equal(down.body.data, '10.00');
  assert.equal(await available(customer), '90.00');
});

test('ChangeResellerConsumeAmount: same OutBizId, other amount -> IdempotentParameterMismatch (400)', async () => {
  const customer = await newCustomer();
  await client.createResellerUserQuota(new Bss.CreateResellerUserQuotaRequest({ ownerId: Number(customer), amount: '100', currency: 'CNY' }));
  await change(customer, 'increase', '5', `once-${customer}`);
  await assert.rejects(change(customer, 'increase', '6', `once-${customer}`), e => {
    assert.equal(e.code, 'IdempotentParameterMismatch');
    assert.equal(e.statusCode, 400);
    return true;
  });
  assert.equal(await available(customer), '95.00');
});

test('bad amount, unknown currency, unknown customer: the real error codes, nothing changes', async () => {
  const customer = await newCustomer();
  await client.createResellerUserQuota(new Bss.CreateResellerUserQuotaRequest({ ownerId: Number(customer), amount: '100', currency: 'CNY' }));

  await assert.rejects(change(customer, 'increase', '-1', `neg-${customer}`), e => e.code === 'ParameterError' && e.statusCode === 400);
  await assert.rejects(change(customer, 'increase', 'ten', `nan-${customer}`), e => e.code === 'ParameterError');
  await assert.rejects(change(customer, 'increase', '1', `eur-${customer}`, { currency: 'EUR' }), e => e.code === 'ParameterError');
  await assert.rejects(
    client.createResellerUserQuota(new Bss.CreateResellerUserQuotaRequest({ ownerId: Number(customer), amount: '5', currency: 'CNY' })),
    e => e.code === '-303' && e.statusCode === 400);
  await assert.rejects(
    client.queryResellerAvailableQuota(new Bss.QueryResellerAvailableQuotaRequest({ ownerId: 1000000000000001 })),
    e => e.code === 'InvalidOwner' && e.statusCode === 400);
  assert.equal(await available(customer), '100.00');
});

test('SetResellerUserStatus and SetResellerUserAlarmThreshold: boolean Data; one alarm on the partner queue', async () => {
  const customer = await newCustomer();
  await client.createResellerUserQuota(new Bss.CreateResellerUserQuotaRequest({ ownerId: Number(customer), amount: '100', currency: 'CNY' }));

  const alarm = await client.setResellerUserAlarmThreshold(new Bss.SetResellerUserAlarmThresholdRequest({
    ownerId: Number(customer), alarmType: 'quota_low_balance', alarmThresholds: JSON.stringify([{ thresholdType: 0, thresholdAmount: 50 }]),
  }));
  assert.equal(alarm.body.data, true);
  for (const n of [1, 2, 3]) await change(customer, 'increase', '20', `alarm-${customer}-${n}`);
  const alarms = await emu.control.get(`/_emulator/partners/${keys.uid}/budget/alarms?customer=${customer}`);
  assert.equal(alarms.length, 1);
  assert.equal(alarms[0].AvailableAmount, '40.00');

  const freeze = await client.setResellerUserStatus(new Bss.SetResellerUserStatusRequest({ ownerId: customer, businessType: 'FREEZE', status: 'Freeze' }));
  assert.equal(freeze.body.data, true);
  const view = await emu.control.get(`/_emulator/partners/${keys.uid}/budget/customers/${customer}`);
  assert.equal(view.stopped, true);
  const thaw = await client.setResellerUserStatus(new Bss.SetResellerUserStatusRequest({ ownerId: customer, businessType: 'FREEZE', status: 'Thaw' }));
  assert.equal(thaw.body.data, true);
  await assert.rejects(
    client.setResellerUserStatus(new Bss.SetResellerUserStatusRequest({ ownerId: customer, businessType: 'FREEZE', status: 'Stop' })),
    e => e.code === 'ParameterError');
});

test('V1 (signatureAlgorithm v2) and pop-core: the same budget answers', async () => {
  const customer = await newCustomer();
  const v1 = bss(emu.host, keys, { signatureAlgorithm: 'v2' });
  const created = await v1.createResellerUserQuota(new Bss.CreateResellerUserQuotaRequest({ ownerId: Number(customer), amount: '20000', currency: 'CNY' }));
  assert.equal(created.body.data, true);

  const rpc = pop(emu.baseUrl, keys);
  const q = await rpc.request('QueryResellerAvailableQuota', { OwnerId: customer }, { method: 'POST' });
  assert.equal(q.Code, '200');
  assert.equal(q.Data, '20000.00');
  const c = await rpc.request('ChangeResellerConsumeAmount', {
    OwnerId: customer, AdjustType: 'increase', Amount: '0.01', Currency: 'CNY', BusinessType: 'quota_amount_adjust', Source: 'pop', OutBizId: `pop-${customer}`,
  });
  assert.equal(c.Data, '0.01');
});
