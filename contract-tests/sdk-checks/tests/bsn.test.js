// Issue 16: ICP filing service numbers (Bsn 2015-05-12) with @alicloud/pop-core at its default settings, which
// capitalizes the action and every parameter (Aliuid, ResourceId) and sends GET: the emulator must accept that
// spelling, answer the documented lower-camel keys, and refuse with Bsn's numeric codes (pop-core throws '603Error').
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator } = require('./emulator');
const Ecs = require('@alicloud/ecs20140526');
const { $OpenApiUtil } = require('@alicloud/openapi-core');
const { Bss, bss, pop } = require('./sdk');

/** @alicloud/ecs20140526 (V3, default settings), as a partner selling ECS to its customers (OwnerId). */
const ecs = keys => new Ecs.default(new $OpenApiUtil.Config({
  accessKeyId: keys.accessKeyId, accessKeySecret: keys.accessKeySecret, endpoint: emu.host, protocol: 'http',
}));
const IMAGE = 'aliyun_3_x64_20G_alibase_20240528.vhd';

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

/** A customer with credit and a Running pay-as-you-go instance, with a public IP unless bandwidth is 0. */
async function customerWithInstance(p, bandwidth = 5) {
  const customer = await createCustomer(p.keys);
  await bss(emu.host, p.keys).createResellerUserQuota(new Bss.CreateResellerUserQuotaRequest({
    ownerId: Number(customer), amount: '1000', currency: 'CNY', outBizId: `bsn-${customer}`,
  }));
  const instanceId = await runInstance(p, customer, bandwidth);
  return { customer, instanceId };
}
async function runInstance(p, customer, bandwidth = 5) {
  const r = await ecs(p.keys).runInstances(new Ecs.RunInstancesRequest({
    regionId: 'cn-hangzhou', instanceType: 'ecs.g7.large', imageId: IMAGE, instanceChargeType: 'PostPaid',
    internetMaxBandwidthOut: bandwidth, ownerId: Number(customer),
  }));
  const id = r.body.instanceIdSets.instanceIdSet[0];
  await emu.control.post(`/_emulator/partners/${p.uid}/clock/advance`, { seconds: 10 }); // Pending, Starting, Running
  return id;
}

test('pop-core with an ECS instance: bind, look up by resource and by number, grant, release invalidates', async () => {
  const p = await partner('bsn-ecs');
  const { customer, instanceId } = await customerWithInstance(p);
  const described = await ecs(p.keys).describeInstances(new Ecs.DescribeInstancesRequest({
    regionId: 'cn-hangzhou', instanceIds: JSON.stringify([instanceId]), ownerId: Number(customer),
  }));
  assert.equal(described.body.instances.instance[0].status, 'Running');

  const bound = await bsn(p.keys).request('ProductBindBsn', { aliuid: customer, num: 2, resourceId: instanceId, resourceType: 1 });
  assert.ok(bound.requestId);
  const items = bound.datas.bsnDO;
  assert.equal(items.length, 2);
  for (const n of items) {
    assert.deepEqual(Object.keys(n).sort(), ['aliUid', 'beianNum', 'opSource', 'resourceId', 'resourceType', 'sn', 'status']);
    assert.equal(String(n.aliUid), customer); // pop-core parses with json-bigint: 16-digit numbers come back as BigNumber
    assert.equal(n.resourceId, instanceId);
    assert.equal(n.resourceType, 1);
    assert.equal(n.status, 1);
    assert.equal(n.opSource, 2);
  }
  const byResource = await bsn(p.keys).request('GetBsnByResource', { aliuid: customer, resourceId: instanceId, resourceType: 1 });
  assert.deepEqual(byResource.datas.bsnDO.map(n => n.sn).sort(), items.map(n => n.sn).sort());
  const one = await bsn(p.keys).request('GetBsnBySn', { sn: items[0].sn });
  assert.deepEqual({ ...one, aliUid: String(one.aliUid) }, { resourceId: instanceId, status: 1, beianNum: '', aliUid: customer, resourceType: 1 });
  const sy = await bsn(p.keys).request('GetBsnSySn', { sn: items[0].sn });
  assert.equal(sy.resourceId, instanceId);

  const other = await createCustomer(p.keys);
  const granted = await bsn(p.keys).request('GrantBsnCode', { Sn: items[1].sn, AliUid: customer, GrantToAliuid: other, Notes: 'shop site' });
  assert.equal(granted.Success, true);
  assert.equal(String(granted.GrantToAliuid), other);
  assert.equal(String((await bsn(p.keys).request('GetBsnBySn', { sn: items[1].sn })).aliUid), other);
  await refusedWith(bsn(p.keys).request('GrantBsnCode', { Sn: items[1].sn, AliUid: customer, GrantToAliuid: other }), '616');

  await ecs(p.keys).deleteInstance(new Ecs.DeleteInstanceRequest({ instanceId, force: true, ownerId: Number(customer) }));
  await emu.control.post(`/_emulator/partners/${p.uid}/clock/advance`, { seconds: 60 });
  assert.equal((await bsn(p.keys).request('GetBsnBySn', { sn: items[0].sn })).status, 3, 'a released instance invalidates its numbers');
});

test('pop-core with ECS instances: refusals (num 21, no public IP, foreign customer, not the owner, quota)', async () => {
  const p = await partner('bsn-ecs-refusals');
  const q = await partner('bsn-ecs-refusals-other');
  const { customer, instanceId } = await customerWithInstance(p);
  const private_ = await runInstance(p, customer, 0);
  const foreign = await createCustomer(q.keys);
  const notOwner = await createCustomer(p.keys);
  const bind = params => bsn(p.keys).request('ProductBindBsn', { aliuid: customer, num: 1, resourceId: instanceId, resourceType: 1, ...params });
  await refusedWith(bind({ num: 21 }), '603');
  await refusedWith(bind({ resourceId: private_ }), '403');
  await refusedWith(bind({ aliuid: foreign }), '401');
  await refusedWith(bind({ aliuid: notOwner }), '412');
  assert.equal((await bind({ num: 20 })).datas.bsnDO.length, 20);
  await refusedWith(bind({ num: 1 }), '609');
});
