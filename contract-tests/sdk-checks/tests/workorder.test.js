// Issue 17: a partner's ticket integration with the official @alicloud/pop-core client (default settings: GET, action and
// parameter names capitalized, so Action=Add and AliUid reach the emulator): a whole support conversation and an
// attachment round trip through the browser-upload grant.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startEmulator } = require('./emulator');
const { Bss, bss, pop } = require('./sdk');

let emu;
before(async () => { emu = await startEmulator(); });
after(async () => { await emu?.stop(); });

const VERSION = '2016-08-30';
async function partner(name) {
  const p = await emu.control.createPartner({ name, testAccount: false });
  const keys = { accessKeyId: p.accessKeyId, accessKeySecret: p.accessKeySecret };
  const customer = (await bss(emu.host, keys).createAgAccount(new Bss.CreateAgAccountRequest({
    loginEmail: `wo-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`,
  }))).body.agRelationDto.pk;
  return { uid: p.uid, keys, customer, wo: pop(emu.baseUrl, keys, VERSION) };
}

/** The browser side of getOSSTempAuthor: an OSS PostObject form upload to the granted host. */
async function upload(grant, name, bytes) {
  const form = new FormData();
  form.append('key', grant.dir + name);
  form.append('policy', grant.policy);
  form.append('OSSAccessKeyId', grant.accessId);
  form.append('Signature', grant.signature);
  form.append('success_action_status', '200');
  form.append('file', new Blob([bytes], { type: 'image/png' }), name);
  return fetch(grant.host, { method: 'POST', body: form });
}

test('a whole support conversation: add, list, support answers, the partner replies, support closes it', async () => {
  const p = await partner('wo-conversation');
  const added = await p.wo.request('add', { aliUid: p.customer, productId: 4, title: 'ECS cannot start', content: 'Since 10:00 the instance fails to start.' });
  assert.equal(added.code, '200');
  assert.equal(added.success, true);
  assert.equal(added.message, 'successful');
  const id = added.data;
  assert.match(id, /^CT[A-Z0-9]{10}$/);

  const list = await p.wo.request('QuestionList', { pageSize: 20 });
  assert.equal(list.code, '200');
  // uid is a JSON number; pop-core reads numbers past 2^53 as BigNumber (json-bigint), hence String().
  assert.deepEqual(list.data.map(t => [t.id, t.title, t.questionStatus, String(t.uid), t.productId]),
    [[id, 'ECS cannot start', 'assigned', p.customer, 4]]);

  await emu.control.post(`/_emulator/partners/${p.uid}/tickets/${id}/reply`, { content: 'Please send the console screenshot.' });
  assert.deepEqual((await p.wo.request('QuestionList', { questionStatus: 'wait_feedback' })).data.map(t => t.id), [id]);

  const replied = await p.wo.request('QuestionReply', { questionId: id, questionContent: 'Screenshot attached to the next message.' });
  assert.equal(replied.code, '200');
  assert.equal((await p.wo.request('QuestionList', {})).data[0].questionStatus, 'feedback');

  const notes = await p.wo.request('QuestionListNote', { questionId: id });
  assert.equal(notes.Count, 3);
  assert.deepEqual(notes.ListResult.NoteInfo.map(n => [n.FromOfficial, n.NoteType, n.Content]), [
    [false, 'chat', 'Since 10:00 the instance fails to start.'],
    [true, 'chat', 'Please send the console screenshot.'],
    [false, 'chat', 'Screenshot attached to the next message.'],
  ]);
  assert.ok(notes.ListResult.NoteInfo.every(n => typeof n.GmtCreated === 'number' && Array.isArray(n.attachIds.attachId)));

  await emu.control.post(`/_emulator/partners/${p.uid}/tickets/${id}/status`, { status: 'confirmed' });
  assert.deepEqual((await p.wo.request('QuestionList', { questionStatus: 'confirmed,wait_confirm' })).data.map(t => t.id), [id]);
  const closed = await p.wo.request('QuestionReply', { questionId: id, questionContent: 'one more thing' });
  assert.equal(closed.success, false);
  assert.equal(closed.code, '-101');
});

test('attachments: a browser upload with the grant, attached to a ticket, fetched through the short-lived URL; expired grant and URL refused', async () => {
  const p = await partner('wo-attach');
  const grant = (await p.wo.request('getOSSTempAuthor', {})).data;
  assert.equal(typeof grant.expire, 'string');
  const policy = JSON.parse(Buffer.from(grant.policy, 'base64').toString());
  assert.deepEqual(policy.conditions, [['content-length-range', 0, 2097152], ['starts-with', '$key', grant.dir]]);

  const bytes = Buffer.from('PNG-not-really-' + Math.random());
  const up = await upload(grant, 'screen.png', bytes);
  assert.equal(up.status, 200, await up.text());
  // Outside the granted dir: refused by the policy.
  const outside = await upload({ ...grant, dir: 'elsewhere/' }, 'x.png', bytes);
  assert.equal(outside.status, 403);

  const id = (await p.wo.request('add', { aliUid: p.customer, productId: 4, content: 'see attachment', attachments: grant.dir + 'screen.png' })).data;
  const note = (await p.wo.request('QuestionListNote', { questionId: id })).ListResult.NoteInfo[0];
  assert.deepEqual(note.attachIds.attachId, [`${id}-0`]);

  const url = (await p.wo.request('getAttachTempURL', { attachId: `${id}-0` })).data;
  const got = await fetch(url);
  assert.equal(got.status, 200);
  assert.deepEqual(Buffer.from(await got.arrayBuffer()), bytes);

  // Two minutes later (virtual time), the URL and the grant are dead.
  await emu.control.post(`/_emulator/partners/${p.uid}/clock/advance`, { seconds: 180 });
  const late = await fetch(url);
  assert.equal(late.status, 403);
  assert.match(await late.text(), /<Code>AccessDenied<\/Code>/);
  const lateUpload = await upload(grant, 'again.png', bytes);
  assert.equal(lateUpload.status, 403);
  assert.match(await lateUpload.text(), /Policy expired/);
  // A fresh URL works again.
  assert.equal((await fetch((await p.wo.request('getAttachTempURL', { attachId: `${id}-0` })).data)).status, 200);
});

test('refusals come back in the lower-case envelope: another partner\'s customer, no product, unknown ticket or attachment', async () => {
  const a = await partner('wo-a');
  const b = await partner('wo-b');
  const foreign = await b.wo.request('add', { aliUid: a.customer, productId: 4, content: 'x' });
  assert.deepEqual([foreign.code, foreign.success, foreign.message], ['-121', false, 'illegal auth']);
  const noProduct = await a.wo.request('add', { aliUid: a.customer, content: 'x' });
  assert.equal(noProduct.code, '-101');
  const id = (await a.wo.request('add', { aliUid: a.customer, productId: 4, content: 'mine' })).data;
  assert.equal((await b.wo.request('QuestionListNote', { questionId: id })).code, '-101');
  assert.deepEqual((await b.wo.request('QuestionList', {})).data, []);
  assert.equal((await a.wo.request('getAttachTempURL', { attachId: `${id}-0` })).code, '-101');
  assert.equal((await a.wo.request('add', { aliUid: a.customer, productId: 4, content: 'x', attachments: 'pop_temp1/nope.png' })).code, '-101');
  // A required parameter missing is the gateway's error, which pop-core throws.
  await assert.rejects(a.wo.request('add', { aliUid: a.customer, productId: 4 }), e => e.code === 'MissingParameter');
});
