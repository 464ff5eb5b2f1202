namespace VirtualOperator.Emulator.ControlPlane.Dashboard;

/// <summary>The dashboard's script (<c>GET /_emulator/ui/dashboard.js</c>): plain browser JavaScript, no build step.</summary>
public static class DashboardScript
{
    public const string Js = """
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
function rows(tbody, items, cells, cls, onPick) {
  const el = $(tbody); el.replaceChildren();
  for (const it of items) { const tr = document.createElement('tr'); tr.className = (cls && cls(it)) || '';
    if (onPick) { tr.classList.add('pick'); tr.addEventListener('click', () => onPick(it, tr)); }
    for (const c of cells(it)) { const td = document.createElement('td'); td.textContent = c == null ? '' : String(c); tr.appendChild(td); }
    el.appendChild(tr); }
}
const partner = () => $('partner').value;
const customer = () => $('customer').value;
const mine = uid => !customer() || uid === customer();
const show = e => { $('error').textContent = e ? e.message : ''; };
const ms = t => t ? new Date(t).toISOString().replace('.000Z', 'Z') : '';
let partners = [];

async function loadClock() {
  const p = partner();
  const [g, c, n] = await Promise.all([api('/clock'), api(`/partners/${p}/clock`),
    api($('clockScope').value === 'global' ? '/clock/next-due' : `/partners/${p}/clock/next-due`)]);
  $('globalNow').textContent = g.now; $('globalOffset').textContent = g.offsetSeconds;
  $('now').textContent = c.now; $('offset').textContent = c.offsetSeconds;
  $('nextDue').textContent = n.nextDueAt ? `${n.nextDueAt} (in ${n.secondsUntil} s)` : 'nothing scheduled';
}
function showMove(moved, what) {
  $('fellDueSummary').textContent = `${what}: now ${moved.now}; ${moved.fellDue.length} event(s) fell due.`;
  rows('fellDue', moved.fellDue, e => [e.partner, e.time, e.eventType, e.messageId]);
}
async function move(what, path, body) {
  try { const scope = $('clockScope').value === 'global' ? '' : `/partners/${partner()}`;
    showMove(await api(scope + path, 'POST', body), what); await loadAll(); } catch (e) { show(e); }
}
async function loadFaults() {
  const p = partner();
  rows('faults', (await api('/faults')).filter(f => !f.partner || f.partner === p),
    f => [f.id, f.partner || '(every partner)', f.product, f.action, f.code, f.httpStatus, f.count, f.after, f.delayMs, f.fired]);
}
async function loadState() {
  const p = partner();
  const [customers, resources, orders, filings, tickets, queue] = await Promise.all([api(`/partners/${p}/customers`), api(`/partners/${p}/resources`),
    api(`/partners/${p}/orders`), api(`/partners/${p}/icp/filings`), api(`/partners/${p}/tickets`), api(`/partners/${p}/queue`)]);
  const sel = $('customer'), keep = sel.value;
  sel.replaceChildren(new Option('all customers', ''), ...customers.map(c => new Option(`${c.loginEmail} (${c.uid})`, c.uid)));
  sel.value = customers.some(c => c.uid === keep) ? keep : '';
  rows('customers', customers, c => [c.uid, c.loginEmail, c.status, c.credit.map(l => `${l.currency} ${l.available} of ${l.quota}`).join(', ')],
    c => c.uid === customer() ? 'sel' : '', c => { $('customer').value = c.uid === customer() ? '' : c.uid; loadState().catch(show); });
  rows('resources', resources.filter(r => mine(r.ownerUid)), r => [r.productCode, r.resourceId, r.ownerUid, r.status, r.regionId, r.publicIp, r.expiredTime]);
  rows('orders', orders.filter(o => mine(o.customerUid)), o => [o.orderId, o.customerUid, o.productCode, o.instanceId, o.orderType, o.paymentStatus, `${o.amount} ${o.currency}`, o.createTime]);
  rows('filings', filings.filter(f => mine(f.customerUid)), f => [f.filingId, f.customerUid, f.sn, f.status, f.beianNum, f.submittedAt, f.reviewEndsAt, f.rejectReason]);
  rows('tickets', tickets.filter(t => mine(t.customerUid)), t => [t.id, t.customerUid, t.title, t.questionStatus, ms(t.gmtCreated), t.notes.length]);
  $('queueCounts').textContent = `${queue.queueName}: ${queue.activeMessages} active (visible), ${queue.inactiveMessages} inactive (received, invisible)`;
  rows('queue', queue.messages.slice(-100).reverse(), m => [ms(m.enqueueTime), m.eventType, m.messageId, m.visible ? 'yes' : 'no', m.dequeueCount]);
}
let journalCalls = [];
async function loadJournal() {
  const a = $('jAction').value.trim().toLowerCase(), s = $('jStatus').value;
  const all = $('jPartner').value === 'all';
  journalCalls = (await api(all ? '/requests?limit=300' : `/partners/${partner()}/requests?limit=300`)).filter(c =>
    (!a || (c.action || '').toLowerCase().includes(a)) &&
    (!s || (s === 'sig' ? !!c.stringToSign : String(c.httpStatus)[0] === s)));
  rows('journal', journalCalls.slice(0, 150), c => [c.time, c.partner, c.product, c.action, c.httpStatus, c.code, c.requestId],
    c => (c.injected ? 'inj' : (c.httpStatus >= 400 ? 'err' : '')) + (c.requestId === picked ? ' sel' : ''), pick);
}
let picked = null;
async function pick(call) {
  picked = call.requestId;
  $('callDetail').hidden = false; $('dRequest').textContent = call.requestId;
  $('dSignBox').hidden = !call.stringToSign; $('dSign').textContent = call.stringToSign || '';
  $('dRecipeBox').hidden = true; $('dNoRecipe').textContent = '';
  if (!call.partner) { $('dNoRecipe').textContent = 'This call names no partner key, so it cannot be signed again.'; return; }
  try { const r = await api(`/partners/${call.partner}/requests/${call.requestId}/recipe`);
    $('dCurl').textContent = r.curl; $('dSdk').textContent = r.sdk; $('dSdkName').textContent = r.sdkName; $('dRecipeBox').hidden = false;
  } catch (e) { $('dNoRecipe').textContent = e.message; }
  loadJournal().catch(show);
}
async function copy(id, button) {
  const text = $(id).textContent;
  try { await navigator.clipboard.writeText(text); button.textContent = 'Copied'; }
  catch { const range = document.createRange(); range.selectNodeContents($(id)); getSelection().removeAllRanges(); getSelection().addRange(range); button.textContent = 'Selected: press Ctrl+C'; }
}
async function loadAll() { try { await Promise.all([loadClock(), loadFaults(), loadState(), loadJournal()]); show(); } catch (e) { show(e); } }
async function start() {
  try {
    partners = await api('/partners');
    for (const p of partners) { $('partner').appendChild(new Option(`${p.name} (${p.uid})`, p.uid)); }
    const wanted = new URLSearchParams(location.search).get('partner');
    if (wanted) $('partner').value = wanted;
    fillFaultPartners();
    await loadAll();
    document.body.dataset.loadMs = Math.round(performance.now() - started);
    document.body.dataset.loaded = 'true';
  } catch (e) { show(e); }
  setInterval(() => Promise.all([loadJournal(), loadFaults()]).catch(show), 1500);
}
function fillFaultPartners() {
  $('fPartner').replaceChildren(new Option('this partner', partner()), new Option('every partner', ''),
    ...partners.filter(p => p.uid !== partner()).map(p => new Option(p.uid, p.uid)));
}
$('partner').addEventListener('change', () => { $('customer').value = ''; fillFaultPartners(); loadAll(); });
$('customer').addEventListener('change', () => loadState().catch(show));
$('clockScope').addEventListener('change', () => loadClock().catch(show));
document.querySelectorAll('[data-advance]').forEach(b => b.addEventListener('click', () =>
  move(b.textContent, '/clock/advance', { seconds: Number(b.dataset.advance) })));
document.querySelectorAll('[data-months]').forEach(b => b.addEventListener('click', async () => {
  // A calendar month from the clock's own now (subscriptions end on calendar months), set exactly.
  try { const c = await api($('clockScope').value === 'global' ? '/clock' : `/partners/${partner()}/clock`);
    const d = new Date(c.now); d.setUTCMonth(d.getUTCMonth() + Number(b.dataset.months));
    await move(b.textContent, '/clock/set', { now: d.toISOString() }); } catch (e) { show(e); } }));
$('nextDueBtn').addEventListener('click', () => move('to the next due event', '/clock/advance-to-next-due'));
$('setBtn').addEventListener('click', () => move('set to ' + $('setNow').value, '/clock/set', { now: $('setNow').value }));
const num = id => $(id).value.trim() === '' ? undefined : Number($(id).value);
const str = id => $(id).value.trim() === '' ? undefined : $(id).value.trim();
$('fAdd').addEventListener('click', async () => {
  try { await api('/faults', 'POST', { action: str('fAction'), product: str('fProduct'), partner: $('fPartner').value || undefined, code: str('fCode'),
    httpStatus: num('fStatus'), count: num('fCount'), after: num('fAfter'), delayMs: num('fDelay') }); await loadFaults(); show(); } catch (e) { show(e); } });
$('fClear').addEventListener('click', async () => { try { await api(`/partners/${partner()}/faults`, 'DELETE'); await loadFaults(); show(); } catch (e) { show(e); } });
$('fClearAll').addEventListener('click', async () => { try { await api('/faults', 'DELETE'); await loadFaults(); show(); } catch (e) { show(e); } });
['jAction', 'jStatus', 'jPartner'].forEach(id => $(id).addEventListener('input', () => loadJournal().catch(show)));
$('copyCurl').addEventListener('click', e => copy('dCurl', e.target));
$('copySdk').addEventListener('click', e => copy('dSdk', e.target));
start();
""";
}
