// Seeded, bounded fuzzing of a running emulator: every catalog action (read from fixtures/api/catalog.json at run
// time, so actions added later are fuzzed too) signed with random, over-long, wrongly typed, unicode and
// control-character values; every non-RPC route (read from GET /_emulator/routes at run time); and a few raw
// malformed HTTP requests for Kestrel's own answers. Prints the counts by status and fails on any 5xx other than
// 501 NotImplemented (an action not emulated) and 505 (a malformed HTTP version).
//   node scripts/fuzz/fuzz.mjs --url http://127.0.0.1:PORT [--seed N] [--requests N] [--concurrency N] [--catalog PATH]
// No dependencies: Node's http, net and crypto only. Signing follows RPC signature V1 and ACS3-HMAC-SHA256 (SIGNATURES.md).
import http from 'node:http';
import net from 'node:net';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const baseUrl = new URL(args.url ?? process.env.EMULATOR_URL ?? 'http://127.0.0.1:4590');
const seed = Number(args.seed ?? process.env.VO_FUZZ_SEED ?? 20261201);
const total = Number(args.requests ?? process.env.VO_FUZZ_REQUESTS ?? 12000);
const concurrency = Number(args.concurrency ?? 8);
const catalog = JSON.parse(fs.readFileSync(args.catalog ?? path.join(root, 'fixtures', 'api', 'catalog.json'), 'utf8')).actions;
const token = process.env.VO_CONTROL_TOKEN;

// ---- seeded randomness (mulberry32): the same seed sends the same requests in the same order per worker
let state = seed >>> 0;
const rnd = () => { state = (state + 0x6D2B79F5) >>> 0; let t = state; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
const int = (n) => Math.floor(rnd() * n);
const pick = (xs) => xs[int(xs.length)];
const chance = (p) => rnd() < p;

const BAD = [
  '', ' ', 'abc', '-1', '0', '1', '999999', '2147483648', '-2147483649', '9223372036854775808', '1.5', '1e5', '1e400', '-0', 'NaN', 'Infinity',
  'true', 'false', 'null', 'yes', '１２３', '😀中文ﾃｽﾄ', 'é\u0301', '\u202Eevil', '\uFEFF1', '\u0000', 'a\u0000b', '\u0001\u0002\u001f\u007f', '\r\nX-Injected: 1',
  '<x>&amp;"\'', ']]>', '[', '{', '{"a":1}', '[{"thresholdType":"x"}]', '[1,2,3]', '%00', '%', '%zz', '../../etc/passwd', '${jndi:ldap://x}',
  "' OR 1=1 --", '2026-13-45T99:99:99Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-12-01', 'eip,eip,,', '\\', '\t', 'ｱｲｳ',
];
const longValue = () => pick(['9', 'a', '😀', '\u0001', '%']).repeat(pick([256, 1025, 5000, 12000]));
const word = () => pick(['Normal', 'Stopped', 'PrePaid', 'PostPaid', 'ecs', 'rds', 'Month', 'Year', 'AutoRenewal', 'cn-hangzhou', 'Enterprise', 'x']);
function valueFor(type, known) {
  const r = rnd();
  if (r < 0.15 && known.length) return pick(known);
  if (r < 0.30) {
    switch (type) {
      case 'Integer': case 'Long': return String(int(2) ? int(100) : int(2 ** 31));
      case 'Number': case 'Float': return (rnd() * 1000).toFixed(int(3));
      case 'Boolean': return pick(['true', 'false']);
      case 'Json': case 'Struct': return JSON.stringify({ Key: word(), Value: int(100) });
      default: return word();
    }
  }
  if (r < 0.40) return longValue();
  if (r < 0.55) { // wrongly typed on purpose
    return type === 'String' ? pick(['1', '-1', 'true', '1e400', '[1]', '{}']) : pick(['abc', 'true', '1.5', '[]', '{"a":', '12abc', '0x1F', '１２']);
  }
  return pick(BAD);
}

// ---- signing
// RFC 3986 unreserved characters stay, everything else is UTF-8 percent-encoded (lone surrogates become U+FFFD).
const pct = (s) => encodeURIComponent(String(s).toWellFormed()).replace(/[!'()*]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());
const canon = (params) => Object.keys(params).sort().map(k => `${pct(k)}=${pct(params[k])}`).join('&');
const isoNow = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
function signV1(method, params, keys) {
  const p = { Format: 'JSON', SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0', SignatureNonce: crypto.randomUUID(), Timestamp: isoNow(), AccessKeyId: keys.accessKeyId, ...params };
  const sts = `${method}&${pct('/')}&${pct(canon(p))}`;
  p.Signature = crypto.createHmac('sha1', keys.accessKeySecret + '&').update(sts).digest('base64');
  return p;
}
function signV3(method, host, action, version, query, keys) {
  const headers = { host, 'x-acs-action': action, 'x-acs-version': version, 'x-acs-date': isoNow(), 'x-acs-signature-nonce': crypto.randomUUID(),
    'x-acs-content-sha256': crypto.createHash('sha256').update('').digest('hex') };
  const names = Object.keys(headers).sort();
  const canonical = [method, '/', canon(query), names.map(n => `${n}:${String(headers[n]).trim()}\n`).join(''), names.join(';'), headers['x-acs-content-sha256']].join('\n');
  const sig = crypto.createHmac('sha256', keys.accessKeySecret).update(`ACS3-HMAC-SHA256\n${crypto.createHash('sha256').update(canonical).digest('hex')}`).digest('hex');
  headers.authorization = `ACS3-HMAC-SHA256 Credential=${keys.accessKeyId},SignedHeaders=${names.join(';')},Signature=${sig}`;
  return headers;
}

// ---- HTTP
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
function send(method, pathAndQuery, headers = {}, body) {
  return new Promise((resolve) => {
    const h = { ...headers };
    if (body !== undefined) h['content-length'] = Buffer.byteLength(body);
    let req;
    try {
      req = http.request({ host: baseUrl.hostname, port: baseUrl.port, method, path: pathAndQuery, headers: h, agent }, (res) => {
        const chunks = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', e => resolve({ status: 'socket-error', body: String(e) }));
      });
    } catch (e) { return resolve({ status: 'client-refused', body: String(e.code ?? e) }); } // Node itself refuses (e.g. a CR in a header)
    // A server may answer 413/414 to an over-long body or URL and close without reading the rest (RFC 9112 §9.6): the
    // client then sees EPIPE/ECONNRESET while still writing. That is a refusal, not a crash, for a body over the
    // emulator's 1 MiB limit or a URL over Kestrel's 8 KiB request line.
    const oversize = (body !== undefined && Buffer.byteLength(body) > 1024 * 1024) || pathAndQuery.length > 8192;
    req.on('error', e => resolve({ status: oversize && ['EPIPE', 'ECONNRESET'].includes(e.code) ? 'closed-oversize' : 'socket-error', body: String(e.code ?? e) }));
    req.setTimeout(30000, () => req.destroy(new Error('timeout')));
    if (body !== undefined) req.write(body);
    req.end();
  });
}
const control = async (method, p, body) => {
  const r = await send(method, p, { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body === undefined ? undefined : JSON.stringify(body));
  if (typeof r.status !== 'number' || r.status >= 300) throw new Error(`${method} ${p} -> ${r.status} ${r.body}`);
  return JSON.parse(r.body);
};

// ---- bookkeeping
const counts = new Map(); const byPhase = new Map(); const codes = new Map(); const failures = []; let sent = 0;
function record(phase, what, r) {
  sent++;
  const code = /"Code"\s*:\s*"([^"]+)"|<Code>([^<]+)<\/Code>/.exec(String(r.body));
  if (code) codes.set(code[1] ?? code[2], (codes.get(code[1] ?? code[2]) ?? 0) + 1);
  counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const ph = byPhase.get(phase) ?? new Map(); ph.set(r.status, (ph.get(r.status) ?? 0) + 1); byPhase.set(phase, ph);
  const s = r.status;
  const allowed = typeof s !== 'number' ? s === 'client-refused' || s === 'closed-oversize' : s < 500 || (s === 501 && /NotImplemented/.test(r.body)) || (s === 505 && phase === 'raw-http');
  if (!allowed && failures.length < 200) failures.push(`${phase} ${what} -> ${s} ${String(r.body).slice(0, 300)}`);
}
const show = (v) => { const s = JSON.stringify(v); return s.length > 80 ? s.slice(0, 77) + '...' : s; };

// ---- phase 1: every catalog action
async function rpcCall(keys, known) {
  const a = pick(catalog);
  const version = String(a.version ?? '').replace(/\?$/, '');
  const host = String(a.host ?? '').includes('<') ? 'queue.mns.cn-hangzhou.aliyuncs.com' : a.host;
  const params = {};
  for (const p of a.request ?? []) {
    if (!chance(p.required ? 0.9 : 0.5)) continue;
    if (p.type === 'RepeatList') {
      const n = pick([1, 1, 2, 0, 101]);
      for (let i = 1; i <= n; i++) {
        if (p.sub?.length) for (const s of p.sub) { if (chance(0.8)) params[`${p.name}.${i}.${s.name}`] = valueFor(s.type, known); }
        else params[`${p.name}.${i}`] = valueFor('String', known);
      }
      if (chance(0.1)) params[p.name] = valueFor('Json', known); // the flat (wrong) shape
    } else params[p.name] = valueFor(p.type, known);
  }
  if (chance(0.1)) params[pick(['Foo', 'OwnerId', 'Action', 'Format', 'RegionId', `X${int(1000)}`])] = pick(BAD);
  if (a.style === 'federation') {
    const q = new URLSearchParams({ Action: a.action, ...params });
    return ['federation ' + a.action, await send('GET', `${a.path}?${q}`, { host })];
  }
  if (a.style === 'MNS') {
    const queue = pct(chance(0.5) ? 'partner-queue' : pick(BAD));
    return ['mns ' + a.action, await send(a.httpMethods?.[0] ?? 'GET', a.path.replace('{QueueName}', queue) + (chance(0.5) ? `?ReceiptHandle=${pct(pick(BAD))}` : ''), { host, 'x-mns-version': '2015-06-06', authorization: `MNS ${keys.accessKeyId}:${pct(pick(BAD))}` })];
  }
  const what = `${a.product}/${a.action} ${show(params)}`;
  const mode = rnd();
  const wrongKeys = chance(0.05) ? { ...keys, accessKeySecret: 'wrong' + keys.accessKeySecret } : keys;
  if (mode < 0.45) { // V1, POST form
    const p = signV1('POST', { Action: a.action, Version: version, Format: pick(['JSON', 'JSON', 'XML', 'xml', 'yaml']), ...params }, wrongKeys);
    return [what, await send('POST', '/', { host, 'content-type': 'application/x-www-form-urlencoded' }, canon(p))];
  }
  if (mode < 0.75) { // V1, GET query
    const p = signV1('GET', { Action: a.action, Version: version, ...params }, wrongKeys);
    if (chance(0.05)) delete p[pick(['Signature', 'Timestamp', 'SignatureNonce', 'AccessKeyId', 'Version'])];
    if (chance(0.03)) p.Timestamp = pick(BAD);
    return [what, await send('GET', '/?' + canon(p), { host })];
  }
  // ACS3-HMAC-SHA256 (V3), parameters in the signed query
  const headers = signV3('POST', host, a.action, version, params, wrongKeys);
  if (chance(0.05)) headers['x-acs-date'] = pick(BAD.filter(v => !/[\r\n\u0000-\u001f\u007f]/.test(v)));
  return [what, await send('POST', '/?' + canon(params), headers, '')];
}

// ---- phase 2: every non-RPC route
const substitute = (pattern, keys, known) => pattern.replace(/\{\*{0,2}(\w+)[^}]*\}/g, (_, name) =>
  pct(chance(0.6) ? (name === 'uid' ? keys.uid : pick(known.length ? known : ['x'])) : (chance(0.5) ? pick(BAD) : longValue().slice(0, 300))));
function randomJson(depth = 0) {
  const r = rnd();
  if (depth > 2 || r < 0.4) return pick([pick(BAD), int(1000), -int(1000), rnd() * 1e308, true, null, 'Throttling', '2030-01-01T00:00:00Z']);
  if (r < 0.6) return Array.from({ length: int(4) }, () => randomJson(depth + 1));
  const keys = ['seconds', 'now', 'name', 'testAccount', 'action', 'product', 'code', 'httpStatus', 'count', 'after', 'delayMs', 'partner', 'subjectType', 'reason', 'customer', pick(BAD)];
  return Object.fromEntries(Array.from({ length: 1 + int(5) }, () => [pick(keys), randomJson(depth + 1)]));
}
function safeBody(pattern) {
  // Moves of at most a day and only 4xx faults: a fault rule answering 5xx would make the emulator answer 5xx on
  // purpose, and the extreme clock moves are the clock's own tests (issue 11, item 2).
  const body = randomJson();
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    if (/clock/.test(pattern)) { if (typeof body.seconds === 'number') body.seconds = Math.abs(body.seconds) % 86400; if ('now' in body) body.now = pick(['garbage', 1, null, new Date(Date.now() + int(86400000)).toISOString()]); }
    if (/faults/.test(pattern) && typeof body.httpStatus === 'number') body.httpStatus = 400 + int(100);
  }
  return JSON.stringify(body);
}
async function routeCall(routes, keys, known) {
  const r = pick(routes);
  const method = chance(0.9) ? pick(r.methods) : pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'FOO']);
  let p = substitute(r.pattern, keys, known);
  if (chance(0.4)) p += '?' + ['limit', 'token', 'ticket', 'step', 'customer', 'Action', 'SigninToken', 'LoginUrl', 'Destination', pick(BAD)].filter(() => chance(0.4)).map(k => `${pct(k)}=${pct(chance(0.5) ? pick(BAD) : int(200))}`).join('&');
  const headers = {};
  if (token && chance(0.9)) headers.authorization = `Bearer ${token}`;
  if (chance(0.05)) headers.host = pick(['attacker.example', '127.0.0.1', '[::1]', 'business.aliyuncs.com', '']);
  if (chance(0.05)) headers.origin = pick(['http://attacker.example', 'null', `http://${baseUrl.host}`]);
  if (chance(0.1)) headers.cookie = `vo_console_session=${pct(pick(BAD))}; vo_control_token=${pct(pick(BAD))}`;
  let body;
  if (!['GET', 'HEAD'].includes(method) && chance(0.85)) {
    const kind = rnd();
    if (kind < 0.5) { headers['content-type'] = 'application/json'; body = safeBody(r.pattern); }
    else if (kind < 0.6) { headers['content-type'] = `application/json; charset=${pick(['utf-7', 'utf-16', 'latin1', 'x-nonsense', '"utf-8"'])}`; body = safeBody(r.pattern); }
    else if (kind < 0.7) { headers['content-type'] = 'application/json'; body = pick(['', '{', 'not json', '\u0000', '[]', 'null', '{"seconds":1e999}', longValue()]); }
    else if (kind < 0.85) { headers['content-type'] = 'application/x-www-form-urlencoded'; body = ['ticket', 'name', 'subjectType', 'step', 'Domain', pick(BAD)].map(k => `${pct(k)}=${pct(pick(BAD))}`).join('&') + pick(['', '&%00=%00', '&a=%zz', '&&&']); }
    else if (kind < 0.92) { headers['content-type'] = pick(['multipart/form-data', 'multipart/form-data; boundary=x', 'text/plain', 'application/xml', 'application/octet-stream']); body = pick(['--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n\u0000\r\n--x--', 'a=b', '<a/>', '\u0000\u0001']); }
    else body = pick(BAD);
  }
  return [`${method} ${p.slice(0, 120)} ${body === undefined ? '' : show(body)}`, await send(method, p, headers, body)];
}

// ---- phase 3: malformed HTTP straight on the socket (Kestrel answers these itself)
function raw(bytes) {
  return new Promise((resolve) => {
    const s = net.connect({ host: baseUrl.hostname, port: Number(baseUrl.port) });
    const chunks = [];
    s.on('data', c => { chunks.push(c); });
    s.on('error', () => {});
    // Kestrel closes the connection after answering a request it rejects; a half-close from here could end it unanswered.
    s.setTimeout(5000, () => s.destroy());
    s.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : 'no-answer', body: text.split('\r\n\r\n').slice(1).join('\r\n\r\n') });
    });
    s.write(bytes);
  });
}
const rawCases = () => [
  ['bad version', `GET /_emulator/health HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n`],
  ['garbage request line', `\u0001\u0002 nonsense\r\n\r\n`],
  ['over-long URL', `GET /?${'a'.repeat(20000)} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`],
  ['over-long headers', `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n${Array.from({ length: 40 }, (_, i) => `X-H${i}: ${'b'.repeat(1000)}`).join('\r\n')}\r\nConnection: close\r\n\r\n`],
  ['no Host', `GET /_emulator/health HTTP/1.1\r\nConnection: close\r\n\r\n`],
  ['two Hosts', `GET /_emulator/health HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n`],
  ['bad chunking', `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n`],
  ['bad Content-Length', `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\nConnection: close\r\n\r\n`],
  ['NUL in path', `GET /\u0000 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`],
  ['header without colon', `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBroken\r\nConnection: close\r\n\r\n`],
];

async function pool(n, job) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => { while (next < n) { next++; await job(); } }));
}

const started = Date.now();
const keys = await control('POST', '/_emulator/partners', { name: 'fuzz', testAccount: true });
const known = [keys.uid];
for (let i = 0; i < 3; i++) {
  const p = signV1('POST', { Action: 'CreateAgAccount', Version: '2017-12-14', LoginEmail: `fuzz${i}-${seed}@example.com`, AccountAttr: 'Pro', NationCode: 'cn', FirstName: 'F', LastName: 'Z', EnterpriseName: 'Fuzz', ProvinceName: 'Zhejiang', CityName: 'Hangzhou', Postcode: '310000' }, keys);
  const r = await send('POST', '/', { host: 'business.aliyuncs.com', 'content-type': 'application/x-www-form-urlencoded' }, canon(p));
  const pk = /"Pk":"?(\d+)/.exec(r.body)?.[1];
  if (pk) known.push(pk);
}
const routes = (await control('GET', '/_emulator/routes')).filter(r => r.pattern !== '/');
// The global reset and the partner's own reset would wipe the keys and customers the rest of the run uses: they run last.
const wiping = routes.filter(r => /\/reset$/.test(r.pattern));
const others = routes.filter(r => !wiping.includes(r));
const rawList = rawCases();
const rpcCount = Math.round(total * 0.8);
const routeCount = total - rpcCount - rawList.length - wiping.length * 5;

await pool(rpcCount, async () => { const [w, r] = await rpcCall(keys, known); record('catalog-actions', w, r); });
await pool(routeCount, async () => { const [w, r] = await routeCall(others, keys, known); record('non-rpc-routes', w, r); });
for (const [name, bytes] of rawList) record('raw-http', name, await raw(bytes));
for (const r of wiping) for (let i = 0; i < 5; i++) { const [w, res] = await routeCall([r], keys, known); record('non-rpc-routes', w, res); }
// Still alive and answering after all of it.
record('final-health', 'GET /_emulator/health', await send('GET', '/_emulator/health'));

const seconds = ((Date.now() - started) / 1000).toFixed(1);
const fmt = (m) => [...m.entries()].sort((a, b) => String(a[0]).localeCompare(String(b[0]))).map(([k, v]) => `${k}: ${v}`).join(', ');
console.log(`fuzz: seed ${seed}, ${sent} requests in ${seconds} s, ${catalog.length} catalog actions, ${routes.length} non-RPC routes, concurrency ${concurrency}`);
console.log(`fuzz: by status: ${fmt(counts)}`);
for (const [phase, m] of byPhase) console.log(`fuzz:   ${phase}: ${fmt(m)}`);
console.log(`fuzz: most frequent error codes: ${[...codes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${k}: ${v}`).join(', ')}`);
if (failures.length) {
  console.log(`fuzz: FAILED, ${failures.length} answers outside the rules (5xx other than 501 NotImplemented / 505, or no answer):`);
  for (const f of failures.slice(0, 40)) console.log('  ' + f);
  process.exit(1);
}
if (sent < 10000 && total >= 10000) { console.log(`fuzz: FAILED, only ${sent} requests`); process.exit(1); }
console.log('fuzz: ok');
