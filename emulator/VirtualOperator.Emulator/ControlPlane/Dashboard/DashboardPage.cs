namespace VirtualOperator.Emulator.ControlPlane.Dashboard;

/// <summary>
/// The dashboard's markup: one static page and one script (<see cref="DashboardScript"/>), no build step and no CDN (it
/// works offline), reading and writing only through control-plane routes (so the guard's rules apply: every write is
/// JSON, same-origin, with the token cookie). A front-end toolchain would not earn its keep for a handful of tables and forms.
/// </summary>
public static class DashboardPage
{
    public const string Html = """
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>VirtualOperator.Emulator</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#f6f7f9;color:#222}
header{background:#1f3a5f;color:#fff;padding:8px 16px;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
main{display:grid;grid-template-columns:1fr 1fr;gap:12px;padding:12px}
section{background:#fff;border:1px solid #dde;border-radius:6px;padding:8px 12px;overflow:auto;max-height:360px}
section.wide{grid-column:1/3}
h2{font-size:15px;margin:4px 0 8px}table{border-collapse:collapse;width:100%;font-size:12px}
td,th{border-bottom:1px solid #eee;padding:3px 6px;text-align:left;white-space:nowrap}
tbody tr.pick{cursor:pointer}tbody tr.pick:hover{background:#eef3fb}tr.sel{background:#dfe9f8}
.err{color:#b00}.inj{background:#fff1d6}.bad{color:#b00}button{margin:2px}input,select{font-size:12px;margin:2px}
pre{background:#f3f3f3;padding:6px;font-size:11px;white-space:pre-wrap;word-break:break-all;margin:4px 0}
.muted{color:#777;font-size:12px}
</style></head>
<body>
<header><strong>VirtualOperator.Emulator</strong>
<label>Partner <select id="partner" data-testid="partner"></select></label>
<label>Customer <select id="customer" data-testid="customer"><option value="">all customers</option></select></label>
<span id="error" class="err" data-testid="error"></span></header>
<main>
<section><h2>Clock</h2>
<table><tbody>
<tr><th>global</th><td data-testid="global-now" id="globalNow"></td><td>offset <span id="globalOffset" data-testid="global-offset"></span> s</td></tr>
<tr><th>this partner</th><td data-testid="now" id="now"></td><td>offset <span id="offset" data-testid="offset"></span> s</td></tr>
<tr><th>next due</th><td colspan="2" id="nextDue" data-testid="next-due"></td></tr>
</tbody></table>
<div>Move <select id="clockScope" data-testid="clock-scope"><option value="partner">this partner's clock</option><option value="global">the global clock (every partner)</option></select></div>
<div>Advance: <button data-advance="3600" data-testid="advance-1h">+1 hour</button><button data-advance="86400" data-testid="advance-1d">+1 day</button>
<button data-advance="604800" data-testid="advance-7d">+7 days</button><button data-months="1" data-testid="advance-1mo">+1 month</button>
<button id="nextDueBtn" data-testid="advance-next-due">to the next due event</button></div>
<div>Set: <input id="setNow" placeholder="2027-01-01T00:00:00Z" data-testid="set-now-input"><button id="setBtn" data-testid="set-now">Set</button></div>
<div class="muted" id="fellDueSummary" data-testid="fell-due-summary">No move yet.</div>
<table><thead><tr><th>partner</th><th>time</th><th>event</th><th>message id</th></tr></thead><tbody id="fellDue" data-testid="fell-due"></tbody></table></section>
<section><h2>Faults</h2>
<div><input id="fAction" placeholder="action" data-testid="fault-action"><input id="fProduct" placeholder="product" size="8" data-testid="fault-product">
<select id="fPartner" data-testid="fault-partner"></select>
<input id="fCode" placeholder="code" data-testid="fault-code"><input id="fStatus" placeholder="http status" size="5" data-testid="fault-status">
<input id="fCount" placeholder="count" size="3" data-testid="fault-count"><input id="fAfter" placeholder="after" size="3" data-testid="fault-after">
<input id="fDelay" placeholder="delay ms" size="5" data-testid="fault-delay">
<button id="fAdd" data-testid="fault-add">Add</button><button id="fClear" data-testid="fault-clear">Clear this partner's</button>
<button id="fClearAll" data-testid="fault-clear-all">Clear all</button></div>
<table><thead><tr><th>id</th><th>partner</th><th>product</th><th>action</th><th>code</th><th>status</th><th>count</th><th>after</th><th>delay</th><th>fired</th></tr></thead>
<tbody id="faults" data-testid="faults"></tbody></table></section>
<section><h2>Customers</h2><div class="muted">Click a customer to show only its resources, orders, filings and tickets.</div>
<table><thead><tr><th>uid</th><th>e-mail</th><th>status</th><th>credit</th></tr></thead><tbody id="customers" data-testid="customers"></tbody></table></section>
<section><h2>Instances (every product)</h2><table><thead><tr><th>product</th><th>id</th><th>customer</th><th>status</th><th>region</th><th>public IP</th><th>expires</th></tr></thead><tbody id="resources" data-testid="resources"></tbody></table></section>
<section><h2>Orders</h2><table><thead><tr><th>order</th><th>customer</th><th>product</th><th>instance</th><th>type</th><th>payment</th><th>amount</th><th>created</th></tr></thead><tbody id="orders" data-testid="orders"></tbody></table></section>
<section><h2>ICP filings</h2><table><thead><tr><th>filing</th><th>customer</th><th>service number</th><th>status</th><th>beian no.</th><th>submitted</th><th>review ends</th><th>reason</th></tr></thead><tbody id="filings" data-testid="filings"></tbody></table></section>
<section><h2>Tickets (Workorder)</h2><table><thead><tr><th>ticket</th><th>customer</th><th>title</th><th>status</th><th>created</th><th>notes</th></tr></thead><tbody id="tickets" data-testid="tickets"></tbody></table></section>
<section><h2>Queued messages (MNS)</h2><div data-testid="queue-counts" id="queueCounts" class="muted"></div>
<table><thead><tr><th>enqueued</th><th>event</th><th>message id</th><th>visible</th><th>dequeues</th></tr></thead><tbody id="queue" data-testid="queue"></tbody></table></section>
<section class="wide"><h2>Request journal (live, polled every 1.5 s)</h2>
<div>Filter: <select id="jPartner" data-testid="journal-partner"><option value="this">this partner</option><option value="all">every partner</option></select>
<input id="jAction" placeholder="action" data-testid="journal-action">
<select id="jStatus" data-testid="journal-status"><option value="">any status</option><option value="2">2xx</option><option value="4">4xx</option><option value="5">5xx</option><option value="sig">refused signature</option></select>
<span class="muted">Click a call for its string-to-sign (refused signatures) and to copy it as curl or SDK code.</span></div>
<table><thead><tr><th>time</th><th>partner</th><th>product</th><th>action</th><th>status</th><th>code</th><th>request id</th></tr></thead><tbody id="journal" data-testid="journal"></tbody></table>
<div id="callDetail" data-testid="call-detail" hidden>
<h2>Call <span id="dRequest" data-testid="detail-request-id"></span></h2>
<div id="dSignBox" hidden><div>The server's string-to-sign (the signature sent did not match it):</div><pre id="dSign" data-testid="string-to-sign"></pre></div>
<div id="dRecipeBox" hidden>
<div>curl (signed now with the partner's own AccessKey; works once: single-use nonce) <button id="copyCurl" data-testid="copy-curl">Copy</button></div><pre id="dCurl" data-testid="curl"></pre>
<div><span id="dSdkName"></span> <button id="copySdk" data-testid="copy-sdk">Copy</button></div><pre id="dSdk" data-testid="sdk"></pre></div>
<div id="dNoRecipe" class="muted" data-testid="no-recipe"></div></div></section>
</main>
<script src="/_emulator/ui/dashboard.js"></script>
</body></html>
""";
}
