// EIP-7623 (calldata floor cost) scenarios: calldata-heavy transactions whose gas limit sits below,
// at and above max(intrinsic, floor), with little or much execution and with refunds.
import { contract, eoa, fees, leafCode, makeEnv, newSender } from './codes.mjs'
import {
  account,
  asm,
  floorGas,
  hex,
  initcodeFor,
  intrinsicGas,
  q,
  randomAddress,
  signAuthorization,
  word32,
} from './lib.mjs'

const BELOW_FLOOR = 'TransactionException.INTRINSIC_GAS_BELOW_FLOOR_GAS_COST'
const BELOW_INTRINSIC = 'TransactionException.INTRINSIC_GAS_TOO_LOW'

export const VARIANTS = {
  eoa: 3,
  loop: 4,
  refund: 3,
  create: 3,
  revert: 1,
  accessList: 2,
  type4: 2,
}

/** `K` iterations of an empty countdown loop (K = 0 runs none). */
const loop = (k, tag) => [
  k,
  { label: `top${tag}` },
  'DUP1', 'ISZERO', { ref: `end${tag}` }, 'JUMPI',
  1, 'SWAP1', 'SUB',
  { ref: `top${tag}` }, 'JUMP',
  { label: `end${tag}` },
  'POP',
]

/** Hashes the calldata into storage so that the data itself shows in the post state. */
const hashCalldata = (s) => ['CALLDATASIZE', 0, 0, 'CALLDATACOPY', 'CALLDATASIZE', 0, 'KECCAK256', s, 'SSTORE']

function calldata(rng) {
  const len = (() => {
    switch (rng.weighted({ empty: 1, short: 2, medium: 4, long: 3, huge: 1 })) {
      case 'empty':
        return 0
      case 'short':
        return rng.range(1, 31)
      case 'medium':
        return rng.range(32, 400)
      case 'long':
        return rng.range(400, 3000)
      default:
        return rng.range(3000, 12000)
    }
  })()
  const zeroRatio = rng.pick([0, 0.1, 0.5, 0.8, 0.95, 1])
  return { bytes: rng.mixedBytes(len, zeroRatio), zeroRatio }
}

const ITERATIONS = [0, 1, 10, 100, 500, 1000, 3000, 8000]

export function build7623(rng, variant) {
  const { json: env, baseFee } = makeEnv(rng)
  const pre = {}
  const sender = newSender(rng, pre)
  const type = variant === 'type4' ? 4 : variant === 'accessList' ? rng.pick([1, 2]) : rng.pick([0, 1, 2, 2])
  const tx = { type, nonce: sender.nonce, accessList: [], ...fees(rng, type, baseFee) }
  const cd = calldata(rng)
  let data = hex(cd.bytes)
  const k = rng.pick(ITERATIONS)
  let what

  switch (variant) {
    case 'eoa': {
      tx.to = rng.chance(0.5) ? randomAddress(rng) : rng.pick(Object.keys(pre))
      if (tx.to !== sender.address && rng.chance(0.5)) pre[tx.to] = eoa(BigInt(rng.range(0, 10 ** 6)))
      what = tx.to === sender.address ? 'to self' : 'to an EOA'
      break
    }
    case 'loop':
    case 'revert':
    case 'accessList':
    case 'type4': {
      tx.to = randomAddress(rng)
      const body = [loop(k, 'a'), hashCalldata(rng.range(0, 5)), 'GAS', rng.range(6, 9), 'SSTORE']
      if (rng.chance(0.5)) body.push('CALLDATASIZE', 'CALLER', 32, 0, 'LOG2')
      const end = variant === 'revert' ? [0, 0, 'REVERT'] : ['STOP']
      pre[tx.to] = contract(asm(body, end), 0n, { [q(rng.range(0, 9))]: q(rng.range(1, 99)) })
      what = `contract loop ${k}${variant === 'revert' ? ' then revert' : ''}`
      break
    }
    case 'refund': {
      // clears n pre-set slots (4800 refund each), optionally sets-and-clears a fresh one (19900)
      tx.to = randomAddress(rng)
      const n = rng.range(1, 6)
      const storage = {}
      const body = [loop(k, 'a')]
      for (let i = 0; i < n; i++) {
        storage[q(i + 1)] = q(rng.range(1, 1000))
        body.push(0, i + 1, 'SSTORE')
      }
      if (rng.chance(0.5)) body.push(1, 0x77, 'SSTORE', 0, 0x77, 'SSTORE')
      if (rng.chance(0.5)) body.push(hashCalldata(0x50))
      body.push('STOP')
      pre[tx.to] = contract(asm(body), 0n, storage)
      what = `refund ${n} slots, loop ${k}`
      break
    }
    case 'create': {
      // initcode = [loop; record CODESIZE] deploy(runtime) ++ calldata tail (never executed)
      tx.to = ''
      const runtime = leafCode(rng).code
      const init = initcodeFor(runtime, [loop(k, 'c'), 'CODESIZE', 0, 'SSTORE'])
      data = init + hex(cd.bytes).slice(2)
      what = `creation, loop ${k}, runtime ${(runtime.length - 2) / 2} bytes`
      break
    }
    default:
      throw new Error(`unknown 7623 variant ${variant}`)
  }

  if (variant === 'accessList' || (type !== 0 && rng.chance(0.15))) {
    tx.accessList = []
    for (let i = rng.range(1, 3); i > 0; i--) {
      const keys = []
      for (let j = rng.range(0, 4); j > 0; j--) keys.push(word32(rng.range(0, 9)))
      tx.accessList.push({ address: rng.chance(0.5) && tx.to ? tx.to : randomAddress(rng), storageKeys: keys })
    }
  }
  if (type === 4) {
    const auth = account(rng)
    if (rng.chance(0.6)) pre[auth.address] = eoa(BigInt(rng.range(1, 1000)))
    const target = randomAddress(rng)
    pre[target] = contract(leafCode(rng).code)
    tx.authorizationList = [{ ...signAuthorization({ chainId: 1n, address: target, nonce: 0n }, auth.key), signer: auth.address }]
    if (tx.to === '') tx.to = randomAddress(rng)
  }

  const full = { ...tx, data }
  const intrinsic = intrinsicGas(full)
  const floor = floorGas(full)
  const min = intrinsic > floor ? intrinsic : floor
  // candidate gas limits: below/at/above the minimum, and roomy ones for the execution
  const candidates = new Map()
  const add = (g, expect) => {
    if (g > 0n && g <= 30_000_000n && !candidates.has(g)) candidates.set(g, expect)
  }
  if (rng.chance(0.6)) add(min - 1n, floor > intrinsic && min - 1n >= intrinsic ? BELOW_FLOOR : BELOW_INTRINSIC)
  if (floor > intrinsic && rng.chance(0.3)) add(intrinsic, BELOW_FLOOR)
  if (rng.chance(0.25)) add(intrinsic - 1n, BELOW_INTRINSIC)
  if (rng.chance(0.75)) add(min, null)
  if (rng.chance(0.5)) add(min + BigInt(rng.pick([1, 100, 2600, 5000, 21000])), null)
  // rough execution need: loop, a few SSTOREs, calldata hashing, creation deposit
  const est = BigInt(k * 45 + 50_000 + Math.ceil(data.length / 64) * 12 + (tx.to === '' ? 40_000 : 0))
  const roomy = intrinsic + (est * BigInt(rng.pick([5, 12, 12, 20]))) / 10n
  add(roomy, roomy >= min ? null : undefined)
  if (rng.chance(0.5)) {
    const roomy2 = intrinsic + (est * 3n) / 2n
    add(roomy2 > min ? roomy2 : min + est, null)
  }
  add(min + BigInt(rng.pick([300_000, 1_000_000])), null)
  let gas = [...candidates.entries()].filter(([, e]) => e !== undefined)
  gas.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  if (gas.length > 5) gas = gas.filter((_, i) => i === 0 || rng.chance(0.8))

  const value = [0n]
  if (rng.chance(0.3)) value.push(BigInt(rng.range(1, 10 ** 9)))
  const cases = []
  for (let g = 0; g < gas.length; g++) {
    const v = value.length > 1 && rng.chance(0.5) ? 1 : 0
    cases.push({ d: 0, g, v, expect: gas[g][1] })
  }
  const tokens = `${cd.bytes.length} bytes calldata, zero ratio ${cd.zeroRatio}`
  return {
    description: `EIP-7623 ${variant}: type ${type}, ${what}, ${tokens}; intrinsic ${intrinsic}, floor ${floor}`,
    env,
    pre,
    sender,
    tx,
    data: [data],
    gasLimit: gas.map(([g]) => g),
    value,
    cases,
  }
}
