#!/usr/bin/env node
// EVM benchmark: the same runtime bytecode (bench/evm/contracts/*.sol, compiled with solc from npm)
// run in anvil (revm, via eth_call), in @ethereumjs/evm (runCall) and in Opal (`opal evm run`), one
// call of run(n) per measurement with n chosen so that a call uses about --gas gas.
//
//   node bench/evm/run.mjs [--gas 40000000] [--repeat 3] [--warmup 5] [--ejs-repeat 1] [--only Compute,Keccak]
//                          [--engines anvil,ethereumjs,opal] [--opal ./opal] [--opal-timeout 600]
//
// Needs tools/js/node_modules (scripts/npm-tools.sh). Loopback only; anvil is killed on exit.
import { spawn } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = resolve(here, '..', '..')
const toolsDir = join(root, 'tools', 'js')
const req = createRequire(join(toolsDir, 'package.json'))

// Fixed addresses shared by all engines (the Opal interface in README.md uses the same defaults).
const CONTRACT = '0x000000000000000000000000000000000000c0de'
const CALLER = '0x000000000000000000000000000000000000ca11'

// ---------------------------------------------------------------------------------------------
// options
const opts = {
  gas: 40_000_000,
  repeat: 3,
  warmup: 5,
  ejsRepeat: 1,
  only: null,
  engines: ['anvil', 'ethereumjs', 'opal'],
  opal: join(root, 'opal'),
  opalTimeout: 600,
}
{
  const a = process.argv.slice(2)
  for (let i = 0; i < a.length; i++) {
    const v = () => {
      if (i + 1 >= a.length) usage(`missing value for ${a[i]}`)
      return a[++i]
    }
    switch (a[i]) {
      case '--gas': opts.gas = Number(v()); break
      case '--repeat': opts.repeat = Number(v()); break
      case '--warmup': opts.warmup = Number(v()); break
      case '--ejs-repeat': opts.ejsRepeat = Number(v()); break
      case '--only': opts.only = v().split(','); break
      case '--engines': opts.engines = v().split(','); break
      case '--opal': opts.opal = resolve(v()); break
      case '--opal-timeout': opts.opalTimeout = Number(v()); break
      case '--no-opal': opts.engines = opts.engines.filter((e) => e !== 'opal'); break
      case '-h': case '--help': usage(); break
      default: usage(`unknown argument ${a[i]}`)
    }
  }
  if (!(opts.gas > 0) || !(opts.repeat >= 1) || !(opts.ejsRepeat >= 1)) usage('bad numeric option')
}
function usage(msg) {
  if (msg) console.error(`run.mjs: ${msg}`)
  console.error('usage: node bench/evm/run.mjs [--gas N] [--repeat K] [--ejs-repeat K] [--only A,B] ' +
    '[--engines anvil,ethereumjs,opal] [--no-opal] [--opal PATH] [--opal-timeout S]')
  process.exit(msg ? 2 : 0)
}

// ---------------------------------------------------------------------------------------------
// child processes: every child gets its own process group and is killed on exit, error or signal
const children = new Set()
function killAll() {
  for (const c of children) {
    try {
      process.kill(-c.pid, 'SIGKILL')
    } catch {
      try { c.kill('SIGKILL') } catch {}
    }
  }
  children.clear()
}
process.on('exit', killAll)
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    killAll()
    process.exit(130)
  })
}

/** Runs cmd to completion (or kills it after timeoutMs); resolves {code, stdout, stderr, timedOut}. */
function runChild(cmd, args, timeoutMs) {
  return new Promise((res) => {
    let c
    try {
      c = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    } catch (e) {
      res({ code: -1, stdout: '', stderr: String(e.message), timedOut: false })
      return
    }
    children.add(c)
    let stdout = ''
    let stderr = ''
    let timedOut = false
    c.stdout.on('data', (d) => (stdout += d))
    c.stderr.on('data', (d) => (stderr = (stderr + d).slice(-20000)))
    const timer = setTimeout(() => {
      timedOut = true
      try { process.kill(-c.pid, 'SIGKILL') } catch {}
    }, timeoutMs)
    c.on('error', (e) => {
      clearTimeout(timer)
      children.delete(c)
      res({ code: -1, stdout, stderr: stderr + e.message, timedOut })
    })
    c.on('close', (code) => {
      clearTimeout(timer)
      children.delete(c)
      res({ code, stdout, stderr, timedOut })
    })
  })
}

// ---------------------------------------------------------------------------------------------
// helpers
const hex = (b) => '0x' + Buffer.from(b).toString('hex')
const toBytes = (h) => Uint8Array.from(Buffer.from(h.replace(/^0x/, ''), 'hex'))
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
function calldataFor(selector, n) {
  return selector + BigInt(n).toString(16).padStart(64, '0')
}
/** Intrinsic gas of a plain call with this calldata (to turn a receipt's gasUsed into call gas). */
function intrinsic(dataHex) {
  let g = 21000
  for (const b of toBytes(dataHex)) g += b === 0 ? 4 : 16
  return g
}

// ---------------------------------------------------------------------------------------------
// compile
function compile() {
  const solc = req('solc')
  const dir = join(here, 'contracts')
  const files = readdirSync(dir).filter((f) => f.endsWith('.sol')).sort()
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(files.map((f) => [f, { content: readFileSync(join(dir, f), 'utf8') }])),
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: 'prague',
      outputSelection: { '*': { '*': ['evm.bytecode.object', 'evm.deployedBytecode.object', 'evm.methodIdentifiers'] } },
    },
  }
  const out = JSON.parse(solc.compile(JSON.stringify(input)))
  const errors = (out.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length) throw new Error('solc: ' + errors.map((e) => e.formattedMessage).join('\n'))
  const contracts = []
  for (const f of files) {
    for (const [name, c] of Object.entries(out.contracts[f])) {
      const sel = c.evm.methodIdentifiers['run(uint256)']
      if (sel === undefined) continue
      contracts.push({
        name,
        creation: '0x' + c.evm.bytecode.object,
        runtime: '0x' + c.evm.deployedBytecode.object,
        selector: '0x' + sel,
      })
    }
  }
  return { version: solc.version(), contracts }
}

// ---------------------------------------------------------------------------------------------
// @ethereumjs/evm
const ejs = {
  async call(runtime, data, gas) {
    const { createEVM } = req('@ethereumjs/evm')
    const { Common, Hardfork, Mainnet } = req('@ethereumjs/common')
    const { Account, createAddressFromString } = req('@ethereumjs/util')
    const common = new Common({ chain: Mainnet, hardfork: Hardfork.Prague })
    const evm = await createEVM({ common })
    const to = createAddressFromString(CONTRACT)
    const caller = createAddressFromString(CALLER)
    await evm.stateManager.putAccount(to, new Account(1n, 0n))
    await evm.stateManager.putCode(to, toBytes(runtime))
    await evm.stateManager.putAccount(caller, new Account(0n, 0n))
    evm.journal.addAlwaysWarmAddress(CONTRACT)
    evm.journal.addAlwaysWarmAddress(CALLER)
    const t0 = process.hrtime.bigint()
    const r = await evm.runCall({ to, caller, origin: caller, data: toBytes(data), gasLimit: BigInt(gas) })
    const t1 = process.hrtime.bigint()
    const e = r.execResult
    return {
      gasUsed: Number(e.executionGasUsed),
      nanos: Number(t1 - t0),
      output: hex(e.returnValue),
      error: e.exceptionError?.error,
    }
  },
  async measure(c, data, gas, repeat) {
    const times = []
    let last
    for (let i = 0; i < repeat; i++) {
      last = await this.call(c.runtime, data, gas)
      if (last.error) throw new Error(`ethereumjs: ${c.name} failed: ${last.error}`)
      times.push(last.nanos)
    }
    return { gasUsed: last.gasUsed, times, output: last.output }
  },
}

/** Picks n so that run(n) uses about `target` gas: linear fit of two small runs in ethereumjs. */
async function calibrate(c, target) {
  const n1 = 40
  const n2 = 240
  const g1 = (await ejs.call(c.runtime, calldataFor(c.selector, n1), 1e9)).gasUsed
  const g2 = (await ejs.call(c.runtime, calldataFor(c.selector, n2), 1e9)).gasUsed
  const perIter = (g2 - g1) / (n2 - n1)
  const fixed = g1 - perIter * n1
  return { n: Math.max(1, Math.round((target - fixed) / perIter)), perIter }
}

// ---------------------------------------------------------------------------------------------
// anvil (revm)
async function freePort() {
  return new Promise((res, rej) => {
    const s = createServer()
    s.unref()
    s.on('error', rej)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => res(port))
    })
  })
}

class Anvil {
  async start() {
    const bin = join(toolsDir, 'node_modules', '.bin', 'anvil')
    this.port = await freePort()
    this.url = `http://127.0.0.1:${this.port}`
    const args = ['--host', '127.0.0.1', '--port', String(this.port), '--hardfork', 'prague',
      '--gas-limit', '1000000000000', '--disable-code-size-limit', '--quiet']
    this.proc = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true })
    children.add(this.proc)
    let err = ''
    this.proc.stderr.on('data', (d) => (err = (err + d).slice(-4000)))
    this.exited = false
    this.proc.on('exit', () => (this.exited = true))
    this.proc.on('error', (e) => {
      this.exited = true
      err += e.message
    })
    const deadline = Date.now() + 30_000
    for (;;) {
      if (this.exited) throw new Error(`anvil exited: ${err.trim()}`)
      try {
        this.version = await this.rpc('web3_clientVersion', [])
        break
      } catch {
        if (Date.now() > deadline) throw new Error(`anvil did not answer on ${this.url} within 30 s`)
        await new Promise((r) => setTimeout(r, 100))
      }
    }
    ;[this.from] = await this.rpc('eth_accounts', [])
  }
  async rpc(method, params, timeoutMs = 120_000) {
    const ctl = new AbortController()
    const timer = setTimeout(() => ctl.abort(), timeoutMs)
    try {
      const r = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
        signal: ctl.signal,
      })
      const j = await r.json()
      if (j.error) throw new Error(`${method}: ${j.error.message}`)
      return j.result
    } finally {
      clearTimeout(timer)
    }
  }
  async receipt(hash) {
    for (let i = 0; i < 600; i++) {
      const r = await this.rpc('eth_getTransactionReceipt', [hash])
      if (r) return r
      await new Promise((res) => setTimeout(res, 50))
    }
    throw new Error(`no receipt for ${hash}`)
  }
  async deploy(c) {
    const hash = await this.rpc('eth_sendTransaction', [{ from: this.from, data: c.creation, gas: '0x4c4b40' }])
    const r = await this.receipt(hash)
    if (r.status !== '0x1') throw new Error(`anvil: deploying ${c.name} failed`)
    const code = await this.rpc('eth_getCode', [r.contractAddress, 'latest'])
    if (code.toLowerCase() !== c.runtime.toLowerCase()) throw new Error(`anvil: deployed code of ${c.name} differs from solc's runtime`)
    return r.contractAddress
  }
  /** Gas of the call alone: a real transaction inside a snapshot, minus the intrinsic gas. */
  async gasOf(to, data, gas) {
    const snap = await this.rpc('evm_snapshot', [])
    try {
      const hash = await this.rpc('eth_sendTransaction', [{ from: this.from, to, data, gas: '0x' + gas.toString(16) }])
      const r = await this.receipt(hash)
      if (r.status !== '0x1') throw new Error('anvil: the measuring transaction failed')
      return Number(BigInt(r.gasUsed)) - intrinsic(data)
    } finally {
      await this.rpc('evm_revert', [snap])
    }
  }
  async measure(c, to, data, gas, repeat) {
    const gasUsed = await this.gasOf(to, data, gas)
    const call = { from: CALLER, to, data, gas: '0x' + gas.toString(16) }
    const times = []
    let output
    for (let i = 0; i < Math.max(1, opts.warmup); i++) {
      await this.rpc('eth_call', [call, 'latest'], 600_000) // warm-up, not timed
    }
    for (let i = 0; i < repeat; i++) {
      const t0 = process.hrtime.bigint()
      output = await this.rpc('eth_call', [call, 'latest'], 600_000)
      times.push(Number(process.hrtime.bigint() - t0))
    }
    return { gasUsed, times, output }
  }
  stop() {
    if (this.proc) {
      try { process.kill(-this.proc.pid, 'SIGKILL') } catch {}
      children.delete(this.proc)
    }
  }
}

/** The first line of stderr that is not ./opal's own build notice. */
const firstMessage = (stderr) => stderr.split('\n').map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('opal: building')) ?? ''

// ---------------------------------------------------------------------------------------------
// Opal: `opal evm run` (interface in bench/evm/README.md)
const opal = {
  available: undefined,
  reason: '',
  async probe() {
    // a real call, not `--help`: picocli prints the top-level usage with exit code 0 for unknown
    // subcommands followed by --help. PUSH1 42 PUSH0 MSTORE PUSH1 32 PUSH0 RETURN.
    console.error(`opal: checking '${opts.opal} evm run' (the first call may build the jar) ...`)
    const code = '0x602a5f5260205ff3'
    try {
      const got = await this.run(code, '0x', 100_000, 1)
      const want = await ejs.call(code, '0x', 100_000)
      if (got.gasUsed !== want.gasUsed || String(got.output).toLowerCase() !== want.output) {
        throw new Error(`probe call gave gas ${got.gasUsed} output ${got.output}, expected gas ${want.gasUsed} output ${want.output}`)
      }
      this.available = true
    } catch (e) {
      this.available = false
      this.reason = `'opal evm run' is not available (${e.message})`
    }
  },
  async run(code, data, gas, repeat) {
    // Untimed warm-up runs let the JIT compile the interpreter, as in a long-running node; the
    // same number of untimed calls goes to anvil.
    const args = ['evm', 'run', '--code', code, '--input', data, '--gas', String(gas), '--repeat', String(repeat),
      '--warmup', String(opts.warmup), '--json']
    const r = await runChild(opts.opal, args, opts.opalTimeout * 1000)
    if (r.code !== 0 || r.timedOut) {
      throw new Error(r.timedOut ? `timed out after ${opts.opalTimeout} s` : `exit code ${r.code}: ${firstMessage(r.stderr)}`)
    }
    const line = r.stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop()
    if (line === undefined) throw new Error('no JSON line on stdout')
    const j = JSON.parse(line)
    if (!Number.isFinite(Number(j.gasUsed)) || !Array.isArray(j.timeNanos) || j.timeNanos.length === 0) {
      throw new Error(`unexpected output: ${line.slice(0, 200)}`)
    }
    return { gasUsed: Number(j.gasUsed), times: j.timeNanos.map(Number), output: j.output }
  },
  async measure(c, data, gas, repeat) {
    return this.run(c.runtime, data, gas, repeat)
  },
}

// ---------------------------------------------------------------------------------------------
async function main() {
  const t0 = Date.now()
  const { version, contracts: all } = compile()
  const contracts = all.filter((c) => opts.only === null || opts.only.includes(c.name))
  if (contracts.length === 0) throw new Error('no contract selected')
  console.error(`solc ${version}: ${contracts.map((c) => c.name).join(', ')}; target ${(opts.gas / 1e6).toFixed(0)} Mgas per call`)

  let anvil
  if (opts.engines.includes('anvil')) {
    anvil = new Anvil()
    await anvil.start()
    console.error(`anvil ${anvil.version} on ${anvil.url}`)
  }
  if (opts.engines.includes('opal')) await opal.probe()

  const rows = []
  const warnings = []
  for (const c of contracts) {
    const { n, perIter } = await calibrate(c, opts.gas)
    const data = calldataFor(c.selector, n)
    const gasLimit = Math.ceil(opts.gas * 2 + 1_000_000)
    console.error(`${c.name}: n = ${n} (~${perIter.toFixed(1)} gas per iteration), runtime ${(c.runtime.length - 2) / 2} bytes`)
    const results = {}
    for (const engine of opts.engines) {
      try {
        if (engine === 'anvil') {
          const addr = await anvil.deploy(c)
          results.anvil = await anvil.measure(c, addr, data, gasLimit, opts.repeat)
        } else if (engine === 'ethereumjs') {
          results.ethereumjs = await ejs.measure(c, data, gasLimit, opts.ejsRepeat)
        } else if (engine === 'opal') {
          if (!opal.available) throw new Error(opal.reason)
          results.opal = await opal.measure(c, data, gasLimit, opts.repeat)
        } else throw new Error(`unknown engine ${engine}`)
        const r = results[engine]
        console.error(`  ${engine}: gas ${r.gasUsed}, times ms [${r.times.map((t) => (t / 1e6).toFixed(1)).join(', ')}]`)
      } catch (e) {
        results[engine] = { error: e.message }
        console.error(`  ${engine}: n/a (${e.message})`)
      }
    }
    const ok = Object.entries(results).filter(([, r]) => r.error === undefined)
    const gases = new Set(ok.map(([, r]) => r.gasUsed))
    if (gases.size > 1) warnings.push(`WARNING: ${c.name}: gas differs across engines: ${ok.map(([e, r]) => `${e}=${r.gasUsed}`).join(', ')}`)
    const outs = new Set(ok.map(([, r]) => String(r.output).toLowerCase()))
    if (outs.size > 1) warnings.push(`WARNING: ${c.name}: output differs across engines: ${ok.map(([e, r]) => `${e}=${String(r.output).slice(0, 20)}…`).join(', ')}`)
    for (const engine of opts.engines) rows.push({ contract: c.name, n, engine, ...results[engine] })
  }
  if (anvil) anvil.stop()

  // table
  const table = [['contract', 'n', 'engine', 'gas', 'median time', 'Mgas/s']]
  for (const r of rows) {
    if (r.error !== undefined) table.push([r.contract, String(r.n), r.engine, 'n/a', 'n/a', 'n/a'])
    else {
      const t = median(r.times)
      table.push([r.contract, String(r.n), r.engine, r.gasUsed.toLocaleString('en-US'), `${(t / 1e6).toFixed(1)} ms`, (r.gasUsed / (t / 1e9) / 1e6).toFixed(1)])
    }
  }
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)))
  const right = new Set([1, 3, 4, 5])
  const fmt = (row) => '| ' + row.map((cell, i) => (right.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' | ') + ' |'
  console.log(fmt(table[0]))
  console.log('|' + widths.map((w, i) => (right.has(i) ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|')
  for (const row of table.slice(1)) console.log(fmt(row))
  for (const w of warnings) console.log(w)
  const na = rows.filter((r) => r.error !== undefined)
  for (const e of new Set(na.map((r) => `${r.engine}: ${r.error}`))) console.log(`n/a ${e}`)
  console.error(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s`)
}

main()
  .then(() => {
    killAll()
    process.exit(0)
  })
  .catch((e) => {
    console.error(e.stack ?? String(e))
    killAll()
    process.exit(1)
  })
