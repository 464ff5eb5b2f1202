// Issue 15: a partner's RDS BUY page and console code through the unmodified official SDK (@alicloud/rds20140815, V3),
// signed with the customer's STS credentials as a partner portal does: zones → classes → price → buy → Running → renew,
// the BSS order and the exact credit drop; Postpaid with a spec change and delete; backup → clone; read-only; proxy;
// cross-region backup → disaster recovery; and every refusal with its code. Transitional states end after a few wall
// seconds, so the pollers below finish without moving the clock.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const Rds = require('@alicloud/rds20140815');
const { $OpenApiUtil } = require('@alicloud/openapi-core');
const { startEmulator } = require('./emulator');
const { Bss, Sts, bss, sts } = require('./sdk');

const inventory = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'fixtures', 'seed', 'rds.json'), 'utf8'));
const region = 'cn-hangzhou';
let emu; let partner; let partnerBss; let customer; let rds; let partnerRds; let started;

const rdsClient = keys => new Rds.default(new $OpenApiUtil.Config({ ...keys, endpoint: emu.host, protocol: 'http', regionId: region }));
const quota = async uid => Number((await partnerBss.queryResellerAvailableQuota(new Bss.QueryResellerAvailableQuotaRequest({ ownerId: Number(uid) }))).body.data);
const rejectsWith = (promise, code, status) => assert.rejects(promise, e => {
  assert.equal(e.code, code, e.message);
  if (status) assert.equal(e.statusCode, status, e.message);
  return true;
});
const sleep = ms => new Promise(r => setTimeout(r, ms));

/** Polls as an SDK poller does (no clock move) until the instance reaches `status`. */
async function waitStatus(client, id, status) {
  for (let i = 0; i < 100; i++) {
    const a = (await client.describeDBInstanceAttribute(new Rds.DescribeDBInstanceAttributeRequest({ DBInstanceId: id }))).body.items.DBInstanceAttribute[0];
    if (a.DBInstanceStatus === status) return a;
    await sleep(250);
  }
  throw new Error(`${id} never became ${status}`);
}

async function newCustomer(amount) {
  const r = await partnerBss.createAgAccount(new Bss.CreateAgAccountRequest({ loginEmail: `rds-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com` }));
  const uid = r.body.agRelationDto.pk;
  await partnerBss.createResellerUserQuota(new Bss.CreateResellerUserQuotaRequest({ ownerId: Number(uid), amount: String(amount), currency: 'CNY' }));
  const c = (await sts(emu.host, partner.keys).assumeRole(new Sts.AssumeRoleRequest({
    roleArn: `acs:ram::${uid}:role/ResellerAdminRole`, roleSessionName: 'rds-console', durationSeconds: 3600,
  }))).body.credentials;
  return { uid, keys: { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken } };
}

const create = (client, extra = {}) => client.createDBInstance(new Rds.CreateDBInstanceRequest({
  regionId: region, zoneId: 'cn-hangzhou-h', engine: 'MySQL', engineVersion: '8.0', category: 'HighAvailability',
  DBInstanceClass: 'mysql.n2.medium.2c', DBInstanceStorage: 100, DBInstanceStorageType: 'cloud_essd', DBInstanceNetType: 'Intranet',
  securityIPList: '10.0.0.0/8', payType: 'Postpaid', ...extra,
}));

before(async () => {
  started = Date.now();
  emu = await startEmulator();
  const p = await emu.control.createPartner({ name: 'sdk-rds', testAccount: false });
  partner = { uid: p.uid, keys: { accessKeyId: p.accessKeyId, accessKeySecret: p.accessKeySecret } };
  partnerBss = bss(emu.host, partner.keys);
  customer = await newCustomer(20000);
  rds = rdsClient(customer.keys);
  partnerRds = rdsClient(partner.keys);
});
after(async () => {
  console.log(`# RDS SDK checks: ${((Date.now() - started) / 1000).toFixed(1)} s wall, emulator start included`);
  await emu?.stop();
});

test('BUY: zones → classes → price → CreateDBInstance Prepaid → Running → renew; the BSS orders and the exact credit drop', async () => {
  const zones = (await rds.describeAvailableZones(new Rds.DescribeAvailableZonesRequest({ regionId: region, engine: 'MySQL' }))).body.availableZones;
  assert.deepEqual(zones.map(z => z.zoneId), inventory.regions[region]);
  const mysql = zones[0].supportedEngines[0];
  assert.deepEqual(mysql.supportedEngineVersions.map(v => v.version), ['5.7', '8.0']);
  assert.ok(mysql.supportedEngineVersions[1].supportedCategorys.some(c => c.category === 'HighAvailability'));

  const classes = (await rds.describeAvailableClasses(new Rds.DescribeAvailableClassesRequest({
    regionId: region, zoneId: zones[0].zoneId, engine: 'MySQL', engineVersion: '8.0', category: 'HighAvailability',
    DBInstanceStorageType: 'cloud_essd', instanceChargeType: 'Prepaid',
  }))).body.DBInstanceClasses;
  const chosen = classes.find(c => c.DBInstanceClass === 'mysql.n2.medium.2c');
  assert.deepEqual({ ...chosen.DBInstanceStorageRange }, { maxValue: 32000, minValue: 20, step: 5 });

  // The price list is the inventory: class + storage per GB, per month.
  const ha = inventory.engines[0].categories.HighAvailability.classes.find(c => c.code === 'mysql.n2.medium.2c');
  const monthly = ha.monthly + 100 * inventory.storageTypes.cloud_essd.monthlyPerGb;
  const before = await quota(customer.uid);

  const bought = await create(rds, { payType: 'Prepaid', period: 'Month', usedTime: '1', clientToken: `buy-${Date.now()}` });
  const id = bought.body.DBInstanceId;
  assert.match(id, /^rm-[a-z0-9]{20}$/);
  assert.match(bought.body.orderId, /^\d{15}$/);
  assert.equal(bought.body.port, '3306');
  assert.equal(bought.body.connectionString, `${id}.mysql.rds.aliyuncs.com`);
  const running = await waitStatus(rds, id, 'Running');
  assert.equal(running.payType, 'Prepaid');
  assert.equal(running.DBInstanceStorage, 100);
  assert.equal(running.DBInstanceMemory, 4096);
  const firstExpiry = new Date(running.expireTime);

  const renewed = await rds.renewInstance(new Rds.RenewInstanceRequest({ DBInstanceId: id, period: 1 }));
  assert.equal(typeof renewed.body.orderId, 'number');
  const afterRenew = await waitStatus(rds, id, 'Running');
  assert.ok(new Date(afterRenew.expireTime) - firstExpiry >= 28 * 24 * 3600 * 1000, 'renewal moves ExpireTime a month on');

  assert.equal(await quota(customer.uid), before - 2 * monthly, 'the purchase and the renewal, to the cent');
  const orders = (await partnerBss.queryOrders(new Bss.QueryOrdersRequest({ ownerId: Number(customer.uid), productCode: 'rds', pageSize: 100 }))).body.data.orderList.order
    .filter(o => o.orderId === bought.body.orderId || o.orderId === String(renewed.body.orderId));
  assert.deepEqual(orders.map(o => [o.orderType, o.paymentStatus, o.pretaxAmount]).sort(),
    [['New', 'Paid', monthly.toFixed(2)], ['Renew', 'Paid', monthly.toFixed(2)]]);

  const listed = (await rds.describeDBInstances(new Rds.DescribeDBInstancesRequest({ regionId: region, DBInstanceId: id }))).body;
  assert.equal(listed.totalRecordCount, 1);
  assert.equal(listed.items.DBInstance[0].DBInstanceStatus, 'Running');
  assert.equal(listed.items.DBInstance[0].lockMode, 'Unlock');

  // A Prepaid instance ends with its term: DeleteDBInstance refuses it [C].
  await rejectsWith(rds.deleteDBInstance(new Rds.DeleteDBInstanceRequest({ DBInstanceId: id })), 'OperationDenied.PrePayTypeNotSupported', 403);

  const messages = await emu.control.get(`/_emulator/partners/${partner.uid}/messages`);
  const created = messages.filter(m => m.eventType === 'RdsInstanceCreated').map(m => JSON.parse(m.messageBody).Data);
  assert.ok(created.some(d => d.InstanceId === id && d.ProductCode === 'rds' && d.OrderId === bought.body.orderId));
});

test('ClientToken retries answer the same instance; DryRun buys nothing; bad specs get parameter errors', async () => {
  const token = `idem-${Date.now()}`;
  const a = await create(rds, { clientToken: token });
  const b = await create(rds, { clientToken: token });
  assert.equal(b.body.DBInstanceId, a.body.DBInstanceId);
  assert.equal(b.body.orderId, a.body.orderId);
  await rejectsWith(create(rds, { clientToken: token, DBInstanceStorage: 105 }), 'IdempotentParameterMismatch', 400);

  const dry = await create(rds, { dryRun: true });
  assert.equal(dry.body.dryRun, true);
  assert.equal(dry.body.dryRunResult, true);
  assert.equal(dry.body.DBInstanceId, undefined);

  await rejectsWith(create(rds, { DBInstanceClass: 'mysql.n9.huge.9' }), 'InvalidDBInstanceClass.NotFound', 404);
  await rejectsWith(create(rds, { DBInstanceStorage: 10 }), 'InvalidDBInstanceStorage.Malformed', 400);
  await rejectsWith(create(rds, { DBInstanceStorage: 102 }), 'InvalidDBInstanceStorage.Malformed', 400);
  await rejectsWith(create(rds, { category: 'Basic' }), 'InvalidDBInstanceClass.NotFound', 404, 'an HA class asked as Basic');
  await rejectsWith(create(rds, { engine: 'PostgreSQL', engineVersion: '16.0' }), 'InvalidDBInstanceClass.NotFound', 404);
  await rejectsWith(create(rds, { engineVersion: '5.5' }), 'InvalidEngineVersion.Malformed', 400);
  await rejectsWith(create(rds, { payType: 'Prepaid', period: 'Month' }), 'MissingParameter', 400);
  await rejectsWith(create(rds, { payType: 'Prepaid', period: 'Month', usedTime: '12' }), 'InvalidParameter', 400);
  await rejectsWith(create(rds, { zoneId: 'cn-shanghai-e' }), 'InvalidZoneId.NotFound', 404);

  const poor = await newCustomer(100);
  await rejectsWith(create(rdsClient(poor.keys), { payType: 'Prepaid', period: 'Month', usedTime: '1' }), 'InsufficientQuota');
  const none = (await rdsClient(poor.keys).describeDBInstances(new Rds.DescribeDBInstancesRequest({ regionId: region }))).body;
  assert.equal(none.totalRecordCount, 0, 'a refused charge leaves no instance, and customers see only their own');
});

test('Postpaid: create, spec change through DBInstanceClassChanging, delete; no charge up front', async () => {
  const before = await quota(customer.uid);
  const made = await create(rds, { category: 'Basic', DBInstanceClass: 'mysql.n2.medium.1', DBInstanceStorage: 20 });
  const id = made.body.DBInstanceId;
  await waitStatus(rds, id, 'Running');
  const changed = await rds.modifyDBInstanceSpec(new Rds.ModifyDBInstanceSpecRequest({ DBInstanceId: id, DBInstanceClass: 'mysql.n2.large.1', DBInstanceStorage: 50 }));
  assert.equal(typeof changed.body.orderId, 'number');
  const during = (await rds.describeDBInstanceAttribute(new Rds.DescribeDBInstanceAttributeRequest({ DBInstanceId: id }))).body.items.DBInstanceAttribute[0];
  assert.ok(['DBInstanceClassChanging', 'Running'].includes(during.DBInstanceStatus));
  const after = await waitStatus(rds, id, 'Running');
  assert.equal(after.DBInstanceClass, 'mysql.n2.large.1');
  assert.equal(after.DBInstanceStorage, 50);
  await rejectsWith(rds.modifyDBInstanceSpec(new Rds.ModifyDBInstanceSpecRequest({ DBInstanceId: id, DBInstanceClass: 'pg.n2.large.1' })),
    'InvalidDBInstanceClass.NotFound', 404);
  await rejectsWith(rds.modifyDBInstanceSpec(new Rds.ModifyDBInstanceSpecRequest({ DBInstanceId: id, DBInstanceStorage: 20 })), 'InvalidParameter', 400);

  // The partner's own keys see the customer's instance by ResourceOwnerId.
  const seen = (await partnerRds.describeDBInstances(new Rds.DescribeDBInstancesRequest({ regionId: region, DBInstanceId: id, resourceOwnerId: Number(customer.uid) }))).body;
  assert.equal(seen.items.DBInstance[0].payType, 'Postpaid');

  await rds.deleteDBInstance(new Rds.DeleteDBInstanceRequest({ DBInstanceId: id }));
  await rejectsWith(rds.describeDBInstanceAttribute(new Rds.DescribeDBInstanceAttributeRequest({ DBInstanceId: id })), 'InvalidDBInstanceId.NotFound', 404);
  assert.equal(await quota(customer.uid), before, 'Postpaid orders cost nothing up front');
  const messages = await emu.control.get(`/_emulator/partners/${partner.uid}/messages`);
  assert.ok(messages.some(m => m.eventType === 'InstanceReleased' && JSON.parse(m.messageBody).Data.InstanceId === id));
});

test('backup → clone: CreateBackup is listed once finished, CloneDBInstance from it; a restore time outside retention is refused', async () => {
  const id = (await create(rds)).body.DBInstanceId;
  await waitStatus(rds, id, 'Running');
  const job = await rds.createBackup(new Rds.CreateBackupRequest({ DBInstanceId: id, backupMethod: 'Physical' }));
  assert.match(job.body.backupJobId, /^\d+$/);
  let backup;
  for (let i = 0; i < 100 && !backup; i++) {
    const list = (await rds.describeBackups(new Rds.DescribeBackupsRequest({ DBInstanceId: id }))).body;
    backup = list.items.backup[0];
    if (!backup) await sleep(250);
    else assert.equal(list.totalRecordCount, '1');
  }
  assert.equal(backup.backupStatus, 'Success');

  const clone = await rds.cloneDBInstance(new Rds.CloneDBInstanceRequest({ DBInstanceId: id, backupId: backup.backupId, payType: 'Postpaid' }));
  assert.notEqual(clone.body.DBInstanceId, id);
  const cloned = await waitStatus(rds, clone.body.DBInstanceId, 'Running');
  assert.equal(cloned.DBInstanceClass, 'mysql.n2.medium.2c');

  const old = new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  await rejectsWith(rds.cloneDBInstance(new Rds.CloneDBInstanceRequest({ DBInstanceId: id, restoreTime: old, payType: 'Postpaid' })), 'InvalidRestoreTime.Malformed', 400);
  await rejectsWith(rds.cloneDBInstance(new Rds.CloneDBInstanceRequest({ DBInstanceId: id, backupId: '1', payType: 'Postpaid' })), 'InvalidBackupSetID.NotFound', 404);
  await rejectsWith(rds.cloneDBInstance(new Rds.CloneDBInstanceRequest({ DBInstanceId: id, payType: 'Postpaid' })), 'MissingParameter', 400);

  await rds.restoreTable(new Rds.RestoreTableRequest({ DBInstanceId: id, backupId: backup.backupId, tableMeta: '[{"type":"db","name":"shop","newname":"shop_restored","tables":[]}]' }));
  await waitStatus(rds, id, 'Running');
  await rejectsWith(rds.restoreTable(new Rds.RestoreTableRequest({ DBInstanceId: id, backupId: backup.backupId, tableMeta: 'not json' })), 'InvalidTableMeta.Malformed', 400);

  const policy = await rds.modifyBackupPolicy(new Rds.ModifyBackupPolicyRequest({ DBInstanceId: id, backupRetentionPeriod: '30', preferredBackupTime: '02:00Z-03:00Z', preferredBackupPeriod: 'Monday,Friday' }));
  assert.equal(policy.body.DBInstanceID, id);
  const read = (await rds.describeBackupPolicy(new Rds.DescribeBackupPolicyRequest({ DBInstanceId: id }))).body;
  assert.equal(read.backupRetentionPeriod, 30);
  assert.equal(read.preferredBackupTime, '02:00Z-03:00Z');
  assert.equal(read.preferredBackupPeriod, 'Monday,Friday');
  await rejectsWith(rds.modifyBackupPolicy(new Rds.ModifyBackupPolicyRequest({ DBInstanceId: id, backupRetentionPeriod: '3' })), 'InvalidParameter', 400);

  await rds.modifySQLCollectorPolicy(new Rds.ModifySQLCollectorPolicyRequest({ DBInstanceId: id, SQLCollectorStatus: 'Enable' }));
  assert.equal((await rds.describeSQLCollectorPolicy(new Rds.DescribeSQLCollectorPolicyRequest({ DBInstanceId: id }))).body.SQLCollectorStatus, 'Enable');
});

test('read-only instance on a Running HA primary; the primary cannot be deleted while it depends on it; proxy on and off', async () => {
  const primary = (await create(rds)).body.DBInstanceId;
  await waitStatus(rds, primary, 'Running');
  const ro = await rds.createReadOnlyDBInstance(new Rds.CreateReadOnlyDBInstanceRequest({
    DBInstanceId: primary, regionId: region, zoneId: 'cn-hangzhou-i', engineVersion: '8.0', DBInstanceClass: 'mysql.n2.medium.1',
    DBInstanceStorage: 100, payType: 'Postpaid',
  }));
  assert.match(ro.body.DBInstanceId, /^rr-/);
  const roAttr = await waitStatus(rds, ro.body.DBInstanceId, 'Running');
  assert.equal(roAttr.DBInstanceType, 'Readonly');
  assert.equal(roAttr.masterInstanceId, primary);
  const p = await waitStatus(rds, primary, 'Running');
  assert.deepEqual(p.readOnlyDBInstanceIds.readOnlyDBInstanceId.map(r => r.DBInstanceId), [ro.body.DBInstanceId]);

  await rejectsWith(rds.deleteDBInstance(new Rds.DeleteDBInstanceRequest({ DBInstanceId: primary })), 'OperationDenied.ReadDBInstanceExists', 403);
  await rejectsWith(rds.createReadOnlyDBInstance(new Rds.CreateReadOnlyDBInstanceRequest({
    DBInstanceId: primary, regionId: region, zoneId: 'cn-hangzhou-i', engineVersion: '8.0', DBInstanceClass: 'mysql.n2.medium.1', DBInstanceStorage: 50, payType: 'Postpaid',
  })), 'InvalidDBInstanceStorage.Malformed', 400);
  const basic = (await create(rds, { category: 'Basic', DBInstanceClass: 'mysql.n2.medium.1' })).body.DBInstanceId;
  await waitStatus(rds, basic, 'Running');
  await rejectsWith(rds.createReadOnlyDBInstance(new Rds.CreateReadOnlyDBInstanceRequest({
    DBInstanceId: basic, regionId: region, zoneId: 'cn-hangzhou-i', engineVersion: '8.0', DBInstanceClass: 'mysql.n2.medium.1', DBInstanceStorage: 100, payType: 'Postpaid',
  })), 'OperationDenied.ReadDBInstanceNotSupported', 403);
  await rejectsWith(rds.modifyDBProxy(new Rds.ModifyDBProxyRequest({ DBInstanceId: basic, configDBProxyService: 'Startup' })), 'OperationDenied.DBProxyNotSupported', 403);

  await rds.deleteDBInstance(new Rds.DeleteDBInstanceRequest({ DBInstanceId: ro.body.DBInstanceId }));
  await rds.modifyDBProxy(new Rds.ModifyDBProxyRequest({ DBInstanceId: primary, configDBProxyService: 'Startup', DBProxyInstanceType: 'common', DBProxyInstanceNum: '2' }));
  let proxy = (await rds.describeDBProxy(new Rds.DescribeDBProxyRequest({ DBInstanceId: primary }))).body;
  assert.equal(proxy.DBProxyServiceStatus, 'Startup');
  assert.equal(proxy.DBProxyInstanceNum, 2);
  assert.equal(proxy.DBProxyConnectStringItems.DBProxyConnectStringItems.length, 1);
  await rejectsWith(rds.modifyDBProxy(new Rds.ModifyDBProxyRequest({ DBInstanceId: primary, configDBProxyService: 'Startup' })), 'OperationDenied.DBProxyStatus', 403);
  await rejectsWith(rds.deleteDBInstance(new Rds.DeleteDBInstanceRequest({ DBInstanceId: primary })), 'OperationDenied.DBProxyEnabled', 403);
  await rds.modifyDBProxyInstance(new Rds.ModifyDBProxyInstanceRequest({ DBInstanceId: primary, DBProxyInstanceType: 'exclusive', DBProxyInstanceNum: '4', effectiveTime: 'Immediate' }));
  assert.equal((await rds.describeDBProxy(new Rds.DescribeDBProxyRequest({ DBInstanceId: primary }))).body.DBProxyInstanceNum, 4);
  await rds.modifyDBProxy(new Rds.ModifyDBProxyRequest({ DBInstanceId: primary, configDBProxyService: 'Shutdown' }));
  proxy = (await rds.describeDBProxy(new Rds.DescribeDBProxyRequest({ DBInstanceId: primary }))).body;
  assert.equal(proxy.DBProxyServiceStatus, 'Shutdown');
  await rds.deleteDBInstance(new Rds.DeleteDBInstanceRequest({ DBInstanceId: primary }));
});

test('disaster recovery: CreateDdrInstance needs cross-region backups into its region', async () => {
  const id = (await create(rds)).body.DBInstanceId;
  await waitStatus(rds, id, 'Running');
  const restoreTime = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const ddr = () => rds.createDdrInstance(new Rds.CreateDdrInstanceRequest({
    regionId: 'cn-shanghai', engine: 'MySQL', engineVersion: '8.0', DBInstanceNetType: 'Intranet', securityIPList: '10.0.0.0/8', payType: 'Postpaid',
    restoreType: 'BackupTime', sourceDBInstanceName: id, sourceRegion: region, restoreTime,
  }));
  await rejectsWith(ddr(), 'OperationDenied.CrossBackupDisabled', 403);
  const policy = await rds.modifyInstanceCrossBackupPolicy(new Rds.ModifyInstanceCrossBackupPolicyRequest({
    DBInstanceId: id, regionId: region, backupEnabled: '1', crossBackupRegion: 'cn-shanghai', retention: 7,
  }));
  assert.equal(policy.body.backupEnabled, '1');
  assert.equal(policy.body.retention, 7);
  const made = await ddr();
  const restored = await waitStatus(rds, made.body.DBInstanceId, 'Running');
  assert.equal(restored.regionId, 'cn-shanghai');
});
