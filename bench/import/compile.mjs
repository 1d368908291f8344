// Compiles BenchToken.sol with solc from npm (tools/js/node_modules) and writes
// {solc, creation, runtime, transfer, balanceOf} as JSON to the path given as argument.
import { createRequire } from 'node:module'
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const req = createRequire(join(here, '../../tools/js/package.json'))
const solc = req('solc')
const input = {
  language: 'Solidity',
  sources: { 'BenchToken.sol': { content: readFileSync(join(here, 'BenchToken.sol'), 'utf8') } },
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'prague',
    outputSelection: { '*': { '*': ['evm.bytecode.object', 'evm.deployedBytecode.object', 'evm.methodIdentifiers'] } },
  },
}
const out = JSON.parse(solc.compile(JSON.stringify(input)))
const errors = (out.errors ?? []).filter((e) => e.severity === 'error')
if (errors.length) {
  console.error('solc: ' + errors.map((e) => e.formattedMessage).join('\n'))
  process.exit(1)
}
const c = out.contracts['BenchToken.sol'].BenchToken
const ids = c.evm.methodIdentifiers
writeFileSync(
  process.argv[2],
  JSON.stringify({
    solc: solc.version(),
    creation: '0x' + c.evm.bytecode.object,
    runtime: '0x' + c.evm.deployedBytecode.object,
    transfer: '0x' + ids['transfer(address,uint256)'],
    balanceOf: '0x' + ids['balanceOf(address)'],
  }),
)
console.error(`compiled BenchToken with solc ${solc.version()}`)
