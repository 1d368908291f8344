// EIP-2935 (historical block hashes from state) scenarios: the history storage contract in `pre`
// with ring-buffer slots filled, queried by transactions and by contracts.
import { contract, eoa, fees, makeEnv, newSender, randomStorage } from './codes.mjs'
import { asm, callOp, hex, q, randomAddress, word32 } from './lib.mjs'

// From the EIP-2935 text (final version, HISTORY_SERVE_WINDOW = 8191).
export const HISTORY_ADDRESS = '0x0000f90827f1c53a10cb7a02335b175320002935'
export const HISTORY_CODE =
  '0x3373fffffffffffffffffffffffffffffffffffffffe14604657602036036042575f35600143038111604257611fff81430311604257611fff9006545f5260205ff35b5f5ffd5b5f35611fff60014303065500'
const WINDOW = 8191n

export const VARIANTS = {
  forward: 4,
  relative: 3,
  multi: 2,
  direct: 2,
  delegatecall: 1,
}

const NUMBERS = [1, 2, 3, 255, 256, 257, 8190, 8191, 8192, 8193, 10_000, 16_382, 16_383, 16_384, 1_000_000]

export function build2935(rng, variant) {
  const number = BigInt(rng.chance(0.8) ? rng.pick(NUMBERS) : rng.range(20_000_000, 23_000_000))
  const { json: env, baseFee } = makeEnv(rng, { number })
  const pre = {}
  const sender = newSender(rng, pre)

  // Ring buffer: fill the slots of some block numbers inside the window [number-8191, number-1],
  // plus a few slots holding stale values (the slot of a number older than the window).
  const oldest = number > WINDOW ? number - WINDOW : 0n
  const inWindow = () => oldest + BigInt(rng.range(0, Number(number - 1n - oldest)))
  const filled = new Set([number - 1n, oldest])
  for (let i = rng.range(2, 10); i > 0; i--) filled.add(inWindow())
  const storage = {}
  for (const n of filled) if (rng.chance(0.9)) storage[q(n % WINDOW)] = word32(rng.word())
  for (let i = rng.range(0, 3); i > 0; i--) storage[q(BigInt(rng.range(0, 8190)))] = word32(rng.word())
  pre[HISTORY_ADDRESS] = contract(HISTORY_CODE, rng.chance(0.2) ? BigInt(rng.range(1, 1000)) : 0n, storage)

  const word = (n) => word32(n).slice(2)
  const queries = () => {
    const qs = []
    const pickFilled = () => rng.pick([...filled])
    const add = (label, hexData) => qs.push({ label, data: hexData })
    add('in window, filled', '0x' + word(pickFilled()))
    if (rng.chance(0.7)) add('in window', '0x' + word(inWindow()))
    add('latest', '0x' + word(number - 1n))
    add(rng.pick(['current', 'future', 'max']), '0x' + word(rng.pick([number, number + BigInt(rng.range(1, 9000)), 2n ** 256n - 1n])))
    if (number > WINDOW) add('oldest', '0x' + word(oldest))
    if (number > WINDOW) {
      const back = BigInt(rng.pick([1, 2, 1_000, 8191]))
      add('too old', '0x' + word(oldest >= back ? oldest - back : 0n))
    }
    if (number <= WINDOW) add('genesis', '0x' + word(0n))
    const size = rng.pick([0, 1, 31, 33, 64])
    const body = word(pickFilled())
    add(`${size} bytes`, size <= 32 ? '0x' + body.slice(64 - size * 2) : '0x' + body + hex(rng.bytes(size - 32)).slice(2))
    return rng.shuffle(qs).slice(0, rng.range(3, 7))
  }

  const caller = randomAddress(rng)
  const s0 = rng.range(0, 8)
  const results = (s) => [
    s, 'SSTORE', // success flag
    'RETURNDATASIZE', s + 1, 'SSTORE',
    0x100, 'MLOAD', 'DUP1', s + 2, 'SSTORE',
    'RETURNDATASIZE', 0x100, 'LOG1',
  ]
  const callKind = rng.pick(['CALL', 'CALL', 'STATICCALL'])
  const callGas = rng.chance(0.8) ? null : rng.pick([2200, 2500, 5000])
  const callValue = callKind === 'CALL' && rng.chance(0.3) ? rng.range(1, 100) : 0
  let data
  let to = caller
  let describe
  switch (variant) {
    case 'forward': {
      // calls the history contract with the tx calldata as it is
      const code = asm(
        'CALLDATASIZE', 0, 0, 'CALLDATACOPY',
        0, 0x100, 'MSTORE',
        callOp(callKind, HISTORY_ADDRESS, { gas: callGas, value: callValue, inOff: 0, inSize: 0, outOff: 0x100, outSize: 32 })
          .map((t, i) => (i === 2 ? 'CALLDATASIZE' : t)),
        results(s0),
        'STOP',
      )
      pre[caller] = contract(code, 1000n, randomStorage(rng, 2))
      const qs = queries()
      data = qs.map((x) => x.data)
      describe = `${callKind}${callGas ? ` gas ${callGas}` : ''}${callValue ? ` value ${callValue}` : ''} forwarding [${qs.map((x) => x.label).join(', ')}]`
      break
    }
    case 'relative': {
      // queries NUMBER - calldata[0:32] (offset 0 = current block, 2^256-1 = next block)
      const code = asm(
        0, 'CALLDATALOAD', 'NUMBER', 'SUB', 0, 'MSTORE',
        0, 0x100, 'MSTORE',
        callOp(callKind, HISTORY_ADDRESS, { gas: callGas, value: callValue, inOff: 0, inSize: 32, outOff: 0x100, outSize: 32 }),
        results(s0),
        'STOP',
      )
      pre[caller] = contract(code, 1000n, randomStorage(rng, 2))
      const offsets = rng.shuffle([0n, 1n, 2n, BigInt(rng.range(3, 8190)), 8191n, 8192n, 2n ** 256n - 1n, number]).slice(0, rng.range(3, 6))
      data = offsets.map((o) => '0x' + word(o))
      describe = `${callKind} NUMBER - [${offsets.map((o) => (o > 2n ** 64n ? '-1' : String(o))).join(', ')}]`
      break
    }
    case 'multi': {
      // k queries in one transaction, one per 32-byte calldata word, results in consecutive slots
      const k = rng.range(2, 4)
      const body = []
      for (let i = 0; i < k; i++) {
        body.push(32 * i, 'CALLDATALOAD', 0, 'MSTORE', 0, 0x100, 'MSTORE')
        body.push(callOp(rng.pick(['CALL', 'STATICCALL']), HISTORY_ADDRESS, { inOff: 0, inSize: 32, outOff: 0x100, outSize: 32 }))
        body.push(results(s0 + 3 * i))
      }
      pre[caller] = contract(asm(body, 'STOP'), 0n)
      data = []
      for (let j = rng.range(2, 4); j > 0; j--) {
        data.push('0x' + queries().slice(0, k).map((x) => x.data.slice(2).padEnd(64, '0').slice(0, 64)).join('').padEnd(64 * k, '0'))
      }
      describe = `${k} queries per tx`
      break
    }
    case 'direct': {
      // the transaction itself calls the history contract
      to = HISTORY_ADDRESS
      const qs = queries()
      data = qs.map((x) => x.data)
      describe = `tx to the history contract [${qs.map((x) => x.label).join(', ')}]`
      break
    }
    case 'delegatecall': {
      // runs the history code in the caller's own storage (its own ring buffer)
      const own = {}
      for (const n of filled) if (rng.chance(0.5)) own[q(n % WINDOW)] = word32(rng.word())
      const code = asm(
        'CALLDATASIZE', 0, 0, 'CALLDATACOPY',
        0, 0x100, 'MSTORE',
        callOp('DELEGATECALL', HISTORY_ADDRESS, { inOff: 0, inSize: 0, outOff: 0x100, outSize: 32 }).map((t, i) => (i === 2 ? 'CALLDATASIZE' : t)),
        results(s0 + 100),
        'STOP',
      )
      pre[caller] = contract(code, 0n, own)
      const qs = queries()
      data = qs.map((x) => x.data)
      describe = `DELEGATECALL [${qs.map((x) => x.label).join(', ')}]`
      break
    }
    default:
      throw new Error(`unknown 2935 variant ${variant}`)
  }
  if (rng.chance(0.15)) pre[randomAddress(rng)] = eoa(1n)

  const type = rng.pick([0, 1, 2, 2])
  const tx = { type, nonce: sender.nonce, to, accessList: [], ...fees(rng, type, baseFee) }
  if (type !== 0 && rng.chance(0.3)) tx.accessList = [{ address: HISTORY_ADDRESS, storageKeys: [word32(number - 1n)] }]
  const gasLimit = [BigInt(rng.pick([150_000, 300_000, 1_000_000]))]
  const value = [0n]
  if (variant === 'direct' && rng.chance(0.5)) value.push(BigInt(rng.range(1, 10 ** 6)))
  const cases = data.map((_, d) => ({ d, g: 0, v: value.length > 1 && rng.chance(0.5) ? 1 : 0, expect: null }))
  return {
    description: `EIP-2935 ${variant}: block ${number}, ${describe}`,
    env,
    pre,
    sender,
    tx,
    data,
    gasLimit,
    value,
    cases,
  }
}
