// Starts a real emulator process on a free loopback port for the SDK checks, and talks to its control plane.
'use strict';
const { spawn } = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..', '..', '..');

function emulatorCommand(extraArgs) {
  const dll = process.env.EMULATOR_DLL ||
    ['Release', 'Debug'].map(c => path.join(root, 'emulator', 'VirtualOperator.Emulator', 'bin', c, 'net10.0', 'VirtualOperator.Emulator.dll'))
      .find(p => fs.existsSync(p));
  if (!dll) throw new Error('Build the emulator first (dotnet build), or set EMULATOR_DLL.');
  return ['dotnet', [dll, '--urls', 'http://127.0.0.1:0', ...extraArgs]];
}

/** Starts the emulator; resolves { baseUrl, host, stop, control } once it prints its listening address. */
async function startEmulator(extraArgs = []) {
  if (process.env.EMULATOR_URL) {
    const baseUrl = process.env.EMULATOR_URL.replace(/\/$/, '');
    return { baseUrl, host: new URL(baseUrl).host, stop: async () => {}, control: controlClient(baseUrl) };
  }
  const [cmd, args] = emulatorCommand(extraArgs);
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, Logging__LogLevel__Default: 'Warning' } });
  let output = '';
  const baseUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('emulator did not start in 60 s:\n' + output)), 60000);
    const onData = d => {
      output += d.toString();
      const m = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', d => { output += d.toString(); });
    child.on('exit', code => { clearTimeout(timer); reject(new Error(`emulator exited with ${code}:\n${output}`)); });
  });
  child.removeAllListeners('exit');
  const stop = () => new Promise(resolve => { child.once('exit', resolve); child.kill('SIGTERM'); });
  return { baseUrl, host: new URL(baseUrl).host, stop, control: controlClient(baseUrl) };
}

function controlClient(baseUrl) {
  const call = async (method, p, body) => {
    // Control-plane writes must be JSON; an emulator started with --control-token also wants EMULATOR_CONTROL_TOKEN.
    const headers = { 'content-type': 'application/json' };
    if (process.env.EMULATOR_CONTROL_TOKEN) headers['x-emulator-token'] = process.env.EMULATOR_CONTROL_TOKEN;
    const r = await fetch(baseUrl + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    if (!r.ok) throw new Error(`${method} ${p} -> ${r.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
  return {
    get: p => call('GET', p),
    post: (p, body) => call('POST', p, body ?? {}),
    del: p => call('DELETE', p),
    createPartner: (body = {}) => call('POST', '/_emulator/partners', body),
  };
}

module.exports = { startEmulator };
