// Random contract code and shared pieces of test scenarios (env, fees, accounts in `pre`).
import { account, asm, callOp, hexToBytes, q, randomAddress, word32 } from './lib.mjs'

// ---------------------------------------------------------------------------------------------
// Environment and fees.
export function makeEnv(rng, { number } = {}) {
  const baseFee = rng.pick([1n, 7n, 10n, 100n, 875n])
  return {
    baseFee,
    json: {
      currentBaseFee: q(baseFee),
      currentCoinbase: randomAddress(rng),
      currentDifficulty: '0x00',
      currentExcessBlobGas: '0x00',
      currentGasLimit: q(100_000_000),
      currentNumber: q(number ?? rng.range(1, 3_000_000)),
      currentRandom: word32(rng.word()),
      currentTimestamp: q(1_700_000_000 + rng.range(0, 50_000_000)),
    },
  }
}

/** Fee fields for a tx of `type` in a block with `baseFee`. Priority fee 0 now and then. */
export function fees(rng, type, baseFee) {
  if (type === 0 || type === 1) return { gasPrice: baseFee + BigInt(rng.pick([0, 1, 2, 5, 13])) }
  const maxFeePerGas = baseFee + BigInt(rng.pick([0, 1, 3, 10, 50]))
  const maxPriorityFeePerGas = BigInt(Math.min(Number(maxFeePerGas), rng.pick([0, 1, 2, 7, 100])))
  return { maxFeePerGas, maxPriorityFeePerGas }
}

export const eoa = (balance, nonce = 0n) => ({ balance: q(balance), code: '0x', nonce: q(nonce), storage: {} })
export const contract = (code, balance = 0n, storage = {}, nonce = 1n) => ({
  balance: q(balance),
  code,
  nonce: q(nonce),
  storage,
})

export function newSender(rng, pre, { nonce } = {}) {
  const s = account(rng)
  const n = nonce ?? BigInt(rng.pick([0, 0, 1, 2, 7]))
  pre[s.address] = eoa(10n ** 18n * BigInt(rng.range(1, 100)) + BigInt(rng.range(0, 1_000_000)), n)
  return { ...s, nonce: n }
}

/** Random storage: a few slots with small or word-sized keys and non-zero values. */
export function randomStorage(rng, max = 3) {
  const st = {}
  const n = rng.int(max + 1)
  for (let i = 0; i < n; i++) {
    const k = rng.chance(0.8) ? BigInt(rng.range(0, 20)) : rng.word()
    st[q(k)] = q(rng.chance(0.5) ? BigInt(rng.range(1, 1000)) : rng.word() | 1n)
  }
  return st
}

// ---------------------------------------------------------------------------------------------
// Code. Every generated contract records what it sees in storage so that the post-state root
// catches differences in context (CALLER, ADDRESS, balances, code sizes, gas) and not just success.
const slot = (rng) => (rng.chance(0.85) ? rng.range(0, 40) : rng.word())

/** A "leaf" contract: stores/returns/logs things, makes no calls (safe to call from anywhere). */
export function leafCode(rng) {
  const kind = rng.pick(['store', 'return', 'log', 'revert', 'counter', 'self'])
  let code
  switch (kind) {
    case 'store':
      code = asm(
        'CALLER', slot(rng), 'SSTORE',
        'CALLVALUE', slot(rng), 'SSTORE',
        0, 'CALLDATALOAD', slot(rng), 'SSTORE',
        'ADDRESS', 0, 'MSTORE', 32, 0, 'RETURN',
      )
      break
    case 'return':
      code = asm('CALLER', 0, 'MSTORE', 'ADDRESS', 32, 'MSTORE', 'ORIGIN', 64, 'MSTORE', 96, 0, 'RETURN')
      break
    case 'log':
      code = asm(
        'CALLDATASIZE', 0, 0, 'CALLDATACOPY',
        { push: word32(rng.word()) }, 'CALLER', 'CALLDATASIZE', 0, 'LOG2',
        'STOP',
      )
      break
    case 'revert':
      code = asm(1, slot(rng), 'SSTORE', 'ADDRESS', 0, 'MSTORE', 32, 0, 'REVERT')
      break
    case 'counter': {
      const k = slot(rng)
      code = asm(k, 'SLOAD', 1, 'ADD', 'DUP1', k, 'SSTORE', 'CALLER', 7, 'TSTORE', 0, 'MSTORE', 32, 0, 'RETURN')
      break
    }
    case 'self':
      code = asm(
        'SELFBALANCE', slot(rng), 'SSTORE',
        'CODESIZE', slot(rng), 'SSTORE',
        32, 0, 0, 'CODECOPY', 0, 'MLOAD', slot(rng), 'SSTORE',
        'STOP',
      )
      break
  }
  return { kind: `leaf-${kind}`, code }
}

/**
 * A "probe" contract: a random sequence of snippets, each storing its result in the next slot.
 * callTargets: addresses it may CALL (must not lead back to a probe); inspectTargets: addresses for
 * EXTCODESIZE/EXTCODEHASH/EXTCODECOPY/BALANCE.
 */
export function probeCode(rng, { callTargets = [], inspectTargets = [], snippets = [3, 8], allowRevert = true } = {}) {
  let s = rng.chance(0.7) ? rng.range(0, 16) : rng.range(100, 1000)
  const out = []
  const store = (...value) => out.push(value, s++, 'SSTORE')
  const n = rng.range(snippets[0], snippets[1])
  const kinds = {
    env: 4,
    gas: 1,
    counter: 1,
    transient: 1,
    log: 2,
    create: 1,
    ...(inspectTargets.length ? { extsize: 2, exthash: 2, extcopy: 2, balance: 1 } : {}),
    ...(callTargets.length ? { call: 4 } : {}),
  }
  for (let i = 0; i < n; i++) {
    switch (rng.weighted(kinds)) {
      case 'env':
        store(rng.pick(['CALLER', 'ADDRESS', 'ORIGIN', 'CALLVALUE', 'SELFBALANCE', 'CODESIZE', 'CALLDATASIZE',
          'GASPRICE', 'CHAINID', 'NUMBER', 'BASEFEE', 'COINBASE', 'TIMESTAMP']))
        break
      case 'gas':
        store('GAS')
        break
      case 'counter': {
        const k = rng.range(0, 40)
        out.push(k, 'SLOAD', 1, 'ADD', k, 'SSTORE')
        break
      }
      case 'transient': {
        const k = rng.range(0, 5)
        out.push('CALLER', k, 'TSTORE')
        store(k, 'TLOAD')
        break
      }
      case 'log': {
        const nt = rng.range(0, 4)
        out.push({ push: word32(rng.word()) }, 0, 'MSTORE')
        const topics = []
        for (let t = 0; t < nt; t++) topics.push(rng.pick(['CALLER', 'ADDRESS', 'CALLVALUE', { push: word32(rng.word()) }]))
        out.push(topics.reverse(), rng.pick([0, 7, 32]), 0, `LOG${nt}`)
        break
      }
      case 'create':
        // initcode deploying the single byte 0x2a: PUSH1 0x2a PUSH0 MSTORE8 PUSH1 1 PUSH0 RETURN
        out.push({ push: '0x602a5f5360015ff3' }, 0xc0, 'SHL', 0x300, 'MSTORE')
        store(8, 0x300, 0, 'CREATE')
        break
      case 'extsize':
        store({ push: rng.pick(inspectTargets) }, 'EXTCODESIZE')
        break
      case 'exthash':
        store({ push: rng.pick(inspectTargets) }, 'EXTCODEHASH')
        break
      case 'extcopy': {
        const t = rng.pick(inspectTargets)
        // clear the scratch word first so the stored value depends only on this copy
        out.push(0, 0x100, 'MSTORE', rng.pick([1, 2, 3, 22, 23, 24, 32]), rng.pick([0, 0, 1, 3, 22]), 0x100, { push: t }, 'EXTCODECOPY')
        store(0x100, 'MLOAD')
        break
      }
      case 'balance':
        store({ push: rng.pick(inspectTargets) }, 'BALANCE')
        break
      case 'call': {
        const kind = rng.pick(['CALL', 'CALL', 'STATICCALL', 'DELEGATECALL', 'CALLCODE'])
        const t = rng.pick(callTargets)
        out.push({ push: word32(rng.word()) }, 0x200, 'MSTORE', 0, 0x240, 'MSTORE')
        const value = kind === 'CALL' || kind === 'CALLCODE' ? rng.pick([0, 0, 1, 1000]) : 0
        const gas = rng.chance(0.7) ? null : rng.pick([0, 100, 2600, 30000])
        store(callOp(kind, t, { gas, value, inOff: 0x200, inSize: rng.pick([0, 4, 32]), outOff: 0x240, outSize: 32 }))
        store('RETURNDATASIZE')
        store(0x240, 'MLOAD')
        break
      }
    }
  }
  const end = allowRevert ? rng.weighted({ stop: 5, ret: 4, revert: 1 }) : rng.weighted({ stop: 1, ret: 1 })
  if (end === 'stop') out.push('STOP')
  else out.push('CALLER', 0, 'MSTORE', 'ADDRESS', 32, 'MSTORE', 64, 0, end === 'ret' ? 'RETURN' : 'REVERT')
  return { kind: 'probe', code: asm(out) }
}

/**
 * An "entry" contract: calls each target in turn (kind per target) and stores success,
 * RETURNDATASIZE and the first returned word; forwards up to 32 bytes of its calldata.
 */
export function entryCode(rng, targets) {
  let s = rng.range(0, 8)
  const out = []
  for (const { address, kind, gas, value } of targets) {
    out.push(0, 0x40, 'MSTORE')
    out.push(0, 'CALLDATALOAD', 0x20, 'MSTORE')
    out.push(callOp(kind, address, { gas: gas ?? null, value: value ?? 0, inOff: 0x20, inSize: 32, outOff: 0x40, outSize: 32 }), s++, 'SSTORE')
    out.push('RETURNDATASIZE', s++, 'SSTORE')
    out.push(0x40, 'MLOAD', s++, 'SSTORE')
  }
  out.push('STOP')
  return asm(out)
}

export const codeSize = (code) => hexToBytes(code).length
