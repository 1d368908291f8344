// Runs one ethereum/tests-format state-test case through @ethereumjs/vm and returns the post-state
// root and logs hash. Shared by generate.mjs (fills the expectations) and check.mjs (re-runs files).
import { createBlock } from '@ethereumjs/block'
import { Common, Hardfork, Mainnet } from '@ethereumjs/common'
import { RLP } from '@ethereumjs/rlp'
import { MerkleStateManager } from '@ethereumjs/statemanager'
import { createTxFromRLP } from '@ethereumjs/tx'
import { Account, Address, bytesToHex, hexToBytes, setLengthLeft } from '@ethereumjs/util'
import { createVM, runTx } from '@ethereumjs/vm'
import { keccak_256 } from '@noble/hashes/sha3.js'

const FORKS = {
  Cancun: Hardfork.Cancun,
  Prague: Hardfork.Prague,
}

const big = (h) => (h === undefined || h === '' || h === '0x' ? 0n : BigInt(h))
const bytes = (h) => hexToBytes(h === undefined || h === '' ? '0x' : h)

/** keccak256(rlp(logs)) as 0x-hex; logs as ethereumjs returns them ([address, topics[], data]). */
export function logsHash(logs) {
  return bytesToHex(keccak_256(RLP.encode(logs ?? [])))
}

/** Loads `pre` into a fresh MerkleStateManager and returns it with its state root. */
async function loadPre(pre) {
  const sm = new MerkleStateManager()
  await sm.checkpoint()
  for (const [addr, acc] of Object.entries(pre)) {
    const address = new Address(hexToBytes(addr))
    await sm.putAccount(address, new Account(big(acc.nonce), big(acc.balance)))
    const code = bytes(acc.code)
    if (code.length > 0) await sm.putCode(address, code)
    for (const [k, v] of Object.entries(acc.storage ?? {})) {
      if (big(v) === 0n) continue
      await sm.putStorage(address, setLengthLeft(bytes(k), 32), bytes('0x' + big(v).toString(16).padStart(64, '0')))
    }
  }
  await sm.commit()
  return sm
}

function blockFromEnv(env, common) {
  return createBlock(
    {
      header: {
        number: big(env.currentNumber),
        coinbase: env.currentCoinbase,
        timestamp: big(env.currentTimestamp),
        gasLimit: big(env.currentGasLimit),
        baseFeePerGas: big(env.currentBaseFee),
        difficulty: 0n,
        mixHash: env.currentRandom !== undefined ? setLengthLeft(bytes(env.currentRandom), 32) : undefined,
        excessBlobGas: big(env.currentExcessBlobGas),
      },
    },
    { common, skipConsensusFormatValidation: true },
  )
}

/**
 * Runs the transaction encoded in `txbytes` on `pre` under `env` with the given fork (chain id 1).
 * Returns { stateRoot, logs, exception, gasUsed, preRoot, execError }: `exception` is ethereumjs's
 * rejection message for an invalid transaction (then stateRoot == preRoot and logs is the empty list
 * hash); `execError` the EVM exception of a valid transaction that failed (revert, out of gas ...).
 */
export async function runCase({ env, pre, txbytes, fork = 'Prague', dump = [] }) {
  const hardfork = FORKS[fork]
  if (hardfork === undefined) throw new Error(`unsupported fork ${fork}`)
  const common = new Common({ chain: Mainnet, hardfork })
  const stateManager = await loadPre(pre)
  const preRoot = bytesToHex(await stateManager.getStateRoot())
  const vm = await createVM({ common, stateManager })
  const block = blockFromEnv(env, common)
  let tx
  try {
    tx = createTxFromRLP(hexToBytes(txbytes), { common })
  } catch (e) {
    return { stateRoot: preRoot, preRoot, logs: logsHash([]), exception: `decode: ${e.message}` }
  }
  try {
    const res = await runTx(vm, { tx, block })
    const stateRoot = bytesToHex(await vm.stateManager.getStateRoot())
    const accounts = {}
    for (const a of dump) {
      const address = new Address(hexToBytes(a))
      const acc = await vm.stateManager.getAccount(address)
      if (acc === undefined) continue
      const storage = await vm.stateManager.dumpStorage(address).catch(() => ({}))
      const code = bytesToHex(await vm.stateManager.getCode(address))
      accounts[a] = { nonce: acc.nonce, balance: acc.balance, code: code.length > 60 ? code.slice(0, 60) + '..' : code, storage }
    }
    return {
      accounts,
      stateRoot,
      preRoot,
      logs: logsHash(res.receipt.logs),
      gasUsed: res.totalGasSpent,
      execError: res.execResult.exceptionError?.error,
      logCount: res.receipt.logs.length,
      createdAddress: res.createdAddress?.toString(),
    }
  } catch (e) {
    const after = bytesToHex(await vm.stateManager.getStateRoot())
    if (after !== preRoot) throw new Error(`rejected tx changed the state root: ${e.message}`)
    return { stateRoot: preRoot, preRoot, logs: logsHash([]), exception: e.message }
  }
}
