#!/usr/bin/env node
// Generates deterministic ethereum/tests-format state tests for the Prague features the shared
// suites lack (EIP-7702, EIP-7623, EIP-2935) and fills their expectations with @ethereumjs/vm.
//
//   node tools/js/difftest/generate.mjs --out DIR [--count N] [--seed S] [--manifest FILE] [--quiet]
//
// Writes DIR/<family>_<variant>.json (several tests each, `post.Prague[i]` per case); DIR holds
// nothing else, so a runner can take every *.json in it. --manifest writes the seed and the case
// counts per family and variant to FILE. Same seed and count -> byte-identical files.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build2935, VARIANTS as V2935 } from './eip2935.mjs'
import { build7623, VARIANTS as V7623 } from './eip7623.mjs'
import { build7702, VARIANTS as V7702 } from './eip7702.mjs'
import { runCase } from './ethjs.mjs'
import { Rng, authToJson, q, signTx } from './lib.mjs'

const FAMILIES = [
  { name: 'eip7702', share: 0.45, variants: V7702, build: build7702 },
  { name: 'eip7623', share: 0.32, variants: V7623, build: build7623 },
  { name: 'eip2935', share: 0.23, variants: V2935, build: build2935 },
]

function parseArgs(argv) {
  const o = { count: 600, seed: '1' }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--out') o.out = argv[++i]
    else if (a === '--count') o.count = Number(argv[++i])
    else if (a === '--seed') o.seed = argv[++i]
    else if (a === '--manifest') o.manifest = argv[++i]
    else if (a === '--quiet') o.quiet = true
    else throw new Error(`unknown argument ${a}`)
  }
  if (o.out === undefined || !Number.isInteger(o.count) || o.count < 1) {
    console.error('usage: node generate.mjs --out DIR [--count N] [--seed S] [--manifest FILE] [--quiet]')
    process.exit(2)
  }
  return o
}

/** The `transaction` object of a state test for `spec` (arrays indexed by post[..].indexes). */
function txJson(spec) {
  const t = spec.tx
  const j = {
    data: spec.data,
    gasLimit: spec.gasLimit.map(q),
    nonce: q(t.nonce),
    secretKey: spec.sender.key,
    sender: spec.sender.address,
    to: t.to,
    value: spec.value.map(q),
  }
  if (t.type === 0 || t.type === 1) j.gasPrice = q(t.gasPrice)
  else {
    j.maxFeePerGas = q(t.maxFeePerGas)
    j.maxPriorityFeePerGas = q(t.maxPriorityFeePerGas)
  }
  if (t.type !== 0) j.accessLists = spec.data.map(() => t.accessList ?? [])
  if (t.type === 4) j.authorizationList = t.authorizationList.map(authToJson)
  return j
}

// What ethereumjs must say when it rejects a transaction the template meant to be invalid (so a
// template bug cannot pass as the intended rejection).
const REASONS = {
  'TransactionException.INTRINSIC_GAS_TOO_LOW': /INTRINSIC_GAS_TOO_LOW/,
  'TransactionException.INTRINSIC_GAS_BELOW_FLOOR_GAS_COST': /INTRINSIC_GAS_TOO_LOW/,
  'TransactionException.TYPE_4_TX_CONTRACT_CREATION': /"to" field/,
  'TransactionException.TYPE_4_EMPTY_AUTHORIZATION_LIST': /authorization list is empty/,
  'TransactionException.SENDER_NOT_EOA': /not EOA/,
}

/** Runs every case of `spec` through ethereumjs and returns the filled state test. */
async function fill(spec, name, stats, seed) {
  const post = []
  for (const c of spec.cases) {
    const tx = { ...spec.tx, data: spec.data[c.d], gasLimit: spec.gasLimit[c.g], value: spec.value[c.v] }
    const txbytes = signTx(tx, spec.sender.key)
    const r = await runCase({ env: spec.env, pre: spec.pre, txbytes, fork: 'Prague' })
    const rejected = r.exception !== undefined
    if (rejected !== (c.expect !== null)) {
      throw new Error(
        `${name} case d${c.d}g${c.g}v${c.v}: template expected ${c.expect ?? 'a valid tx'} but ethereumjs ` +
          `${rejected ? `rejected it: ${r.exception}` : 'accepted it'} (${spec.description})`,
      )
    }
    if (rejected && !REASONS[c.expect]?.test(r.exception)) {
      throw new Error(`${name}: expected ${c.expect}, ethereumjs rejected with: ${r.exception}`)
    }
    const entry = {
      hash: r.stateRoot,
      indexes: { data: c.d, gas: c.g, value: c.v },
      logs: r.logs,
      txbytes,
    }
    if (rejected) entry.expectException = c.expect
    post.push(entry)
    stats.cases++
    if (rejected) stats.invalid++
    else {
      stats.valid++
      if (r.execError !== undefined) stats.execErrors[r.execError] = (stats.execErrors[r.execError] ?? 0) + 1
      if (r.logCount > 0) stats.withLogs++
    }
  }
  return {
    _info: {
      comment: `${spec.description}`,
      generator: `opal tools/js/difftest/generate.mjs --seed ${seed}`,
      filler: '@ethereumjs/vm 10.1.3 (Prague, chain id 1)',
    },
    env: spec.env,
    pre: spec.pre,
    transaction: txJson(spec),
    post: { Prague: post },
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2))
  const t0 = Date.now()
  mkdirSync(opts.out, { recursive: true })
  for (const f of readdirSync(opts.out)) if (/^eip\d+_.*\.json$/.test(f)) rmSync(join(opts.out, f))

  const manifest = { seed: opts.seed, count: 0, valid: 0, invalid: 0, families: {} }
  let remaining = opts.count
  for (const [fi, fam] of FAMILIES.entries()) {
    const quota = fi === FAMILIES.length - 1 ? remaining : Math.round(opts.count * fam.share)
    remaining -= quota
    const rng = new Rng(`${opts.seed}/${fam.name}`)
    const files = {} // variant -> {testName: test}
    const stats = { cases: 0, valid: 0, invalid: 0, withLogs: 0, execErrors: {}, variants: {} }
    let n = 0
    while (stats.cases < quota) {
      const variant = rng.weighted(fam.variants)
      const spec = fam.build(rng, variant)
      spec.cases = spec.cases.slice(0, quota - stats.cases)
      if (spec.cases.length === 0) continue
      const name = `${fam.name}_${variant}_${String(n++).padStart(3, '0')}`
      const before = stats.cases
      const test = await fill(spec, name, stats, opts.seed)
      ;(files[variant] ??= {})[name] = test
      stats.variants[variant] = (stats.variants[variant] ?? 0) + (stats.cases - before)
    }
    for (const [variant, tests] of Object.entries(files)) {
      writeFileSync(join(opts.out, `${fam.name}_${variant}.json`), JSON.stringify(tests, null, 1) + '\n')
    }
    manifest.families[fam.name] = { tests: n, ...stats }
    manifest.count += stats.cases
    manifest.valid += stats.valid
    manifest.invalid += stats.invalid
    if (!opts.quiet) {
      console.error(`${fam.name}: ${stats.cases} cases in ${n} tests (${stats.invalid} invalid txs, ` +
        `${stats.withLogs} with logs, exec errors ${JSON.stringify(stats.execErrors)})`)
    }
  }
  if (opts.manifest !== undefined) writeFileSync(opts.manifest, JSON.stringify(manifest, null, 1) + '\n')
  if (!opts.quiet) console.error(`${manifest.count} cases (${manifest.valid} valid, ${manifest.invalid} invalid) in ${((Date.now() - t0) / 1000).toFixed(1)} s -> ${opts.out}`)
}

main().catch((e) => {
  console.error(e.stack ?? String(e))
  process.exit(1)
})
