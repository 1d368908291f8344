// Shared by the wallet-client acceptance scripts (ethers-check.mjs, viem-check.mjs): compiling the
// contract with solc, the environment the JUnit test passes, and checks that fail loudly.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));

/** Compiles contracts/Ledger.sol with the pinned solc (cancun target, optimizer on). */
export function compileLedger() {
  const solc = require('solc');
  const input = {
    language: 'Solidity',
    sources: { 'Ledger.sol': { content: readFileSync(join(here, 'contracts', 'Ledger.sol'), 'utf8') } },
    settings: {
      evmVersion: 'cancun',
      optimizer: { enabled: true, runs: 200 },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  };
  const out = JSON.parse(solc.compile(JSON.stringify(input)));
  const errors = (out.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) fail('solc: ' + errors.map((e) => e.formattedMessage).join('\n'));
  const c = out.contracts['Ledger.sol'].Ledger;
  return { abi: c.abi, bytecode: '0x' + c.evm.bytecode.object, solcVersion: solc.version() };
}

/** RPC_URL, WS_URL and two funded keys (KEY_A deploys and calls, KEY_B checks the pool rules). */
export function environment() {
  const need = (name) => process.env[name] ?? fail(`environment variable ${name} is not set`);
  return {
    rpcUrl: need('RPC_URL'),
    wsUrl: need('WS_URL'),
    keyA: need('KEY_A'),
    keyB: need('KEY_B'),
    chainId: Number(need('CHAIN_ID')),
  };
}

export function fail(message) {
  console.error('CHECK FAILED: ' + message);
  process.exit(1);
}

export function check(condition, message) {
  if (!condition) fail(message);
}

export function log(message) {
  console.log(message);
}

/** Resolves with the first value the callback receives, or fails after `ms`. */
export function firstEvent(what, ms, subscribe) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    subscribe((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

/** Plain JSON-RPC over HTTP, for methods the client libraries do not wrap (txpool_content). */
export async function rawRpc(url, method, params) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = await res.json();
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

/** The text of an error and of every error it wraps (clients nest the node's message). */
export function errorText(e) {
  const parts = [];
  for (let cur = e, depth = 0; cur && depth < 8; cur = cur.cause ?? cur.error, depth++) {
    parts.push(String(cur.message ?? ''), String(cur.shortMessage ?? ''), String(cur.details ?? ''));
    if (cur.info?.error?.message) parts.push(cur.info.error.message);
  }
  return parts.join(' | ');
}

/** Runs `send` and fails unless the node refuses it with a message containing `expected`. */
export async function expectRejection(what, expected, send) {
  try {
    await send();
  } catch (e) {
    const text = errorText(e);
    check(text.toLowerCase().includes(expected), `${what}: expected "${expected}", got: ${text}`);
    return text;
  }
  fail(`${what}: the node accepted it, expected "${expected}"`);
}

/** Finds a transaction of `sender` at `nonce` in txpool_content's `section` (pending/queued). */
export function poolEntry(content, section, sender, nonce) {
  const bySender = content[section] ?? {};
  const key = Object.keys(bySender).find((k) => k.toLowerCase() === sender.toLowerCase());
  return key === undefined ? undefined : bySender[key][String(nonce)];
}

/** Fees that are a multiple of 100 wei so exact percentage bumps stay integers. */
export function roundFee(wei) {
  return ((wei + 99n) / 100n) * 100n;
}
