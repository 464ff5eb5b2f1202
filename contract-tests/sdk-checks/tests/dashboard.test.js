// Issue 13: what the dashboard hands out and moves, checked with the official SDKs.
// - "Copy as SDK / curl": a call the BSS SDK made is handed back (GET /_emulator/partners/{uid}/requests/{id}/recipe) as a
//   @alicloud/pop-core snippet and a signed curl command; both are run as a user would run them, and answer the same.
// - The clock: "to the next due event" lands on the step the control plane announced, lists what fell due, and the next
//   SDK call sees it.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { promisify } = require('node:util');
const { startEmulator } = require('./emulator');
const { Bss, bss } = require('./sdk');

const run = promisify(execFile);
let emu;
before(async () => { emu = await startEmulator(); });
after(async () => { await emu?.stop(); });

async function partner() {
  const p = await emu.control.createPartner({ name: 'sdk-dashboard', testAccount: false });
  return { uid: p.uid, keys: { accessKeyId: p.accessKeyId, accessKeySecret: p.accessKeySecret } };
}

test('copy as SDK and as curl: the pop-core snippet and the curl command each make the BSS SDK call again', async () => {
  const { uid, keys } = await partner();
  const client = bss(emu.host, keys);
  const customer = (await client.createAgAccount(new Bss.CreateAgAccountRequest({ loginEmail: `dash-${Date.now()}@example.com` }))).body.agRelationDto.pk;
  const listed = await client.getCustomerList();
  const call = (await emu.control.get(`/_emulator/partners/${uid}/requests`)).find(c => c.action === 'GetCustomerList');
  assert.equal(call.requestId, listed.body.requestId);

  const recipe = await emu.control.get(`/_emulator/partners/${uid}/requests/${call.requestId}/recipe`);
  assert.match(recipe.sdkName, /@alicloud\/pop-core/);

  const file = path.join(os.tmpdir(), `vo-recipe-${process.pid}-${Date.now()}.js`);
  fs.writeFileSync(file, recipe.sdk);
  try {
    const out = await run(process.execPath, [file], { env: { ...process.env, NODE_PATH: path.join(__dirname, '..', 'node_modules') } });
    assert.deepEqual(JSON.parse(out.stdout).Data.UidList, [customer], out.stderr);
  } finally { fs.rmSync(file, { force: true }); }

  const curl = await run('/bin/sh', ['-c', recipe.curl]);
  assert.deepEqual(JSON.parse(curl.stdout).Data.UidList, [customer]);

  const replays = (await emu.control.get(`/_emulator/partners/${uid}/requests`)).filter(c => c.action === 'GetCustomerList');
  assert.equal(replays.length, 3, 'the SDK call, the snippet and the curl command');
  assert.ok(replays.every(c => c.httpStatus === 200 && c.accessKeyId === keys.accessKeyId));
});

test('clock: advance to the next due event lands on the announced step, lists what fell due, and the next SDK call sees it', async () => {
  const { uid, keys } = await partner();
  const client = bss(emu.host, keys);
  const ownerId = (await client.createAgAccount(new Bss.CreateAgAccountRequest({ loginEmail: `due-${Date.now()}@example.com` }))).body.agRelationDto.pk;
  const none = await emu.control.get(`/_emulator/partners/${uid}/clock/next-due`);
  assert.equal(none.nextDueAt, null, 'nothing is scheduled yet');
  await assert.rejects(emu.control.post(`/_emulator/partners/${uid}/clock/advance-to-next-due`), /409/);

  await client.createResellerUserQuota(new Bss.CreateResellerUserQuotaRequest({ ownerId, amount: '10000', currency: 'CNY' }));
  const bought = await client.createInstance(new Bss.CreateInstanceRequest({
    ownerId, productCode: 'eip', subscriptionType: 'Subscription', period: 1, renewalStatus: 'ManualRenewal',
    parameter: [new Bss.CreateInstanceRequestParameter({ code: 'Region', value: 'cn-hangzhou' }),
      new Bss.CreateInstanceRequestParameter({ code: 'Bandwidth', value: '10' })],
  }));
  const instanceId = bought.body.data.instanceId;
  const end = new Date((await client.queryAvailableInstances(new Bss.QueryAvailableInstancesRequest({ ownerId, instanceIDs: instanceId })))
    .body.data.instanceList[0].endTime);

  // The first step is the "expiring soon" notice, 7 days before the end [I].
  const next = await emu.control.get(`/_emulator/partners/${uid}/clock/next-due`);
  assert.equal(Math.round((end - new Date(next.nextDueAt)) / 86400000), 7);
  const moved = await emu.control.post(`/_emulator/partners/${uid}/clock/advance-to-next-due`);
  assert.ok(new Date(moved.now) >= new Date(next.nextDueAt));
  assert.deepEqual(moved.fellDue.map(e => e.eventType), ['InstanceExpiringSoon']);
  assert.equal(JSON.parse(moved.fellDue[0].messageBody).Data.InstanceId, instanceId);

  // Next: the end itself. Manual renewal, so the instance expires, and BSS answers so at the next call.
  const expired = await emu.control.post(`/_emulator/partners/${uid}/clock/advance-to-next-due`);
  assert.ok(expired.fellDue.some(e => e.eventType === 'InstanceExpired'), JSON.stringify(expired.fellDue));
  const row = (await client.queryAvailableInstances(new Bss.QueryAvailableInstancesRequest({ ownerId, instanceIDs: instanceId }))).body.data.instanceList[0];
  assert.equal(row.status, 'Expired');
});
