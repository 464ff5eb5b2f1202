// Issue 17: a partner's message consumer with the official @alicloud/mns client (default settings, custom endpoint only):
// events the emulator records arrive in the partner's queue over the real MNS protocol.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const MNS = require('@alicloud/mns');
const { startEmulator } = require('./emulator');
const { Bss, bss } = require('./sdk');

let emu;
before(async () => { emu = await startEmulator(); });
after(async () => { await emu?.stop(); });

// The queue endpoint is spelt "localhost" while the RPC SDKs use 127.0.0.1: in the cloud they are different hosts, so their
// keep-alive sockets never mix. On one shared host:port, a socket an RPC call (Tea SDK, httpx) leaves in Node's pool still
// carries that call's read timer, which later aborts a long-polling MNS receive on the same socket (client side; see README).
const mnsEndpoint = () => emu.baseUrl.replace('127.0.0.1', 'localhost');

async function partner(name) {
  const p = await emu.control.createPartner({ name });
  const keys = { accessKeyId: p.accessKeyId, accessKeySecret: p.accessKeySecret };
  const mns = new MNS(p.uid, { ...keys, endpoint: mnsEndpoint() });
  return { uid: p.uid, queue: p.messageQueue, keys, mns };
}
const email = tag => `${tag}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
const createCustomer = async keys =>
  (await bss(emu.host, keys).createAgAccount(new Bss.CreateAgAccountRequest({ loginEmail: email('mns') }))).body.agRelationDto.pk;
const rejectsWith = (promise, code) => assert.rejects(promise, e => {
  assert.equal(e.name, `MNS${code}Error`, e.message);
  return true;
});

test('receive after a real event: all nine fields, the documented body, then delete', async () => {
  const p = await partner('mns-receive');
  const customer = await createCustomer(p.keys);
  const r = await p.mns.receiveMessage(p.queue, 1);
  assert.equal(r.code, 200);
  const m = r.body;
  for (const key of ['MessageId', 'ReceiptHandle', 'MessageBodyMD5', 'MessageBody', 'EnqueueTime', 'NextVisibleTime', 'FirstDequeueTime', 'DequeueCount', 'Priority'])
    assert.equal(typeof m[key], 'string', `${key} missing from ${JSON.stringify(m)}`);
  assert.match(m.MessageId, /^[0-9A-F]{32}$/);
  assert.equal(m.DequeueCount, '1');
  assert.equal(m.MessageBodyMD5, require('node:crypto').createHash('md5').update(m.MessageBody).digest('hex').toUpperCase());
  const body = JSON.parse(m.MessageBody);
  assert.equal(body.EventType, 'CustomerCreated');
  assert.equal(body.PartnerUid, p.uid);
  assert.equal(body.Data.CustomerUid, customer);
  assert.ok(Number(m.NextVisibleTime) > Number(m.FirstDequeueTime));

  // Invisible while received: nothing else to receive.
  await rejectsWith(p.mns.receiveMessage(p.queue), 'MessageNotExist');
  const attrs = await p.mns.getQueueAttributes(p.queue);
  assert.equal(attrs.body.InactiveMessages, '1');
  assert.equal(attrs.body.ActiveMessages, '0');
  assert.equal(attrs.body.VisibilityTimeout, '30');

  const del = await p.mns.deleteMessage(p.queue, m.ReceiptHandle);
  assert.equal(del.code, 204);
  // A handle is single-use.
  await rejectsWith(p.mns.deleteMessage(p.queue, m.ReceiptHandle), 'MessageNotExist');
  await rejectsWith(p.mns.deleteMessage(p.queue, 'not-a-handle'), 'ReceiptHandleError');
  assert.equal((await p.mns.getQueueAttributes(p.queue)).body.InactiveMessages, '0');
});

test('visibility: a changed timeout expires, the message comes back with a higher DequeueCount and a new handle', async () => {
  const p = await partner('mns-visibility');
  await createCustomer(p.keys);
  const first = (await p.mns.receiveMessage(p.queue)).body;
  const changed = await p.mns.changeMessageVisibility(p.queue, first.ReceiptHandle, 1);
  assert.equal(changed.code, 200);
  assert.notEqual(changed.body.ReceiptHandle, first.ReceiptHandle);
  assert.match(changed.body.NextVisibleTime, /^\d{13}$/);
  // The old handle died with the change.
  await rejectsWith(p.mns.deleteMessage(p.queue, first.ReceiptHandle), 'MessageNotExist');

  // Long polling wakes up when the message turns visible again.
  const again = (await p.mns.receiveMessage(p.queue, 10)).body;
  assert.equal(again.MessageId, first.MessageId);
  assert.equal(again.DequeueCount, '2');
  assert.equal(again.FirstDequeueTime, first.FirstDequeueTime);
  assert.notEqual(again.ReceiptHandle, changed.body.ReceiptHandle);
  await rejectsWith(p.mns.deleteMessage(p.queue, changed.body.ReceiptHandle), 'MessageNotExist');
  assert.equal((await p.mns.deleteMessage(p.queue, again.ReceiptHandle)).code, 204);
});

test('long polling: a waiting receive gets an event recorded while it waits; an empty queue answers MessageNotExist after the wait', async () => {
  const p = await partner('mns-longpoll');
  let settled = false;
  const started = Date.now();
  const waiting = p.mns.receiveMessage(p.queue, 20).finally(() => { settled = true; });
  await new Promise(r => setTimeout(r, 500));
  assert.equal(settled, false, 'the receive must still be waiting on an empty queue');
  const emittedAt = Date.now();
  await createCustomer(p.keys);
  const r = await waiting;
  const latency = Date.now() - emittedAt;
  assert.equal(JSON.parse(r.body.MessageBody).EventType, 'CustomerCreated');
  // Measured, not asserted (speed is for scripts/bench.sh): from the CreateAgAccount call to the message in hand.
  console.log(`# MNS emit-to-delivery latency (CreateAgAccount sent -> ReceiveMessage answered): ${latency} ms`);

  const t0 = Date.now();
  await rejectsWith(p.mns.receiveMessage(p.queue, 1), 'MessageNotExist');
  // A lower bound only: the wait is on the wall clock, so it cannot answer before one second.
  assert.ok(Date.now() - t0 >= 950, `an empty queue answered after ${Date.now() - t0} ms, before its waitseconds`);
  assert.ok(Date.now() - started >= 500);
});

test('batch forms: BatchPeekMessage, BatchReceiveMessage, BatchDeleteMessage with a partial failure', async () => {
  const p = await partner('mns-batch');
  for (let i = 0; i < 3; i++) await createCustomer(p.keys);
  const peeked = await p.mns.batchPeekMessage(p.queue, 16);
  assert.equal(peeked.body.length, 3);
  for (const m of peeked.body) {
    assert.equal(m.ReceiptHandle, undefined);
    assert.equal(m.DequeueCount, '0');
  }
  const received = await p.mns.batchReceiveMessage(p.queue, 2);
  assert.equal(received.body.length, 2);
  assert.deepEqual(received.body.map(m => m.MessageId), peeked.body.slice(0, 2).map(m => m.MessageId));
  const rest = await p.mns.batchReceiveMessage(p.queue, 16, 1);
  assert.equal(rest.body.length, 1);
  const handles = [...received.body, ...rest.body].map(m => m.ReceiptHandle);
  const del = await p.mns.batchDeleteMessage(p.queue, handles);
  assert.equal(del.code, 204);
  // Deleting again: every handle refused, one Error each.
  const again = await p.mns.batchDeleteMessage(p.queue, [handles[0], 'bogus']);
  assert.equal(again.code, 404);
  assert.deepEqual(again.body.map(e => e.ErrorCode), ['MessageNotExist', 'ReceiptHandleError']);
  assert.deepEqual(again.body.map(e => e.ReceiptHandle), [handles[0], 'bogus']);
  await rejectsWith(p.mns.batchPeekMessage(p.queue, 16), 'MessageNotExist');
});

test('a wrong secret is refused with SignatureDoesNotMatch; another partner\'s queue does not exist for the caller', async () => {
  const a = await partner('mns-owner');
  const b = await partner('mns-other');
  await createCustomer(a.keys);
  const wrong = new MNS(a.uid, { accessKeyId: a.keys.accessKeyId, accessKeySecret: 'wrong-secret', endpoint: mnsEndpoint() });
  await rejectsWith(wrong.receiveMessage(a.queue), 'SignatureDoesNotMatch');
  await rejectsWith(b.mns.receiveMessage(a.queue), 'QueueNotExist');
  await rejectsWith(b.mns.peekMessage(a.queue), 'QueueNotExist');
  // A's event is still there, untouched.
  const m = (await a.mns.peekMessage(a.queue)).body;
  assert.equal(m.DequeueCount, '0');
  assert.equal(b.queue !== a.queue, true);
});

test('control plane: inject a message, list the queue, purge it', async () => {
  const p = await partner('mns-control');
  const injected = await emu.control.post(`/_emulator/partners/${p.uid}/queue/messages`,
    { eventType: 'InstanceExpired', data: { InstanceId: 'i-test', CustomerUid: '1' } });
  const m = (await p.mns.receiveMessage(p.queue)).body;
  assert.equal(m.MessageId, injected.messageId);
  assert.deepEqual(JSON.parse(m.MessageBody).Data, { InstanceId: 'i-test', CustomerUid: '1' });
  const listed = await emu.control.get(`/_emulator/partners/${p.uid}/queue`);
  assert.equal(listed.inactiveMessages, 1);
  assert.equal(listed.messages[0].dequeueCount, 1);
  const purged = await emu.control.post(`/_emulator/partners/${p.uid}/queue/purge`, {});
  assert.equal(purged.purged, 1);
  await rejectsWith(p.mns.deleteMessage(p.queue, m.ReceiptHandle), 'MessageNotExist');
  assert.equal((await emu.control.get(`/_emulator/partners/${p.uid}/queue`)).messages.length, 0);
});
