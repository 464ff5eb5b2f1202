// Builds the "RDS (adjacent)" entries of fixtures/api/catalog.json from the official SDK models
// (@alicloud/rds20140815, installed by `npm ci` in contract-tests/sdk-checks), in the reference entry format:
// request params from the client's <action>WithOptions (wire names, query position), their types and
// "This parameter is required." remarks from the Request model; the response shape from the ResponseBody model.
// Usage: node scripts/rds-adjacent-catalog.js [--write]   (prints the entries; --write replaces/appends them)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const root = path.resolve(__dirname, '..');
const pkgDir = path.join(root, 'contract-tests', 'sdk-checks', 'node_modules', '@alicloud', 'rds20140815');
const sdk = require(pkgDir);
const version = require(path.join(pkgDir, 'package.json')).version;
const clientTs = fs.readFileSync(path.join(pkgDir, 'src', 'client.ts'), 'utf8');

const actions = ['DescribeDBInstances', 'DescribeDBInstanceAttribute', 'DescribeBackups', 'DescribeBackupPolicy',
  'DescribeDBProxy', 'DescribeSQLCollectorPolicy'];

function modelFile(cls) {
  const dir = path.join(pkgDir, 'src', 'models');
  const f = fs.readdirSync(dir).find(n => n.toLowerCase() === cls.toLowerCase() + '.ts');
  if (!f) throw new Error('no model file for ' + cls);
  return f;
}

function shape(t) {
  if (typeof t === 'string') return t === 'any' ? 'any' : t === 'number' ? 'number' : t === 'boolean' ? 'boolean' : 'string';
  if (typeof t === 'function') {
    const names = t.names(); const types = t.types(); const o = {};
    for (const k of Object.keys(names).sort((a, b) => names[a].localeCompare(names[b]))) o[names[k]] = shape(types[k]);
    return o;
  }
  if (t && t.type === 'array') return [shape(t.itemType)];
  if (t && t.type === 'map') return { $map: shape(t.itemType) };
  throw new Error('unknown type ' + JSON.stringify(t));
}

function paramType(t) {
  if (t === 'string') return 'String';
  if (t === 'number') return 'Number';
  if (t === 'boolean') return 'Boolean';
  if (t && t.type === 'array') return 'RepeatList';
  if (typeof t === 'function') return 'Struct';
  return 'String';
}

function entry(action) {
  const lower = action[0].toLowerCase() + action.slice(1);
  const m = clientTs.match(new RegExp(`async ${lower}WithOptions\\((\\w+): \\$_model\\.(\\w+),[\\s\\S]*?\\n  }\\n`));
  if (!m) throw new Error('no client method for ' + action);
  const body = m[0];
  const Req = sdk[m[2]];
  if (m[1] === 'tmpReq') throw new Error(action + ' takes a shrink request; not handled');
  const reqNames = Req.names(); const reqTypes = Req.types();
  const src = fs.readFileSync(path.join(pkgDir, 'src', 'models', modelFile(m[2])), 'utf8');
  const classBody = src.slice(src.indexOf(`export class ${m[2]} extends`));
  const request = [];
  for (const q of body.matchAll(/query\["(\w+)"\] = request\.(\w+);/g)) {
    const [, wire, prop] = q;
    // The remark block just before "  prop?:" in the request class.
    const at = classBody.search(new RegExp(`\\n  ${prop}\\?:`));
    const before = classBody.slice(0, at);
    const comment = before.slice(before.lastIndexOf('/**'));
    // Only a remark that ends right above the property is its own (a property without one would inherit the previous).
    const own = /\*\/\s*$/.test(comment);
    const required = own && /This parameter is required\./.test(comment);
    if (reqNames[prop] !== wire) throw new Error(`${action}: ${prop} is ${reqNames[prop]} in the model, ${wire} on the wire`);
    if (request.some(r => r.name === wire)) continue; // the generated client sets some keys twice
    request.push({ name: wire, type: paramType(reqTypes[prop]), required, position: 'Query' });
  }
  if (/body\[/.test(body)) throw new Error(action + ' sends a body; not handled');
  const Body = sdk[action + 'ResponseBody'];
  return {
    id: `Rds/${action}`, group: 'RDS (adjacent)', product: 'Rds', version: '2014-08-15', action,
    host: 'rds.aliyuncs.com', style: 'RPC', path: '/', httpMethods: ['GET', 'POST'], sdkDefaultMethod: 'POST',
    request, response: shape(Body),
    source: {
      params: `@alicloud/rds20140815@${version} src/client.ts (${lower}WithOptions) + src/models/${modelFile(m[2])}`,
      response: `@alicloud/rds20140815@${version} src/models/${modelFile(action + 'ResponseBody')}`,
    },
    status: { params: 'confirmed', response: 'confirmed' }, inferred: false,
  };
}

const entries = actions.map(entry);
if (process.argv.includes('--write')) {
  const file = path.join(root, 'fixtures', 'api', 'catalog.json');
  const catalog = JSON.parse(fs.readFileSync(file, 'utf8'));
  catalog.actions = catalog.actions.filter(a => !(a.group === 'RDS (adjacent)'));
  catalog.actions.push(...entries);
  fs.writeFileSync(file, JSON.stringify(catalog, null, 1)); // the file's own layout: one-space indent, no final newline
  console.log(`wrote ${entries.length} entries to ${file}`);
} else {
  console.log(JSON.stringify(entries, null, 2));
}
