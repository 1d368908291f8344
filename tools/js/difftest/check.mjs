#!/usr/bin/env node
// Re-runs state-test JSON files through @ethereumjs/vm (the same harness generate.mjs uses) and
// compares each post entry's state root and logs hash with the file.
//   node tools/js/difftest/check.mjs [--fork Prague|Cancun] FILE|DIR...
// Prints one line per failing case and a summary; exit code 1 if any case disagrees.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { runCase } from './ethjs.mjs'

const args = process.argv.slice(2)
let forkFilter
const paths = []
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--fork') forkFilter = args[++i]
  else paths.push(args[i])
}
if (paths.length === 0) {
  console.error('usage: node check.mjs [--fork NAME] FILE|DIR...')
  process.exit(2)
}

function* jsonFiles(p) {
  if (statSync(p).isDirectory()) {
    for (const f of readdirSync(p).sort()) yield* jsonFiles(join(p, f))
  } else if (p.endsWith('.json')) yield p
}

let passed = 0
let failed = 0
let skipped = 0
for (const p of paths) {
  for (const file of jsonFiles(p)) {
    const tests = JSON.parse(readFileSync(file, 'utf8'))
    for (const [name, t] of Object.entries(tests)) {
      for (const [fork, entries] of Object.entries(t.post ?? {})) {
        if (forkFilter !== undefined && fork !== forkFilter) continue
        if (fork !== 'Prague' && fork !== 'Cancun') {
          skipped += entries.length
          continue
        }
        for (const [i, e] of entries.entries()) {
          let r
          try {
            r = await runCase({ env: t.env, pre: t.pre, txbytes: e.txbytes, fork })
          } catch (err) {
            console.log(`${file} ${name} ${fork}[${i}] ERROR ${err.message}`)
            failed++
            continue
          }
          if (r.exception?.includes('kzg')) {
            skipped++ // blob transactions: ethereumjs needs a KZG library, not among the pinned tools
            continue
          }
          const problems = []
          if (r.stateRoot !== e.hash) problems.push(`root ${r.stateRoot} != ${e.hash}`)
          if (r.logs !== e.logs) problems.push(`logs ${r.logs} != ${e.logs}`)
          if ((r.exception !== undefined) !== (e.expectException !== undefined)) {
            problems.push(`exception ${r.exception ?? 'none'} vs expected ${e.expectException ?? 'none'}`)
          }
          if (problems.length > 0) {
            console.log(`${file} ${name} ${fork}[${i}] FAIL ${problems.join('; ')}`)
            failed++
          } else passed++
        }
      }
    }
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 ? 1 : 0)
