// Building blocks of the differential state-test generator: a seeded RNG, a tiny EVM assembler,
// deterministic keys, transaction and EIP-7702 authorization signing, and JSON hex formatting.
import { RLP } from '@ethereumjs/rlp'
import { bigIntToUnpaddedBytes, bytesToHex, concatBytes, hexToBytes, setLengthLeft } from '@ethereumjs/util'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { keccak_256 } from '@noble/hashes/sha3.js'

export const CHAIN_ID = 1n
export const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
export const keccak = (b) => keccak_256(b)
export const hex = (b) => bytesToHex(b)
export const utf8 = (s) => new TextEncoder().encode(s)

// ---------------------------------------------------------------------------------------------
// Seeded RNG (sfc32 over a keccak-derived state): same seed, same cases, on every machine.
export class Rng {
  constructor(seed) {
    const h = keccak(utf8(`opal-difftest:${seed}`))
    const v = new DataView(h.buffer)
    this.a = v.getUint32(0)
    this.b = v.getUint32(4)
    this.c = v.getUint32(8)
    this.d = v.getUint32(12)
    for (let i = 0; i < 16; i++) this.u32()
  }
  u32() {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }
  /** integer in [0, n) */
  int(n) {
    return Math.floor((this.u32() / 4294967296) * n)
  }
  /** integer in [lo, hi] */
  range(lo, hi) {
    return lo + this.int(hi - lo + 1)
  }
  chance(p) {
    return this.u32() / 4294967296 < p
  }
  pick(arr) {
    return arr[this.int(arr.length)]
  }
  /** picks a key of {key: weight} */
  weighted(weights) {
    const entries = Object.entries(weights)
    let r = this.int(entries.reduce((s, [, w]) => s + w, 0))
    for (const [k, w] of entries) {
      if (r < w) return k
      r -= w
    }
    return entries[0][0]
  }
  bytes(n) {
    const out = new Uint8Array(n)
    for (let i = 0; i < n; i++) out[i] = this.u32() & 0xff
    return out
  }
  /** n bytes, each zero with probability zeroRatio */
  mixedBytes(n, zeroRatio) {
    const out = new Uint8Array(n)
    for (let i = 0; i < n; i++) out[i] = this.chance(zeroRatio) ? 0 : 1 + (this.u32() % 255)
    return out
  }
  word() {
    return BigInt(hex(this.bytes(32)))
  }
  shuffle(arr) {
    const a = [...arr]
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1)
      ;[a[i], a[j]] = [a[j], a[i]]
    }
    return a
  }
}

// ---------------------------------------------------------------------------------------------
// JSON formatting in the ethereum/tests style.
/** quantity: 0x-prefixed, even number of hex digits, at least one byte ("0x00") */
export function q(n) {
  let s = BigInt(n).toString(16)
  if (s.length % 2) s = '0' + s
  return '0x' + s
}
export const addrHex = (a) => (typeof a === 'string' ? a.toLowerCase() : hex(a))
export const word32 = (n) => '0x' + BigInt.asUintN(256, BigInt(n)).toString(16).padStart(64, '0')

// ---------------------------------------------------------------------------------------------
// Keys and addresses.
export function keyFromSeed(rng) {
  for (;;) {
    const k = rng.bytes(32)
    const v = BigInt(hex(k))
    if (v > 0n && v < SECP256K1_N) return k
  }
}
export function addressOf(privKey) {
  const pub = secp256k1.getPublicKey(privKey, false)
  return hex(keccak(pub.subarray(1)).subarray(12))
}
export function account(rng) {
  const key = keyFromSeed(rng)
  return { key: hex(key), address: addressOf(key) }
}
export const randomAddress = (rng) => hex(rng.bytes(20))
export const precompileAddress = (n) => '0x' + n.toString(16).padStart(40, '0')

function signHash(hash, privKey) {
  const sig = secp256k1.Signature.fromBytes(
    secp256k1.sign(hash, hexToBytes(privKey), { prehash: false, format: 'recovered' }),
    'recovered',
  )
  return { yParity: BigInt(sig.recovery), r: sig.r, s: sig.s }
}

// ---------------------------------------------------------------------------------------------
// EIP-7702 authorizations.
/** Signs (chainId, address, nonce) with privKey; returns {chainId, address, nonce, yParity, r, s}. */
export function signAuthorization({ chainId, address, nonce }, privKey) {
  const msg = concatBytes(
    new Uint8Array([0x05]),
    RLP.encode([bigIntToUnpaddedBytes(chainId), hexToBytes(address), bigIntToUnpaddedBytes(nonce)]),
  )
  return { chainId, address, nonce, ...signHash(keccak(msg), privKey) }
}
const authToRlp = (a) => [
  bigIntToUnpaddedBytes(a.chainId),
  hexToBytes(a.address),
  bigIntToUnpaddedBytes(a.nonce),
  bigIntToUnpaddedBytes(a.yParity),
  bigIntToUnpaddedBytes(a.r),
  bigIntToUnpaddedBytes(a.s),
]
export const authToJson = (a) => ({
  chainId: q(a.chainId),
  address: addrHex(a.address),
  nonce: q(a.nonce),
  v: q(a.yParity),
  r: q(a.r),
  s: q(a.s),
  signer: a.signer,
  yParity: q(a.yParity),
})

// ---------------------------------------------------------------------------------------------
// Transactions. tx = {type: 0|1|2|4, nonce, gasPrice | maxFeePerGas+maxPriorityFeePerGas, gasLimit,
// to (hex or '' for creation), value, data (hex), accessList [{address, storageKeys}],
// authorizationList [signed auths]} — all integers BigInt.
const accessListToRlp = (al) => (al ?? []).map((e) => [hexToBytes(e.address), e.storageKeys.map((k) => hexToBytes(k))])

/** Signs tx with privKey (EIP-155 for legacy) and returns the raw transaction bytes as hex. */
export function signTx(tx, privKey) {
  const u = bigIntToUnpaddedBytes
  const to = tx.to === '' || tx.to === undefined ? new Uint8Array() : hexToBytes(tx.to)
  const data = hexToBytes(tx.data)
  if (tx.type === 0) {
    const body = [u(tx.nonce), u(tx.gasPrice), u(tx.gasLimit), to, u(tx.value), data]
    const sig = signHash(keccak(RLP.encode([...body, u(CHAIN_ID), u(0n), u(0n)])), privKey)
    return hex(RLP.encode([...body, u(sig.yParity + 35n + 2n * CHAIN_ID), u(sig.r), u(sig.s)]))
  }
  let body
  if (tx.type === 1) {
    body = [u(CHAIN_ID), u(tx.nonce), u(tx.gasPrice), u(tx.gasLimit), to, u(tx.value), data, accessListToRlp(tx.accessList)]
  } else if (tx.type === 2 || tx.type === 4) {
    body = [
      u(CHAIN_ID),
      u(tx.nonce),
      u(tx.maxPriorityFeePerGas),
      u(tx.maxFeePerGas),
      u(tx.gasLimit),
      to,
      u(tx.value),
      data,
      accessListToRlp(tx.accessList),
    ]
    if (tx.type === 4) body.push(tx.authorizationList.map(authToRlp))
  } else throw new Error(`unsupported tx type ${tx.type}`)
  const prefix = new Uint8Array([tx.type])
  const sig = signHash(keccak(concatBytes(prefix, RLP.encode(body))), privKey)
  return hex(concatBytes(prefix, RLP.encode([...body, u(sig.yParity), u(sig.r), u(sig.s)])))
}

// Gas schedule bits the templates use to aim gas limits (the fill itself is ethereumjs's verdict).
export function calldataTokens(dataHex) {
  const d = hexToBytes(dataHex)
  let zeros = 0
  for (const b of d) if (b === 0) zeros++
  return { zeros, nonzeros: d.length - zeros, tokens: zeros + 4 * (d.length - zeros) }
}
export function intrinsicGas(tx) {
  const d = hexToBytes(tx.data)
  const { tokens } = calldataTokens(tx.data)
  let g = 21000n + 4n * BigInt(tokens)
  if (tx.to === '') g += 32000n + 2n * BigInt(Math.ceil(d.length / 32))
  for (const e of tx.accessList ?? []) g += 2400n + 1900n * BigInt(e.storageKeys.length)
  g += 25000n * BigInt(tx.authorizationList?.length ?? 0)
  return g
}
export const floorGas = (tx) => 21000n + 10n * BigInt(calldataTokens(tx.data).tokens)

// ---------------------------------------------------------------------------------------------
// A tiny assembler. A program is an array of: opcode names ('SSTORE'), numbers/BigInts (pushed with
// the shortest PUSH, PUSH0 for 0), {push: hex} (push these exact bytes), {label: 'x'} (a JUMPDEST) and
// {ref: 'x'} (PUSH2 of the label's offset), {raw: hex} (bytes inserted as they are), nested arrays.
const OPS = {
  STOP: 0x00, ADD: 0x01, MUL: 0x02, SUB: 0x03, DIV: 0x04, SDIV: 0x05, MOD: 0x06, SMOD: 0x07,
  ADDMOD: 0x08, MULMOD: 0x09, EXP: 0x0a, SIGNEXTEND: 0x0b, LT: 0x10, GT: 0x11, SLT: 0x12, SGT: 0x13,
  EQ: 0x14, ISZERO: 0x15, AND: 0x16, OR: 0x17, XOR: 0x18, NOT: 0x19, BYTE: 0x1a, SHL: 0x1b, SHR: 0x1c,
  SAR: 0x1d, KECCAK256: 0x20, ADDRESS: 0x30, BALANCE: 0x31, ORIGIN: 0x32, CALLER: 0x33,
  CALLVALUE: 0x34, CALLDATALOAD: 0x35, CALLDATASIZE: 0x36, CALLDATACOPY: 0x37, CODESIZE: 0x38,
  CODECOPY: 0x39, GASPRICE: 0x3a, EXTCODESIZE: 0x3b, EXTCODECOPY: 0x3c, RETURNDATASIZE: 0x3d,
  RETURNDATACOPY: 0x3e, EXTCODEHASH: 0x3f, BLOCKHASH: 0x40, COINBASE: 0x41, TIMESTAMP: 0x42,
  NUMBER: 0x43, PREVRANDAO: 0x44, GASLIMIT: 0x45, CHAINID: 0x46, SELFBALANCE: 0x47, BASEFEE: 0x48,
  BLOBHASH: 0x49, BLOBBASEFEE: 0x4a, POP: 0x50, MLOAD: 0x51, MSTORE: 0x52, MSTORE8: 0x53,
  SLOAD: 0x54, SSTORE: 0x55, JUMP: 0x56, JUMPI: 0x57, PC: 0x58, MSIZE: 0x59, GAS: 0x5a,
  JUMPDEST: 0x5b, TLOAD: 0x5c, TSTORE: 0x5d, MCOPY: 0x5e, PUSH0: 0x5f, LOG0: 0xa0, LOG1: 0xa1,
  LOG2: 0xa2, LOG3: 0xa3, LOG4: 0xa4, CREATE: 0xf0, CALL: 0xf1, CALLCODE: 0xf2, RETURN: 0xf3,
  DELEGATECALL: 0xf4, CREATE2: 0xf5, STATICCALL: 0xfa, REVERT: 0xfd, INVALID: 0xfe,
  SELFDESTRUCT: 0xff,
}
for (let i = 1; i <= 16; i++) {
  OPS[`DUP${i}`] = 0x7f + i
  OPS[`SWAP${i}`] = 0x8f + i
}

function pushBytes(v) {
  let n = BigInt.asUintN(256, BigInt(v))
  if (n === 0n) return [OPS.PUSH0]
  const b = []
  while (n > 0n) {
    b.unshift(Number(n & 0xffn))
    n >>= 8n
  }
  return [0x5f + b.length, ...b]
}

export function asm(...program) {
  const flat = program.flat(Infinity)
  const labels = {}
  const emit = (resolve) => {
    const out = []
    for (const t of flat) {
      if (typeof t === 'string') {
        if (!(t in OPS)) throw new Error(`unknown opcode ${t}`)
        out.push(OPS[t])
      } else if (typeof t === 'number' || typeof t === 'bigint') out.push(...pushBytes(t))
      else if (t.label !== undefined) {
        labels[t.label] = out.length
        out.push(OPS.JUMPDEST)
      } else if (t.ref !== undefined) {
        const off = resolve ? labels[t.ref] : 0
        if (off === undefined) throw new Error(`unknown label ${t.ref}`)
        out.push(0x61, (off >> 8) & 0xff, off & 0xff)
      } else if (t.push !== undefined) {
        const b = hexToBytes(t.push)
        if (b.length < 1 || b.length > 32) throw new Error('bad push')
        out.push(0x5f + b.length, ...b)
      } else if (t.raw !== undefined) out.push(...hexToBytes(t.raw))
      else throw new Error(`bad asm token ${JSON.stringify(t)}`)
    }
    return out
  }
  emit(false)
  return hex(Uint8Array.from(emit(true)))
}

/** Pushes a 20-byte address (PUSH20) */
export const pushAddr = (a) => ({ push: a })

/** Tokens for a call: kind CALL|CALLCODE|DELEGATECALL|STATICCALL; leaves success on the stack. */
export function callOp(kind, addr, { gas = null, value = 0, inOff = 0, inSize = 0, outOff = 0, outSize = 0 } = {}) {
  const t = [outSize, outOff, inSize, inOff]
  if (kind === 'CALL' || kind === 'CALLCODE') t.push(value)
  t.push(typeof addr === 'string' ? pushAddr(addr) : addr)
  t.push(gas === null ? 'GAS' : gas)
  t.push(kind)
  return t
}

/** Initcode that deploys `runtimeHex` (codecopy + return), followed by optional trailing bytes. */
export function initcodeFor(runtimeHex, preamble = []) {
  const runtime = hexToBytes(runtimeHex)
  // preamble; PUSH2 len; DUP1; PUSH2 offset; PUSH0; CODECOPY; PUSH0; RETURN
  const pre = asm(preamble)
  const headerLen = hexToBytes(pre).length + 3 + 1 + 3 + 1 + 1 + 1 + 1
  const code = asm(
    { raw: pre },
    { push: '0x' + runtime.length.toString(16).padStart(4, '0') },
    'DUP1',
    { push: '0x' + headerLen.toString(16).padStart(4, '0') },
    'PUSH0',
    'CODECOPY',
    'PUSH0',
    'RETURN',
  )
  return hex(concatBytes(hexToBytes(code), runtime))
}

export const delegationCode = (target) => '0xef0100' + addrHex(target).slice(2)
export { bytesToHex, hexToBytes, setLengthLeft }
