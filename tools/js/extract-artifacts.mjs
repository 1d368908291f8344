// Extracts what Opal needs at run time from the pinned @eth-optimism/contracts-bedrock forge
// artifacts (ABI, creation and runtime bytecode, immutable references, storage layout) into
// tools/js/generated/op-contracts.json, which the consensus-layer build packs into its jar.
// Run by scripts/npm-tools.sh after installing; the output is not committed.
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const artifacts = join(here, 'node_modules/@eth-optimism/contracts-bedrock/forge-artifacts')
const contracts = [
  // L1 side (devnet deployment)
  'Proxy', 'ProxyAdmin', 'SuperchainConfig', 'SystemConfig', 'OptimismPortal', 'OptimismPortal2',
  'L2OutputOracle', 'ProtocolVersions', 'L1CrossDomainMessenger', 'L1StandardBridge', 'AddressManager',
  'DisputeGameFactory', 'AnchorStateRegistry', 'L1ERC721Bridge', 'StorageSetter',
  // L2 predeploys
  'L1Block', 'GasPriceOracle', 'L2ToL1MessagePasser', 'BaseFeeVault', 'L1FeeVault', 'SequencerFeeVault',
  'L2CrossDomainMessenger', 'L2StandardBridge', 'L2ERC721Bridge', 'WETH', 'L1BlockNumber',
  'DeployerWhitelist', 'LegacyMessagePasser', 'OptimismMintableERC20Factory', 'OptimismMintableERC721Factory',
  'GovernanceToken',
  'EAS', 'SchemaRegistry',
]
const out = {}
for (const name of contracts) {
  const file = join(artifacts, `${name}.sol`, `${name}.json`)
  if (!existsSync(file)) throw new Error(`artifact missing: ${file}`)
  const a = JSON.parse(readFileSync(file, 'utf8'))
  out[name] = {
    abi: a.abi,
    bytecode: a.bytecode.object,
    deployedBytecode: a.deployedBytecode.object,
    immutableReferences: a.deployedBytecode.immutableReferences ?? {},
    storageLayout: a.storageLayout ?? null,
  }
}
const pkg = JSON.parse(readFileSync(join(artifacts, '..', 'package.json'), 'utf8'))
const target = join(here, 'generated', 'op-contracts.json')
mkdirSync(dirname(target), { recursive: true })
writeFileSync(target, JSON.stringify({ source: `${pkg.name}@${pkg.version}`, contracts: out }))
console.error(`extract-artifacts: ${Object.keys(out).length} contracts from ${pkg.name}@${pkg.version} -> ${target}`)
