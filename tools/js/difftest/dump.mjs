#!/usr/bin/env node
// Debug aid: re-runs one test of a generated file and prints the post state of every account the
// test mentions (pre accounts, authorities, coinbase, sender).
//   node tools/js/difftest/dump.mjs FILE [TEST_NAME]
import { readFileSync } from 'node:fs'
import { runCase } from './ethjs.mjs'

const [file, only] = process.argv.slice(2)
const tests = JSON.parse(readFileSync(file, 'utf8'))
const fmt = (_, v) => (typeof v === 'bigint' ? '0x' + v.toString(16) : v)
for (const [name, t] of Object.entries(tests)) {
  if (only !== undefined && name !== only) continue
  const addrs = new Set([...Object.keys(t.pre), t.env.currentCoinbase, t.transaction.sender])
  for (const a of t.transaction.authorizationList ?? []) addrs.add(a.signer)
  console.log(`== ${name}: ${t._info?.comment ?? ''}`)
  for (const [fork, entries] of Object.entries(t.post)) {
    for (const e of entries) {
      const r = await runCase({ env: t.env, pre: t.pre, txbytes: e.txbytes, fork, dump: [...addrs] })
      console.log(`-- ${fork} ${JSON.stringify(e.indexes)} gasUsed=${r.gasUsed} execError=${r.execError ?? '-'} exception=${r.exception ?? '-'} created=${r.createdAddress ?? '-'}`)
      console.log(JSON.stringify(r.accounts, fmt, 1))
    }
  }
}
