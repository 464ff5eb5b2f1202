// Issue 14: a partner's ECS BUY page and console code through the unmodified official SDKs
// (@alicloud/ecs20140526 V3, @alicloud/pop-core V1): inventory, price, buy, poll until Running, renew, orders and credit;
// pay-as-you-go metering through overdue stop and ReActivateInstances; refusals; DryRun; sold out; reserved instances.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator } = require('./emulator');
const { Bss, Ecs, bss, ecs, pop } = require('./sdk');

const IMAGE = 'aliyun_3_x64_20G_alibase_20240528.vhd';
let emu; let partner; let keys; let billing; let client;

before(async () => {
  emu = await startEmulator();
  // Not a test account: the arrears flow moves the clock past a month.
  partner = await emu.control.createPartner({ name: 'sdk-ecs', testAccount: false });
  keys = { accessKeyId: partner.accessKeyId, accessKeySecret: partner.accessKeySecret };
  billing = bss(emu.host, keys);
  client = ecs(emu.host, keys);
});
after(async () => { await emu?.stop(); });

async function newCustomer(quota) {
  const created = await billing.createAgAccount(new Bss.CreateAgAccountRequest({ loginEmail: `ecs-${Date.now()}-${Math.random()}@example.com`, accountAttr: 'Personal' }));
  const ownerId = Number(created.body.agRelationDto.pk);
  await billing.createResellerUserQuota(new Bss.CreateResellerUserQuotaRequest({ ownerId, amount: String(quota), currency: 'CNY' }));
  return ownerId;
}
const available = async ownerId =>
  Number((await billing.queryResellerAvailableQuota(new Bss.QueryResellerAvailableQuotaRequest({ ownerId }))).body.data);
// Amounts compared in cents: the emulator's are exact decimals, JS arithmetic on them is not.
const cents = n => Math.round(n * 100);
const advance = seconds => emu.control.post(`/_emulator/partners/${partner.uid}/clock/advance`, { seconds });
const describe = async (ownerId, id) =>
  (await client.describeInstances(new Ecs.DescribeInstancesRequest({ ownerId, regionId: 'cn-hangzhou', instanceIds: JSON.stringify([id]) }))).body.instances.instance[0];
async function untilStatus(ownerId, id, status) {
  const seen = [];
  for (let i = 0; i < 50; i++) {
    const s = (await describe(ownerId, id)).status;
    if (seen[seen.length - 1] !== s) seen.push(s);
    if (s === status) return seen;
    await new Promise(r => setTimeout(r, 200));
  }
  throw new Error(`${id} never reached ${status}: ${seen.join(' -> ')}`);
}
const run = (ownerId, extra = {}) => client.runInstances(new Ecs.RunInstancesRequest({
  ownerId, regionId: 'cn-hangzhou', instanceType: 'ecs.g7.large', imageId: IMAGE, ...extra,
}));

test('BUY page: DescribeAvailableResource, DescribePrice, RunInstances PrePaid, poll until Running, RenewInstance, BSS orders and the exact credit drop', async () => {
  const started = Date.now();
  const ownerId = await newCustomer(5000);
  const resources = await client.describeAvailableResource(new Ecs.DescribeAvailableResourceRequest({
    ownerId, regionId: 'cn-hangzhou', destinationResource: 'InstanceType', instanceChargeType: 'PrePaid', zoneId: 'cn-hangzhou-i',
  }));
  const zone = resources.body.availableZones.availableZone[0];
  assert.equal(zone.zoneId, 'cn-hangzhou-i');
  const g7 = zone.availableResources.availableResource[0].supportedResources.supportedResource.find(r => r.value === 'ecs.g7.large');
  assert.equal(g7.status, 'Available');

  const config = { instanceType: 'ecs.g7.large', internetChargeType: 'PayByBandwidth', internetMaxBandwidthOut: 5 };
  const price = await client.describePrice(new Ecs.DescribePriceRequest({ ownerId, regionId: 'cn-hangzhou', ...config, priceUnit: 'Month', period: 1 }));
  const monthly = price.body.priceInfo.price.tradePrice;
  assert.equal(monthly, 385, 'type 250 + 5 Mbps x 23 + 40 GiB x 0.5 (fixtures/seed/ecs.json)');

  const bought = await run(ownerId, {
    ...config, zoneId: 'cn-hangzhou-i', instanceChargeType: 'PrePaid', period: 1, periodUnit: 'Month', instanceName: 'shop-web', hostName: 'shop-web',
    tag: [new Ecs.RunInstancesRequestTag({ key: 'app', value: 'shop' })], clientToken: `buy-${ownerId}`,
  });
  assert.equal(bought.body.tradePrice, monthly, 'RunInstances charges what DescribePrice quoted');
  const id = bought.body.instanceIdSets.instanceIdSet[0];
  const seen = await untilStatus(ownerId, id, 'Running');
  assert.equal(seen[seen.length - 1], 'Running');
  const instance = await describe(ownerId, id);
  assert.equal(instance.instanceName, 'shop-web');
  assert.equal(instance.hostName, 'shop-web');
  assert.equal(instance.instanceChargeType, 'PrePaid');
  assert.match(instance.publicIpAddress.ipAddress[0], /^\d+\.\d+\.\d+\.\d+$/);
  assert.deepEqual(instance.tags.tag.map(t => [t.tagKey, t.tagValue]), [['app', 'shop']]);
  const firstEnd = new Date(instance.expiredTime);

  const renewed = await client.renewInstance(new Ecs.RenewInstanceRequest({ ownerId, instanceId: id, period: 1, periodUnit: 'Month' }));
  assert.match(renewed.body.orderId, /^\d{15}$/);
  const secondEnd = new Date((await describe(ownerId, id)).expiredTime);
  assert.equal(secondEnd.getUTCMonth(), (firstEnd.getUTCMonth() + 1) % 12, 'the renewal moves ExpiredTime by a month');

  const orders = (await billing.queryOrders(new Bss.QueryOrdersRequest({ ownerId, productCode: 'ecs' }))).body.data.orderList.order;
  assert.deepEqual(orders.map(o => o.orderType).sort(), ['New', 'Renew']);
  assert.ok(orders.every(o => o.paymentStatus === 'Paid' && o.pretaxAmount === '385.00'));
  assert.equal(await available(ownerId), 5000 - 2 * 385);

  // A retry of the purchase with the same ClientToken is the same answer, charged once.
  const retried = await run(ownerId, {
    ...config, zoneId: 'cn-hangzhou-i', instanceChargeType: 'PrePaid', period: 1, periodUnit: 'Month', instanceName: 'shop-web', hostName: 'shop-web',
    tag: [new Ecs.RunInstancesRequestTag({ key: 'app', value: 'shop' })], clientToken: `buy-${ownerId}`,
  });
  assert.equal(retried.body.orderId, bought.body.orderId);
  assert.deepEqual(retried.body.instanceIdSets.instanceIdSet, [id]);
  assert.equal(await available(ownerId), 5000 - 2 * 385);
  console.log(`# ECS BUY-page flow took ${Date.now() - started} ms of wall time`);
});

test('PostPaid is metered hourly: overdue, stopped for arrears (lock financial), ReActivateInstances after a top-up', async () => {
  const ownerId = await newCustomer(10);
  const id = (await run(ownerId)).body.instanceIdSets.instanceIdSet[0];
  const hourly = (await client.describePrice(new Ecs.DescribePriceRequest({ ownerId, regionId: 'cn-hangzhou', instanceType: 'ecs.g7.large' })))
    .body.priceInfo.price.tradePrice;
  assert.equal(hourly, 0.54);

  await advance(3 * 3600 + 60);
  assert.equal(cents(await available(ownerId)), 1000 - 3 * 54);
  const usage = (await billing.queryOrders(new Bss.QueryOrdersRequest({ ownerId, productCode: 'ecs', orderType: 'PayAsYouGoUsage' }))).body.data.orderList.order;
  assert.equal(usage.length, 1);
  assert.equal(usage[0].pretaxAmount, '1.62');

  await advance(2 * 86400);
  const stopped = await describe(ownerId, id);
  assert.equal(stopped.status, 'Stopped');
  assert.deepEqual(stopped.operationLocks.lockReason.map(l => l.lockReason), ['financial']);
  assert.equal(cents(await available(ownerId)), 1000 - 18 * 54, 'the 19th hour was not covered: 18 paid');
  await assert.rejects(client.reActivateInstances(new Ecs.ReActivateInstancesRequest({ ownerId, instanceId: id })),
    e => e.code === 'InvalidAccountStatus.NotEnoughBalance' && e.statusCode === 403);

  await billing.setResellerUserQuota(new Bss.SetResellerUserQuotaRequest({ ownerId, amount: '100', currency: 'CNY' }));
  await client.reActivateInstances(new Ecs.ReActivateInstancesRequest({ ownerId, instanceId: id }));
  await untilStatus(ownerId, id, 'Running');
  assert.equal((await describe(ownerId, id)).operationLocks.lockReason.length, 0);
  assert.equal(cents(await available(ownerId)), 10000 - 18 * 54 - 25 * 54, 'owed hours 18..43 charged on reactivation');
});

test('DeleteInstance refusals: in-service PrePaid 403 ChargeTypeViolation, Running without Force 403 IncorrectInstanceStatus', async () => {
  const ownerId = await newCustomer(2000);
  const prepaid = (await run(ownerId, { instanceChargeType: 'PrePaid', period: 1, periodUnit: 'Week' })).body.instanceIdSets.instanceIdSet[0];
  const payg = (await run(ownerId)).body.instanceIdSets.instanceIdSet[0];
  await untilStatus(ownerId, payg, 'Running');
  await assert.rejects(client.deleteInstance(new Ecs.DeleteInstanceRequest({ ownerId, instanceId: prepaid, force: true })),
    e => e.code === 'ChargeTypeViolation' && e.statusCode === 403);
  await assert.rejects(client.deleteInstance(new Ecs.DeleteInstanceRequest({ ownerId, instanceId: payg })),
    e => e.code === 'IncorrectInstanceStatus' && e.statusCode === 403);
  await client.stopInstance(new Ecs.StopInstanceRequest({ ownerId, instanceId: payg }));
  await untilStatus(ownerId, payg, 'Stopped');
  await client.deleteInstance(new Ecs.DeleteInstanceRequest({ ownerId, instanceId: payg }));
  await assert.rejects(describe(ownerId, payg).then(i => { if (!i) throw Object.assign(new Error('gone'), { code: 'gone' }); }), e => e.code === 'gone');
  await assert.rejects(client.startInstance(new Ecs.StartInstanceRequest({ ownerId, instanceId: payg })),
    e => e.code === 'InvalidInstanceId.NotFound' && e.statusCode === 404);
});

test('DryRun answers DryRunOperation and changes nothing; a sold-out zone/type answers OperationDenied.NoStock (also through pop-core V1)', async () => {
  const ownerId = await newCustomer(1000);
  await assert.rejects(run(ownerId, { dryRun: true, instanceChargeType: 'PrePaid', period: 1 }), e => e.code === 'DryRunOperation' && e.statusCode === 400);
  const none = await client.describeInstances(new Ecs.DescribeInstancesRequest({ ownerId, regionId: 'cn-hangzhou' }));
  assert.equal(none.body.totalCount, 0);
  assert.equal(await available(ownerId), 1000);

  await emu.control.post(`/_emulator/partners/${partner.uid}/ecs/stock`, { zoneId: 'cn-hangzhou-j', instanceType: 'ecs.c7.large', status: 'SoldOut' });
  await assert.rejects(run(ownerId, { zoneId: 'cn-hangzhou-j', instanceType: 'ecs.c7.large' }), e => e.code === 'OperationDenied.NoStock' && e.statusCode === 403);
  const v1 = pop(emu.baseUrl, keys, '2014-05-26');
  await assert.rejects(v1.request('RunInstances', { OwnerId: ownerId, RegionId: 'cn-hangzhou', ZoneId: 'cn-hangzhou-j', InstanceType: 'ecs.c7.large', ImageId: IMAGE },
    { method: 'POST' }), e => e.code === 'OperationDenied.NoStock');
  const zones = await v1.request('DescribeAvailableResource', { OwnerId: ownerId, RegionId: 'cn-hangzhou', ZoneId: 'cn-hangzhou-j',
    DestinationResource: 'InstanceType', InstanceType: 'ecs.c7.large' });
  assert.equal(zones.AvailableZones.AvailableZone[0].AvailableResources.AvailableResource[0].SupportedResources.SupportedResource[0].Status, 'SoldOut');
  assert.equal(await available(ownerId), 1000);
});

test('pop-core V1: RunInstances, DescribeInstances with PageNumber/PageSize and NextToken/MaxResults', async () => {
  const ownerId = await newCustomer(1000);
  const v1 = pop(emu.baseUrl, keys, '2014-05-26');
  const made = await v1.request('RunInstances', { OwnerId: ownerId, RegionId: 'cn-hangzhou', InstanceType: 'ecs.c7.large', ImageId: IMAGE,
    Amount: 3, InstanceName: 'batch', UniqueSuffix: true }, { method: 'POST' });
  assert.equal(made.InstanceIdSets.InstanceIdSet.length, 3);
  const page = await v1.request('DescribeInstances', { OwnerId: ownerId, RegionId: 'cn-hangzhou', PageNumber: 2, PageSize: 2 });
  assert.equal(page.TotalCount, 3);
  assert.equal(page.Instances.Instance.length, 1);
  const first = await v1.request('DescribeInstances', { OwnerId: ownerId, RegionId: 'cn-hangzhou', MaxResults: 2 });
  const rest = await v1.request('DescribeInstances', { OwnerId: ownerId, RegionId: 'cn-hangzhou', MaxResults: 2, NextToken: first.NextToken });
  assert.deepEqual([...first.Instances.Instance, ...rest.Instances.Instance].map(i => i.InstanceName).sort(), ['batch001', 'batch002', 'batch003']);
  assert.equal(rest.NextToken, '');
});

test('reserved instances: purchase is an order, DescribeReservedInstances lists it, ModifyReservedInstances splits it', async () => {
  const ownerId = await newCustomer(20000);
  const bought = await client.purchaseReservedInstancesOffering(new Ecs.PurchaseReservedInstancesOfferingRequest({
    ownerId, regionId: 'cn-hangzhou', instanceType: 'ecs.g7.2xlarge', scope: 'Zone', zoneId: 'cn-hangzhou-h', instanceAmount: 1,
    offeringType: 'All Upfront', period: 1, periodUnit: 'Year', reservedInstanceName: 'ri-web',
  }));
  const riId = bought.body.reservedInstanceIdSets.reservedInstanceId[0];
  assert.equal(cents(await available(ownerId)), 2000000 - 1000 * 12 * 60, 'g7.2xlarge 1000/month x 12 x 0.6');
  const listed = await client.describeReservedInstances(new Ecs.DescribeReservedInstancesRequest({ ownerId, regionId: 'cn-hangzhou' }));
  assert.equal(listed.body.reservedInstances.reservedInstance[0].status, 'Active');
  assert.equal(listed.body.reservedInstances.reservedInstance[0].reservedInstanceId, riId);

  await assert.rejects(client.modifyReservedInstances(new Ecs.ModifyReservedInstancesRequest({
    ownerId, regionId: 'cn-hangzhou', reservedInstanceId: [riId],
    configuration: [new Ecs.ModifyReservedInstancesRequestConfiguration({ instanceType: 'ecs.g7.large', instanceAmount: 3, scope: 'Region' })],
  })), e => e.code === 'InvalidParameter.Configuration');
  const split = await client.modifyReservedInstances(new Ecs.ModifyReservedInstancesRequest({
    ownerId, regionId: 'cn-hangzhou', reservedInstanceId: [riId],
    configuration: [new Ecs.ModifyReservedInstancesRequestConfiguration({ instanceType: 'ecs.g7.large', instanceAmount: 4, scope: 'Region' })],
  }));
  assert.equal(split.body.reservedInstanceIdSets.reservedInstanceId.length, 1);
  const after = await client.describeReservedInstances(new Ecs.DescribeReservedInstancesRequest({ ownerId, regionId: 'cn-hangzhou', status: ['Active'] }));
  assert.deepEqual(after.body.reservedInstances.reservedInstance.map(r => [r.instanceType, r.instanceAmount]), [['ecs.g7.large', 4]]);
});
