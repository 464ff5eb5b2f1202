namespace VirtualOperator.Emulator.ControlPlane.Dashboard;

/// <summary>
/// The dashboard: one static page, no build step and no CDN (it works offline), that reads and writes only through the
/// control-plane routes (so the guard's rules apply: every write is JSON, same-origin, with the token cookie).
/// A front-end toolchain would not earn its keep for a handful of tables and forms.
/// </summary>
public static class DashboardPage
{
    public const string Html = """
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>VirtualOperator.Emulator</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#f6f7f9;color:#222}
header{background:#1f3a5f;color:#fff;padding:8px 16px;display:flex;gap:16px;align-items:center}
main{display:grid;grid-template-columns:1fr 1fr;gap:12px;padding:12px}
section{background:#fff;border:1px solid #dde;border-radius:6px;padding:8px 12px;overflow:auto;max-height:340px}
h2{font-size:15px;margin:4px 0 8px}table{border-collapse:collapse;width:100%;font-size:12px}
td,th{border-bottom:1px solid #eee;padding:3px 6px;text-align:left;white-space:nowrap}
.err{color:#b00}.inj{background:#fff1d6}button{margin:2px}input,select{font-size:12px;margin:2px}
</style></head>
<body>
<header><strong>VirtualOperator.Emulator</strong>
<label>Partner <select id="partner" data-testid="partner"></select></label>
<span id="error" class="err" data-testid="error"></span></header>
<main>
<section><h2>Clock</h2>
<div>Virtual now: <span id="now" data-testid="now"></span> (offset <span id="offset" data-testid="offset"></span> s)</div>
<div>Advance: <button data-advance="3600" data-testid="advance-1h">+1 hour</button><button data-advance="86400" data-testid="advance-1d">+1 day</button>
<button data-advance="604800" data-testid="advance-7d">+7 days</button><button data-advance="2592000" data-testid="advance-30d">+30 days</button></div>
<div>Set: <input id="setNow" placeholder="2027-01-01T00:00:00Z"><button id="setBtn" data-testid="set-now">Set</button></div></section>
<section><h2>Faults</h2>
<div><input id="fAction" placeholder="action" data-testid="fault-action"><input id="fProduct" placeholder="product" size="8">
<input id="fCode" placeholder="code" data-testid="fault-code"><input id="fStatus" placeholder="http status" size="5" data-testid="fault-status">
<input id="fCount" placeholder="count" size="3"><input id="fAfter" placeholder="after" size="3"><input id="fDelay" placeholder="delay ms" size="5">
<button id="fAdd" data-testid="fault-add">Add</button><button id="fClear" data-testid="fault-clear">Clear all</button></div>
<table><thead><tr><th>id</th><th>action</th><th>code</th><th>status</th><th>count</th><th>after</th><th>fired</th></tr></thead><tbody id="faults" data-testid="faults"></tbody></table></section>
<section><h2>Customers</h2><table><thead><tr><th>uid</th><th>e-mail</th><th>status</th><th>credit</th></tr></thead><tbody id="customers" data-testid="customers"></tbody></table></section>
<section><h2>Resources (every product)</h2><table><thead><tr><th>product</th><th>id</th><th>customer</th><th>status</th><th>region</th><th>expires</th></tr></thead><tbody id="resources" data-testid="resources"></tbody></table></section>
<section><h2>Orders</h2><table><thead><tr><th>order</th><th>customer</th><th>product</th><th>type</th><th>payment</th><th>amount</th><th>created</th></tr></thead><tbody id="orders" data-testid="orders"></tbody></table></section>
<section><h2>Messages</h2><table><thead><tr><th>time</th><th>type</th><th>body</th></tr></thead><tbody id="messages" data-testid="messages"></tbody></table></section>
<section style="grid-column:1/3"><h2>Request journal (live)</h2>
<div>Filter: <input id="jAction" placeholder="action"><select id="jStatus"><option value="">any status</option><option value="ok">2xx</option><option value="err">4xx/5xx</option></select></div>
<table><thead><tr><th>time</th><th>product</th><th>action</th><th>status</th><th>code</th><th>request id</th></tr></thead><tbody id="journal" data-testid="journal"></tbody></table></section>
</main>
<script>
const started = performance.now();
const $ = id => document.getElementById(id);
async function api(path, method, body) {
  const r = await fetch('/_emulator' + path, { method: method || 'GET', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  const json = text ? JSON.parse(text) : null;
  if (!r.ok) throw new Error((json && json.error) || ('HTTP ' + r.status));
  return json;
}
function rows(tbody, items, cells, cls) {
  const el = $(tbody); el.replaceChildren();
  for (const it of items) { const tr = document.createElement('tr'); if (cls) tr.className = cls(it) || '';
    for (const c of cells(it)) { const td = document.createElement('td'); td.textContent = c == null ? '' : String(c); tr.appendChild(td); }
    el.appendChild(tr); }
}
const partner = () => $('partner').value;
const show = e => { $('error').textContent = e ? e.message : ''; };
async function loadClock() { const c = await api(`/partners/${partner()}/clock`); $('now').textContent = c.now; $('offset').textContent = c.offsetSeconds; }
async function loadFaults() { rows('faults', await api(`/partners/${partner()}/faults`), f => [f.id, f.action, f.code, f.httpStatus, f.count, f.after, f.fired]); }
async function loadState() {
  const p = partner();
  const [customers, resources, orders, messages] = await Promise.all([api(`/partners/${p}/customers`), api(`/partners/${p}/resources`),
    api(`/partners/${p}/orders`), api(`/partners/${p}/messages`)]);
  rows('customers', customers, c => [c.uid, c.loginEmail, c.status, c.credit.map(l => `${l.currency} ${l.available} of ${l.quota}`).join(', ')]);
  rows('resources', resources, r => [r.productCode, r.resourceId, r.ownerUid, r.status, r.regionId, r.expiredTime]);
  rows('orders', orders, o => [o.orderId, o.customerUid, o.productCode, o.orderType, o.paymentStatus, `${o.amount} ${o.currency}`, o.createTime]);
  rows('messages', messages.slice(-50).reverse(), m => [m.enqueueTime || m.time || '', m.eventType || m.type || '', JSON.stringify(m).slice(0, 160)]);
}
async function loadJournal() {
  const a = $('jAction').value.trim().toLowerCase(), s = $('jStatus').value;
  const calls = (await api(`/partners/${partner()}/requests?limit=200`)).filter(c => (!a || (c.action || '').toLowerCase().includes(a))
    && (!s || (s === 'ok') === (c.httpStatus < 400)));
  rows('journal', calls.slice(0, 100), c => [c.time, c.product, c.action, c.httpStatus, c.code, c.requestId], c => c.injected ? 'inj' : (c.httpStatus >= 400 ? 'err' : ''));
}
async function loadAll() { try { await Promise.all([loadClock(), loadFaults(), loadState(), loadJournal()]); show(); } catch (e) { show(e); } }
async function start() {
  try {
    const partners = await api('/partners');
    for (const p of partners) { const o = document.createElement('option'); o.value = p.uid; o.textContent = `${p.name} (${p.uid})`; $('partner').appendChild(o); }
    const wanted = new URLSearchParams(location.search).get('partner');
    if (wanted) $('partner').value = wanted;
    await loadAll();
    document.body.dataset.loadMs = Math.round(performance.now() - started);
    document.body.dataset.loaded = 'true';
  } catch (e) { show(e); }
  setInterval(() => loadJournal().catch(show), 1500);
}
$('partner').addEventListener('change', loadAll);
document.querySelectorAll('[data-advance]').forEach(b => b.addEventListener('click', async () => {
  try { await api(`/partners/${partner()}/clock/advance`, 'POST', { seconds: Number(b.dataset.advance) }); await loadAll(); } catch (e) { show(e); } }));
$('setBtn').addEventListener('click', async () => { try { await api(`/partners/${partner()}/clock/set`, 'POST', { now: $('setNow').value }); await loadAll(); } catch (e) { show(e); } });
const num = id => $(id).value.trim() === '' ? undefined : Number($(id).value);
const str = id => $(id).value.trim() === '' ? undefined : $(id).value.trim();
$('fAdd').addEventListener('click', async () => {
  try { await api(`/partners/${partner()}/faults`, 'POST', { action: str('fAction'), product: str('fProduct'), code: str('fCode'),
    httpStatus: num('fStatus'), count: num('fCount'), after: num('fAfter'), delayMs: num('fDelay') }); await loadFaults(); show(); } catch (e) { show(e); } });
$('fClear').addEventListener('click', async () => { try { await api(`/partners/${partner()}/faults`, 'DELETE'); await loadFaults(); } catch (e) { show(e); } });
['jAction', 'jStatus'].forEach(id => $(id).addEventListener('input', () => loadJournal().catch(show)));
start();
</script>
</body></html>
""";
}
