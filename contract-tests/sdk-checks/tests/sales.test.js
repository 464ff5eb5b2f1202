// Issue 6: a partner's sales flow through the unmodified official SDK (@alicloud/bssopenapi20171214, V3):
// list products, price, buy, query, renew, upgrade, set auto-renewal, advance a year, query orders.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator } = require('./emulator');
const { Bss, bss, pop } = require('./sdk');

let emu; let partner; let client; let ownerId;

before(async () => {
  emu = await startEmulator();
  // Not a test account: those stop answering one virtual month after creation, and this flow spans a year.
  partner = await emu.control.createPartner({ name: 'sdk-sales', testAccount: false });
  client = bss(emu.host, { accessKeyId: partner.accessKeyId, accessKeySecret: partner.accessKeySecret });
  const created = await client.createAgAccount(new Bss.CreateAgAccountRequest({ loginEmail: `sales-${Date.now()}@example.com`, accountAttr: 'Personal' }));
  // The SDK types OwnerId as a number, as partners pass it: uids stay below 2^53, so no digit is lost.
  ownerId = Number(created.body.agRelationDto.pk);
  assert.ok(Number.isSafeInteger(ownerId), `uid ${created.body.agRelationDto.pk} does not fit a JS number`);
  await client.createResellerUserQuota(new Bss.CreateResellerUserQuotaRequest({ ownerId, amount: '10000', currency: 'CNY' }));
});
after(async () => { await emu?.stop(); });

const eip = (bandwidth) => [
  new Bss.CreateInstanceRequestParameter({ code: 'Region', value: 'cn-hangzhou' }),
  new Bss.CreateInstanceRequestParameter({ code: 'Bandwidth', value: String(bandwidth) }),
];

test('catalog and prices: QueryProductList, DescribePricingModule, GetSubscriptionPrice, GetPayAsYouGoPrice', async () => {
  const list = await client.queryProductList(new Bss.QueryProductListRequest({ pageNum: 1, pageSize: 100, queryTotalCount: true }));
  assert.equal(list.body.success, true);
  const codes = new Set(list.body.data.productList.product.map(p => p.productCode));
  assert.ok(codes.size >= 10, `only ${codes.size} products`);
  assert.ok(codes.has('eip'));

  const modules = await client.describePricingModule(new Bss.DescribePricingModuleRequest({ productCode: 'eip', subscriptionType: 'Subscription' }));
  assert.deepEqual(modules.body.data.moduleList.module.map(m => m.moduleCode), ['Bandwidth']);
  assert.equal(modules.body.data.attributeList.attribute[0].code, 'Region');

  const price = await client.getSubscriptionPrice(new Bss.GetSubscriptionPriceRequest({
    productCode: 'eip', subscriptionType: 'Subscription', orderType: 'NewOrder', region: 'cn-hangzhou',
    servicePeriodQuantity: 1, servicePeriodUnit: 'Month', quantity: 1,
    moduleList: [new Bss.GetSubscriptionPriceRequestModuleList({ moduleCode: 'Bandwidth', config: 'Bandwidth:10' })],
  }));
  assert.equal(price.body.data.tradePrice, 230);
  assert.equal(price.body.data.moduleDetails.moduleDetail[0].unitPrice, 230);

  const hourly = await client.getPayAsYouGoPrice(new Bss.GetPayAsYouGoPriceRequest({
    productCode: 'eip', subscriptionType: 'PayAsYouGo', region: 'cn-hangzhou',
    moduleList: [new Bss.GetPayAsYouGoPriceRequestModuleList({ moduleCode: 'Bandwidth', config: 'Bandwidth:10', priceType: 'Hour' })],
  }));
  assert.equal(hourly.body.data.moduleDetails.moduleDetail[0].unitPrice, 0.63);
});

test('full flow: buy, query, renew, upgrade, set auto-renewal, advance a year, query orders', async () => {
  const bought = await client.createInstance(new Bss.CreateInstanceRequest({
    ownerId, productCode: 'eip', subscriptionType: 'Subscription', period: 1, renewalStatus: 'ManualRenewal',
    parameter: eip(10), clientToken: `sdk-${Date.now()}`,
  }));
  const instanceId = bought.body.data.instanceId;
  assert.match(instanceId, /^eip-/);

  const listed = await client.queryAvailableInstances(new Bss.QueryAvailableInstancesRequest({ ownerId, instanceIDs: instanceId }));
  const row = listed.body.data.instanceList[0];
  assert.equal(row.status, 'Normal');
  assert.equal(row.renewStatus, 'ManualRenewal');
  const firstEnd = new Date(row.endTime);

  const renewed = await client.renewInstance(new Bss.RenewInstanceRequest({ ownerId, instanceId, productCode: 'eip', renewPeriod: 1 }));
  assert.match(renewed.body.data.orderId, /^\d{15}$/);

  const upgraded = await client.modifyInstance(new Bss.ModifyInstanceRequest({
    ownerId, instanceId, productCode: 'eip', subscriptionType: 'Subscription', modifyType: 'Upgrade',
    parameter: [new Bss.ModifyInstanceRequestParameter({ code: 'Bandwidth', value: '20' })],
  }));
  const detail = await client.getOrderDetail(new Bss.GetOrderDetailRequest({ ownerId, orderId: upgraded.body.data.orderId }));
  const upgradeOrder = detail.body.data.orderList.order[0];
  assert.equal(upgradeOrder.orderType, 'Upgrade');
  assert.equal(upgradeOrder.paymentStatus, 'Paid');
  assert.match(upgradeOrder.config, /Bandwidth:20/);

  await client.setRenewal(new Bss.SetRenewalRequest({
    ownerId, instanceIDs: instanceId, productCode: 'eip', renewalStatus: 'AutoRenewal', renewalPeriod: 1, renewalPeriodUnit: 'M',
  }));

  await emu.control.post(`/_emulator/partners/${partner.uid}/clock/advance`, { seconds: 365 * 24 * 3600 });

  const after = (await client.queryAvailableInstances(new Bss.QueryAvailableInstancesRequest({ ownerId, instanceIDs: instanceId }))).body.data.instanceList[0];
  assert.equal(after.status, 'Normal', 'the credit covers every monthly renewal of the year');
  assert.equal(after.renewStatus, 'AutoRenewal');
  const renewals = await client.queryOrders(new Bss.QueryOrdersRequest({ ownerId, orderType: 'Renew', pageSize: 100 }));
  const paid = renewals.body.data.orderList.order.filter(o => o.paymentStatus === 'Paid');
  // One manual renewal of a month, then one automatic renewal (460 at 20 Mbps) at each monthly expiry of the year.
  assert.ok(paid.length >= 12, `only ${paid.length} paid renewals`);
  assert.ok(paid.slice(0, -1).every(o => o.pretaxAmount === '460.00'));
  // Newest first: the latest renewal's paid term ends where the instance now ends, a year of renewals after the first end.
  const latest = (await client.getOrderDetail(new Bss.GetOrderDetailRequest({ ownerId, orderId: paid[0].orderId }))).body.data.orderList.order[0];
  assert.equal(latest.usageEndTime, after.endTime);
  assert.ok(new Date(after.endTime) - firstEnd > 360 * 24 * 3600 * 1000);
  const all = await client.queryOrders(new Bss.QueryOrdersRequest({ ownerId, pageNum: 1, pageSize: 100 }));
  assert.equal(all.body.data.totalCount, 2 + paid.length, 'the purchase, the upgrade and the renewals');

  const messages = await emu.control.get(`/_emulator/partners/${partner.uid}/messages`);
  const paidEvents = messages.filter(m => m.eventType === 'OrderPaid').map(m => JSON.parse(m.messageBody).Data);
  assert.ok(paidEvents.some(d => d.InstanceId === instanceId));
});

test('errors through the SDK: unknown instance, cancel a paid order', async () => {
  await assert.rejects(client.renewInstance(new Bss.RenewInstanceRequest({ ownerId, instanceId: 'eip-none', productCode: 'eip', renewPeriod: 1 })),
    e => e.code === 'InvalidInstanceId.NotFound' && e.statusCode === 400);
  const orders = await client.queryOrders(new Bss.QueryOrdersRequest({ ownerId, paymentStatus: 'Paid' }));
  const orderId = orders.body.data.orderList.order[0].orderId;
  await assert.rejects(client.cancelOrder(new Bss.CancelOrderRequest({ ownerId, orderId })), e => e.code === 'ORDER.CANNOT_CANCEL');
});

test('resource packages and bill subscriptions through the SDK', async () => {
  const product = await client.describeResourcePackageProduct(new Bss.DescribeResourcePackageProductRequest({ productCode: 'oss' }));
  const type = product.body.data.resourcePackages.resourcePackage[0].packageTypes.packageType[0];
  const spec = type.specifications.specification[0].value;
  const price = await client.getResourcePackagePrice(new Bss.GetResourcePackagePriceRequest({
    productCode: 'oss', packageType: type.code, specification: spec, duration: 1, pricingCycle: 'Month',
  }));
  assert.ok(price.body.data.tradePrice > 0);
  const created = await client.createResourcePackage(new Bss.CreateResourcePackageRequest({
    ownerId, productCode: 'oss', packageType: type.code, specification: spec, duration: 1, pricingCycle: 'Month',
  }));
  assert.equal(typeof created.body.orderId, 'number');
  const listed = await client.queryResourcePackageInstances(new Bss.QueryResourcePackageInstancesRequest({ ownerId, productCode: 'oss' }));
  assert.equal(listed.body.data.instances.instance[0].instanceId, created.body.data.instanceId);

  await client.subscribeBillToOSS(new Bss.SubscribeBillToOSSRequest({ subscribeBucket: 'bills', subscribeType: 'BillingItemDetailMonthly' }));
  const subs = await emu.control.get(`/_emulator/partners/${partner.uid}/bill-subscriptions`);
  assert.equal(subs[0].subscribeBucket, 'bills');
  await client.unsubscribeBillToOSS(new Bss.UnsubscribeBillToOSSRequest({ subscribeType: 'BillingItemDetailMonthly' }));
});

test('pop-core (V1) reads the same orders and prices', async () => {
  const client = pop(emu.baseUrl, { accessKeyId: partner.accessKeyId, accessKeySecret: partner.accessKeySecret });
  const orders = await client.request('QueryOrders', { OwnerId: ownerId, PageSize: 100 });
  assert.equal(orders.Code, '200');
  assert.ok(orders.Data.TotalCount >= 3);
  const price = await client.request('GetSubscriptionPrice', {
    ProductCode: 'cbwp', SubscriptionType: 'Subscription', OrderType: 'NewOrder', ServicePeriodQuantity: 2,
    'ModuleList.1.ModuleCode': 'Bandwidth', 'ModuleList.1.Config': 'Bandwidth:10',
  }, { method: 'POST' });
  assert.equal(price.Data.TradePrice, 1600);
  await assert.rejects(client.request('CancelOrder', { OwnerId: ownerId, OrderId: '200000000000001' }), e => e.code === 'InvalidParameter');
});
