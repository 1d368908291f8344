// EIP-7702 (set EOA code) scenarios: type-4 transactions with 1–3 authorizations.
import { contract, entryCode, eoa, fees, leafCode, makeEnv, newSender, probeCode, randomStorage } from './codes.mjs'
import {
  CHAIN_ID,
  SECP256K1_N,
  account,
  delegationCode,
  floorGas,
  intrinsicGas,
  precompileAddress,
  randomAddress,
  signAuthorization,
  word32,
} from './lib.mjs'

const INVALID = {
  emptyList: 'TransactionException.TYPE_4_EMPTY_AUTHORIZATION_LIST',
  create: 'TransactionException.TYPE_4_TX_CONTRACT_CREATION',
  lowGas: 'TransactionException.INTRINSIC_GAS_TOO_LOW',
  senderHasCode: 'TransactionException.SENDER_NOT_EOA',
}

export const VARIANTS = {
  valid: 8,
  chainId: 3,
  nonce: 3,
  self: 3,
  precompile: 2,
  clear: 2,
  redelegate: 2,
  duplicate: 3,
  callFromContract: 4,
  extcode: 3,
  chain: 2,
  hasCode: 2,
  badSignature: 2,
  senderDelegated: 1,
  emptyList: 1,
  create: 1,
  lowGas: 1,
  senderHasCode: 1,
}

const PRAGUE_PRECOMPILES = Array.from({ length: 0x11 }, (_, i) => precompileAddress(i + 1))
// probes do not call the KZG point evaluation precompile (0x0a): ethereumjs needs a KZG library
// for it, which is not among the pinned tools
const CALLABLE_PRECOMPILES = PRAGUE_PRECOMPILES.filter((a) => a !== precompileAddress(0x0a))

/** Builds one EIP-7702 scenario of the given variant. */
export function build7702(rng, variant) {
  const { json: env, baseFee } = makeEnv(rng)
  const pre = {}
  const notes = []
  const sender = newSender(rng, pre)

  // Delegation targets: leaf contracts (safe to call from anywhere) and, later, probes.
  const leaves = []
  for (let i = rng.range(1, 2); i > 0; i--) {
    const a = randomAddress(rng)
    const l = leafCode(rng)
    pre[a] = contract(l.code, rng.chance(0.5) ? BigInt(rng.range(1, 5000)) : 0n, randomStorage(rng, 2))
    leaves.push(a)
  }
  const probeAddrs = [randomAddress(rng), randomAddress(rng)]

  // Authorities: fresh keys, in one of several pre-states.
  const authorities = []
  const newAuthority = (state = rng.weighted({ absent: 3, eoa: 5, delegated: 2 })) => {
    const acct = account(rng)
    const a = { ...acct, state, nonce: 0n }
    if (state === 'eoa' || state === 'delegated' || state === 'code') {
      a.nonce = BigInt(rng.pick([0, 0, 1, 3, 255]))
      const bal = rng.chance(0.8) ? BigInt(rng.range(1, 10 ** 9)) : 0n
      if (state === 'eoa') pre[a.address] = eoa(bal, a.nonce)
      else if (state === 'delegated') {
        a.preTarget = rng.pick(leaves)
        pre[a.address] = { ...eoa(bal, a.nonce), code: delegationCode(a.preTarget), storage: randomStorage(rng, 2) }
      } else pre[a.address] = contract(leafCode(rng).code, bal, {}, a.nonce)
    }
    authorities.push(a)
    return a
  }
  const valid = (a, target, chainId = rng.chance(0.8) ? CHAIN_ID : 0n) => ({
    authority: a, target, chainId, nonce: a.nonce,
  })
  const targetPick = () => (rng.chance(0.55) ? rng.pick(probeAddrs) : rng.pick(leaves))

  const tuples = [] // {authority, target, chainId, nonce, mutate?}
  let to // tx destination
  let invalid = null
  let entryTargets = null // for callFromContract / chain
  let forceProbeInspect = false

  switch (variant) {
    case 'valid': {
      for (let i = rng.range(1, 3); i > 0; i--) tuples.push(valid(newAuthority(), targetPick()))
      to = rng.chance(0.8) ? rng.pick(tuples).authority.address : rng.chance(0.5) ? rng.pick(leaves) : randomAddress(rng)
      break
    }
    case 'chainId': {
      for (let i = rng.range(1, 3); i > 0; i--) {
        const t = valid(newAuthority(), targetPick(), rng.pick([0n, 1n, 2n, 5n, 10n, 11155111n, 2n ** 64n + 1n, 2n ** 256n - 1n]))
        tuples.push(t)
        notes.push(`chainId ${t.chainId}`)
      }
      to = rng.pick(tuples).authority.address
      break
    }
    case 'nonce': {
      for (let i = rng.range(1, 3); i > 0; i--) {
        const t = valid(newAuthority(rng.pick(['absent', 'eoa', 'eoa', 'delegated'])), targetPick())
        const how = rng.pick(['plus1', 'minus1', 'max', 'maxMinus1', 'ok'])
        if (how === 'plus1') t.nonce = t.nonce + 1n
        else if (how === 'minus1') t.nonce = t.nonce === 0n ? 5n : t.nonce - 1n
        else if (how === 'max') t.nonce = 2n ** 64n - 1n
        else if (how === 'maxMinus1') t.nonce = 2n ** 64n - 2n
        notes.push(`nonce ${how}`)
        tuples.push(t)
      }
      to = rng.pick(tuples).authority.address
      break
    }
    case 'self': {
      // the sender authorizes itself: its nonce is bumped by the tx before the list is processed
      const a = { ...sender, state: 'sender' }
      authorities.push(a)
      const t = valid(a, targetPick())
      const how = rng.pick(['next', 'next', 'current', 'next2'])
      t.nonce = sender.nonce + (how === 'next' ? 1n : how === 'next2' ? 2n : 0n)
      notes.push(`self nonce ${how}`)
      tuples.push(t)
      if (rng.chance(0.4)) tuples.push(valid(newAuthority(), targetPick()))
      to = rng.chance(0.7) ? sender.address : rng.pick(tuples).authority.address
      break
    }
    case 'precompile': {
      for (let i = rng.range(1, 2); i > 0; i--) tuples.push(valid(newAuthority(), rng.pick(PRAGUE_PRECOMPILES)))
      if (rng.chance(0.5)) {
        entryTargets = tuples.map((t) => ({ address: t.authority.address, kind: rng.pick(['CALL', 'STATICCALL', 'DELEGATECALL']) }))
        forceProbeInspect = true
      } else to = rng.pick(tuples).authority.address
      break
    }
    case 'clear': {
      const a = newAuthority('delegated')
      tuples.push(valid(a, '0x0000000000000000000000000000000000000000'))
      if (rng.chance(0.5)) tuples.push(valid(newAuthority(), targetPick()))
      to = rng.chance(0.6) ? a.address : rng.pick(probeAddrs)
      forceProbeInspect = true
      break
    }
    case 'redelegate': {
      const a = newAuthority('delegated')
      tuples.push(valid(a, targetPick()))
      to = a.address
      break
    }
    case 'duplicate': {
      const a = newAuthority(rng.pick(['absent', 'eoa', 'delegated']))
      const how = rng.pick(['sequential', 'same', 'reversed', 'clearThenSet'])
      const t1 = valid(a, targetPick())
      const t2 = valid(a, targetPick())
      if (how === 'sequential') t2.nonce = a.nonce + 1n
      else if (how === 'reversed') t1.nonce = a.nonce + 1n
      else if (how === 'clearThenSet') {
        t1.target = '0x0000000000000000000000000000000000000000'
        t2.nonce = a.nonce + 1n
      }
      notes.push(`duplicate ${how}`)
      tuples.push(t1, t2)
      if (rng.chance(0.3)) tuples.splice(rng.int(3), 0, valid(newAuthority(), targetPick()))
      to = a.address
      break
    }
    case 'callFromContract': {
      for (let i = rng.range(1, 3); i > 0; i--) tuples.push(valid(newAuthority(), targetPick()))
      const predelegated = newAuthority('delegated')
      const all = [...tuples.map((t) => t.authority), predelegated]
      entryTargets = all.map((a) => ({
        address: a.address,
        kind: rng.pick(['CALL', 'CALL', 'STATICCALL', 'DELEGATECALL', 'CALLCODE']),
        value: rng.chance(0.3) ? rng.range(1, 100) : 0,
        gas: rng.chance(0.2) ? rng.pick([5000, 50000]) : null,
      }))
      break
    }
    case 'extcode': {
      for (let i = rng.range(1, 3); i > 0; i--) tuples.push(valid(newAuthority(), targetPick()))
      newAuthority('delegated')
      forceProbeInspect = true
      to = rng.chance(0.6) ? probeAddrs[0] : rng.pick(tuples).authority.address
      break
    }
    case 'chain': {
      // A -> B where B is itself delegated (in pre, or by an earlier tuple of this list)
      const b = newAuthority('delegated')
      const a = newAuthority(rng.pick(['absent', 'eoa']))
      if (rng.chance(0.5)) tuples.push(valid(b, targetPick()))
      tuples.push(valid(a, b.address))
      if (rng.chance(0.5)) {
        entryTargets = [a, b].map((x) => ({ address: x.address, kind: 'CALL', gas: rng.pick([30000, 100000]) }))
        forceProbeInspect = true
      } else to = a.address
      break
    }
    case 'hasCode': {
      const a = newAuthority('code')
      tuples.push(valid(a, targetPick()))
      if (rng.chance(0.5)) tuples.push(valid(newAuthority(), targetPick()))
      to = a.address
      break
    }
    case 'badSignature': {
      for (let i = rng.range(1, 3); i > 0; i--) {
        const t = valid(newAuthority(), targetPick())
        t.mutate = rng.pick(['highS', 'highS', 'yParity2', 'zeroR', 'zeroS', 'none', 'rOverflow'])
        notes.push(`signature ${t.mutate}`)
        tuples.push(t)
      }
      to = rng.pick(tuples).authority.address
      break
    }
    case 'senderDelegated': {
      pre[sender.address].code = delegationCode(rng.pick(leaves))
      tuples.push(valid(newAuthority(), targetPick()))
      to = rng.chance(0.5) ? sender.address : tuples[0].authority.address
      break
    }
    case 'emptyList': {
      newAuthority('delegated')
      to = rng.pick(leaves)
      invalid = INVALID.emptyList
      break
    }
    case 'create': {
      tuples.push(valid(newAuthority(), targetPick()))
      to = ''
      invalid = INVALID.create
      break
    }
    case 'lowGas': {
      for (let i = rng.range(1, 3); i > 0; i--) tuples.push(valid(newAuthority(), targetPick()))
      to = tuples[0].authority.address
      invalid = INVALID.lowGas
      break
    }
    case 'senderHasCode': {
      pre[sender.address].code = leafCode(rng).code
      tuples.push(valid(newAuthority(), targetPick()))
      to = tuples[0].authority.address
      invalid = INVALID.senderHasCode
      break
    }
    default:
      throw new Error(`unknown 7702 variant ${variant}`)
  }

  // Entry contract for the variants that call delegated accounts from a contract.
  if (entryTargets !== null) {
    const e = randomAddress(rng)
    pre[e] = contract(entryCode(rng, entryTargets), BigInt(rng.range(0, 1000)), randomStorage(rng, 2))
    to = e
  }

  // Probes: may call leaves, precompiles, plain EOAs and authorities delegated to leaves only.
  const leafAuthorities = authorities
    .filter((a) => a.state !== 'sender' && a.state !== 'code')
    .filter((a) => tuples.every((t) => t.authority !== a || leaves.includes(t.target)))
    .filter((a) => a.state !== 'delegated' || tuples.some((t) => t.authority === a) || leaves.includes(a.preTarget))
    .map((a) => a.address)
  const inspect = [
    ...authorities.map((a) => a.address),
    ...leaves,
    rng.pick(PRAGUE_PRECOMPILES),
    randomAddress(rng),
    ...probeAddrs,
  ]
  for (const p of probeAddrs) {
    const code = probeCode(rng, {
      callTargets: [...leaves, ...leafAuthorities, rng.pick(CALLABLE_PRECOMPILES), randomAddress(rng)],
      inspectTargets: forceProbeInspect || rng.chance(0.6) ? inspect : [],
    })
    pre[p] = contract(code.code, rng.chance(0.5) ? BigInt(rng.range(1, 10000)) : 0n, randomStorage(rng, 2))
  }

  // Sign the tuples.
  const authorizationList = tuples.map((t) => {
    const a = signAuthorization({ chainId: t.chainId, address: t.target, nonce: t.nonce }, t.authority.key)
    switch (t.mutate) {
      case 'highS':
        a.s = SECP256K1_N - a.s
        a.yParity = 1n - a.yParity
        break
      case 'yParity2':
        a.yParity = 2n
        break
      case 'zeroR':
        a.r = 0n
        break
      case 'zeroS':
        a.s = 0n
        break
      case 'rOverflow':
        a.r = SECP256K1_N + 1n
        break
    }
    return { ...a, signer: t.authority.address }
  })

  const type = 4
  const tx = { type, nonce: sender.nonce, to, accessList: [], authorizationList, ...fees(rng, type, baseFee) }
  if (rng.chance(0.2)) tx.accessList = [{ address: rng.pick([...leaves, ...probeAddrs]), storageKeys: [word32(rng.range(0, 3))] }]

  const data = [rng.chance(0.5) ? '0x' : '0x' + Buffer.from(rng.bytes(rng.pick([4, 32, 36, 64]))).toString('hex')]
  if (rng.chance(0.4)) data.push('0x' + Buffer.from(rng.bytes(32)).toString('hex'))
  const value = [rng.chance(0.6) ? 0n : BigInt(rng.range(1, 10 ** 6))]
  if (rng.chance(0.3)) value.push(BigInt(rng.range(1, 1000)))
  // the larger of intrinsic gas and calldata floor over all data entries
  let base = 0n
  for (const d of data) {
    for (const g of [intrinsicGas({ ...tx, data: d }), floorGas({ ...tx, data: d })]) if (g > base) base = g
  }
  let gasLimit
  if (variant === 'lowGas') gasLimit = [intrinsicGas({ ...tx, data: data[0] }) - BigInt(rng.range(1, 20000))]
  else {
    gasLimit = [rng.pick([base + 300_000n, 1_000_000n + base, 2_500_000n])]
    // a tight limit: the execution may run out of gas after the authorizations were applied
    if (rng.chance(0.25)) gasLimit.push(base + BigInt(rng.pick([0, 2600, 12000, 30000])))
  }

  const cases = []
  for (let d = 0; d < data.length; d++) {
    for (let g = 0; g < gasLimit.length; g++) {
      for (let v = 0; v < value.length; v++) {
        if (variant === 'lowGas' && intrinsicGas({ ...tx, data: data[d] }) <= gasLimit[g]) continue
        cases.push({ d, g, v, expect: invalid })
      }
    }
  }
  const picked = rng.shuffle(cases).slice(0, invalid ? 1 : rng.range(1, 3))
  picked.sort((x, y) => x.d - y.d || x.g - y.g || x.v - y.v)

  const describe = tuples
    .map((t) => `${t.authority.state}:${t.authority.address.slice(0, 8)}->${t.target === '' ? '-' : t.target.slice(0, 8)}`)
    .join(', ')
  return {
    description: `EIP-7702 ${variant}: [${describe}] to=${to === '' ? 'create' : to.slice(0, 8)} ${notes.join('; ')}`.trim(),
    env,
    pre,
    sender,
    tx,
    data,
    gasLimit,
    value,
    cases: picked,
  }
}
