// viem against a running Opal dev node: the same checks as ethers-check.mjs through viem's own
// clients (deployContract, readContract, writeContract, getLogs with event args, watchBlocks and
// watchContractEvent over WebSocket, signed raw transfers for the pool rules).
// Exits 1 with "CHECK FAILED: ..." on the first failed check; prints "RESULT {json}" last.
import {
  createPublicClient, createWalletClient, defineChain, http, parseEventLogs, webSocket,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { createRequire } from 'node:module';
import {
  check, compileLedger, environment, expectRejection, firstEvent, log, poolEntry, rawRpc, roundFee,
} from './common.mjs';

const TIMEOUT = 30_000;
const viemVersion = createRequire(import.meta.url)('viem/package.json').version;
const env = environment();
const { abi, bytecode, solcVersion } = compileLedger();
const chain = defineChain({
  id: env.chainId,
  name: 'opal-dev',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: [env.rpcUrl], webSocket: [env.wsUrl] } },
});
const client = createPublicClient({ chain, transport: http(env.rpcUrl), pollingInterval: 200 });
const wsClient = createPublicClient({ chain, transport: webSocket(env.wsUrl) });
const a = privateKeyToAccount(env.keyA);
const b = privateKeyToAccount(env.keyB);
const walletA = createWalletClient({ account: a, chain, transport: http(env.rpcUrl) });
const walletB = createWalletClient({ account: b, chain, transport: http(env.rpcUrl) });
const wait = (hash) => client.waitForTransactionReceipt({ hash, timeout: TIMEOUT, pollingInterval: 200 });

check((await client.getChainId()) === env.chainId, 'eth_chainId differs from CHAIN_ID');

const heads = [];
const unwatchBlocks = wsClient.watchBlocks({ onBlock: (blk) => heads.push(blk), emitOnBegin: false });
const firstHead = firstEvent('a newHeads block', TIMEOUT, (cb) => {
  const poll = setInterval(() => heads.length > 0 && (clearInterval(poll), cb(heads[0])), 50);
});

const deployHash = await walletA.deployContract({ abi, bytecode, args: [1000n] });
const deployReceipt = await wait(deployHash);
check(deployReceipt.status === 'success', 'deployment reverted');
const address = deployReceipt.contractAddress;
check(address && (await client.getCode({ address }))?.length > 2, 'no code at the deployed address');
const read = (functionName, args = []) => client.readContract({ address, abi, functionName, args });
check((await read('total')) === 1000n, 'constructor argument not stored');
log(`deployed Ledger at ${address} in block ${deployReceipt.blockNumber}`);

const head = await firstHead;
check(head.number > 0n && head.hash?.startsWith('0x'), 'newHeads block without number/hash');
log(`newHeads over WebSocket: block ${head.number}`);

// A logs subscription for this contract, live before the records are sent.
const watched = [];
const unwatchEvents = wsClient.watchContractEvent({ address, abi, eventName: 'Recorded', onLogs: (ls) => watched.push(...ls) });
await new Promise((r) => setTimeout(r, 500));

const receipts = [];
for (const [amount, memo] of [[40n, 'alpha'], [60n, 'beta']]) {
  const { request } = await client.simulateContract({ account: a, address, abi, functionName: 'record', args: [amount, memo] });
  const rc = await wait(await walletA.writeContract(request));
  check(rc.status === 'success', `record(${amount}) reverted`);
  const [ev] = parseEventLogs({ abi, logs: rc.logs, eventName: 'Recorded' });
  check(ev && ev.args.writer === a.address && ev.args.amount === amount && ev.args.memo === memo, `receipt log of record(${amount})`);
  receipts.push(rc);
}
check((await read('entries')) === 2n && (await read('total')) === 1100n, 'entries/total after two records');
check((await read('average')) === 550n, 'average() is not 550');
check((await read('byWriter', [a.address])) === 100n, 'byWriter(A) is not 100');

const event = abi.find((x) => x.type === 'event' && x.name === 'Recorded');
const fromBlock = deployReceipt.blockNumber;
const byA = await client.getLogs({ address, event, args: { writer: a.address }, fromBlock });
check(byA.length === 2 && byA[1].args.memo === 'beta', `getLogs by writer A: ${byA.length}`);
const entry2 = await client.getLogs({ address, event, args: { entry: 2n }, fromBlock });
check(entry2.length === 1 && entry2[0].transactionHash === receipts[1].transactionHash, 'getLogs by entry 2');
const byB = await client.getLogs({ address, event, args: { writer: b.address }, fromBlock });
check(byB.length === 0, `getLogs by writer B: ${byB.length}`);

const deadline = Date.now() + TIMEOUT;
while (watched.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
const seen = watched.map((l) => l.transactionHash);
check(receipts.every((r) => seen.includes(r.transactionHash)), `logs subscription saw ${JSON.stringify(seen)}`);
log(`logs: receipts, getLogs with event args, ${watched.length} via subscription`);
unwatchEvents();
unwatchBlocks();

// Pool rules with account B, as signed raw transactions.
const base = (await client.getBlock()).baseFeePerGas;
const send = async (nonce, f, value = 1n) =>
  client.sendRawTransaction({
    serializedTransaction: await walletB.signTransaction({ to: a.address, value, nonce, gas: 21000n, type: 'eip1559', chainId: env.chainId, ...f }),
  });
const scaled = (f, pct) => ({
  maxFeePerGas: (f.maxFeePerGas * BigInt(100 + pct)) / 100n,
  maxPriorityFeePerGas: (f.maxPriorityFeePerGas * BigInt(100 + pct)) / 100n,
});
const fees = { maxPriorityFeePerGas: 1_000_000_000n, maxFeePerGas: roundFee(base * 2n + 1_000_000_000n) };
const n = await client.getTransactionCount({ address: b.address, blockTag: 'pending' });
const gapped = await send(n + 1, fees);
let content = await rawRpc(env.rpcUrl, 'txpool_content', []);
check(poolEntry(content, 'queued', b.address, n + 1)?.hash === gapped, 'nonce+1 is not queued');
const underpriced = await expectRejection('5% bump (queued)', 'replacement transaction underpriced', () => send(n + 1, scaled(fees, 5)));
const replacement = await send(n + 1, scaled(fees, 10), 2n);
content = await rawRpc(env.rpcUrl, 'txpool_content', []);
check(poolEntry(content, 'queued', b.address, n + 1)?.hash === replacement, 'the 10% bump did not replace the queued transaction');
const filler = await send(n, fees);
const [fillerRc, replacementRc] = [await wait(filler), await wait(replacement)];
check(fillerRc.status === 'success' && replacementRc.status === 'success', 'gap filler or replacement failed');
check(replacementRc.blockNumber >= fillerRc.blockNumber, 'replacement mined before the gap filler');
check((await client.getTransaction({ hash: gapped }).catch(() => null)) === null, 'the replaced queued transaction is still known');
log(`nonce gap + queued replacement ok (${replacement})`);

// Pending replacement, priced just below the base fee so the build job cannot take it first.
const stuckFee = ((base * 95n) / 100n / 10n) * 10n;
const stuck = { maxFeePerGas: stuckFee, maxPriorityFeePerGas: stuckFee };
const pn = n + 2;
const original = await send(pn, stuck);
content = await rawRpc(env.rpcUrl, 'txpool_content', []);
check(poolEntry(content, 'pending', b.address, pn)?.hash === original, 'the underpriced transaction is not pending');
await expectRejection('5% bump (pending)', 'replacement transaction underpriced', () => send(pn, scaled(stuck, 5)));
const replaced = await send(pn, scaled(stuck, 10), 3n);
check((await wait(replaced)).status === 'success', 'pending replacement failed');
check((await client.getTransaction({ hash: original }).catch(() => null)) === null, 'the replaced pending transaction is still known');
log(`pending replacement ok (${replaced})`);

console.log('RESULT ' + JSON.stringify({
  client: 'viem',
  version: viemVersion,
  solc: solcVersion,
  contract: address,
  deployBlock: Number(deployReceipt.blockNumber),
  newHead: Number(head.number),
  recordTxs: receipts.map((r) => r.transactionHash),
  subscribedLogs: watched.length,
  underpriced,
  queuedReplacement: replacement,
  replacedQueued: gapped,
  pendingReplacement: replaced,
}));
process.exit(0);
