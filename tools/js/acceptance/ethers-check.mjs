// ethers v6 against a running Opal dev node: deploy a solc-compiled contract, call it, read its
// logs (receipt, getLogs with topic filters, a logs subscription), receive newHeads over
// WebSocket, and check the pool's replacement and nonce-gap rules from the client side.
// Exits 1 with "CHECK FAILED: ..." on the first failed check; prints "RESULT {json}" last.
import { ethers } from 'ethers';
import {
  check, compileLedger, environment, expectRejection, firstEvent, log, poolEntry, rawRpc, roundFee,
} from './common.mjs';

const TIMEOUT = 30_000;
const env = environment();
const { abi, bytecode, solcVersion } = compileLedger();
log(`compiled Ledger with solc ${solcVersion}`);

const http = new ethers.JsonRpcProvider(env.rpcUrl, env.chainId, { staticNetwork: true, pollingInterval: 200 });
const ws = new ethers.WebSocketProvider(env.wsUrl, env.chainId, { staticNetwork: true });
const walletA = new ethers.Wallet(env.keyA, http);
const walletB = new ethers.Wallet(env.keyB, http);
const iface = new ethers.Interface(abi);
const recordedTopic = iface.getEvent('Recorded').topicHash;

check((await http.getNetwork()).chainId === BigInt(env.chainId), 'eth_chainId differs from CHAIN_ID');

// Subscriptions first, so they are live well before the transactions they should see are mined.
const firstHead = firstEvent('a newHeads notification', TIMEOUT, (cb) => ws.on('block', cb));
const subscribedLogs = [];
await ws.on({ topics: [recordedTopic] }, (entry) => subscribedLogs.push(entry));

// Deploy.
const factory = new ethers.ContractFactory(abi, bytecode, walletA);
const ledger = await factory.deploy(1000n);
const deployReceipt = await ledger.deploymentTransaction().wait(1, TIMEOUT);
check(deployReceipt.status === 1, 'deployment reverted');
const address = await ledger.getAddress();
check(deployReceipt.contractAddress === address, 'receipt contractAddress differs from the deployed address');
check((await http.getCode(address)).length > 2, 'no code at the deployed address');
check((await ledger.total()) === 1000n, 'constructor argument not stored');
check((await ledger.average()) === 0n, 'average() of an empty ledger is not 0');
log(`deployed Ledger at ${address} in block ${deployReceipt.blockNumber}`);

const headNumber = await firstHead;
check(typeof headNumber === 'number' && headNumber > 0, `newHeads gave ${headNumber}`);
log(`newHeads over WebSocket: block ${headNumber}`);

// State-changing calls, their receipt logs and the views that reflect them.
const receipts = [];
for (const [amount, memo] of [[250n, 'first'], [750n, 'second']]) {
  const tx = await ledger.record(amount, memo);
  const rc = await tx.wait(1, TIMEOUT);
  check(rc.status === 1, `record(${amount}) reverted`);
  check(rc.logs.length === 1, `record(${amount}) receipt has ${rc.logs.length} logs`);
  const parsed = iface.parseLog(rc.logs[0]);
  check(parsed.name === 'Recorded', 'receipt log is not Recorded');
  check(parsed.args.writer === walletA.address, 'Recorded.writer is not the sender');
  check(parsed.args.amount === amount && parsed.args.memo === memo, 'Recorded carries wrong values');
  receipts.push(rc);
}
check((await ledger.entries()) === 2n, 'entries() is not 2');
check((await ledger.total()) === 2000n, 'total() is not 2000');
check((await ledger.average()) === 1000n, 'average() is not 1000');
check((await ledger.byWriter(walletA.address)) === 1000n, 'byWriter(A) is not 1000');
check((await ledger.byWriter(walletB.address)) === 0n, 'byWriter(B) is not 0');

// eth_getLogs with topic filters.
const from = deployReceipt.blockNumber;
const pad = (v) => ethers.zeroPadValue(ethers.toBeHex(v), 32);
const byA = await http.getLogs({ address, fromBlock: from, toBlock: 'latest', topics: [recordedTopic, pad(walletA.address)] });
check(byA.length === 2, `getLogs by writer A: ${byA.length} logs, expected 2`);
const second = await http.getLogs({ address, fromBlock: from, toBlock: 'latest', topics: [recordedTopic, null, pad(2)] });
check(second.length === 1 && second[0].transactionHash === receipts[1].hash, 'getLogs by entry 2 is not the second record');
const eitherEntry = await http.getLogs({ address, fromBlock: from, toBlock: 'latest', topics: [null, null, [pad(1), pad(2)]] });
check(eitherEntry.length === 2, `getLogs with an OR topic: ${eitherEntry.length} logs, expected 2`);
const byB = await http.getLogs({ address, fromBlock: from, toBlock: 'latest', topics: [recordedTopic, pad(walletB.address)] });
check(byB.length === 0, `getLogs by writer B: ${byB.length} logs, expected 0`);
const viaContract = await ledger.queryFilter(ledger.filters.Recorded(walletA.address), from);
check(viaContract.length === 2 && viaContract[0].args.memo === 'first', 'queryFilter did not return both records');

// The logs subscription (opened before the deployment) saw both records.
const deadline = Date.now() + TIMEOUT;
while (subscribedLogs.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
const seen = subscribedLogs.map((l) => l.transactionHash);
check(seen.includes(receipts[0].hash) && seen.includes(receipts[1].hash), `logs subscription saw ${JSON.stringify(seen)}`);
log(`logs: 2 in receipts, getLogs filters ok, ${subscribedLogs.length} via subscription`);

// Pool rules from the client side, with account B.
const base = (await http.getBlock('latest')).baseFeePerGas;
const tip = 1_000_000_000n;
const fees = { maxPriorityFeePerGas: tip, maxFeePerGas: roundFee(base * 2n + tip) };
const bumped = (pct) => ({
  maxPriorityFeePerGas: (fees.maxPriorityFeePerGas * BigInt(100 + pct)) / 100n,
  maxFeePerGas: (fees.maxFeePerGas * BigInt(100 + pct)) / 100n,
});
const transfer = (nonce, f, value = 1n) =>
  walletB.sendTransaction({ to: walletA.address, value, nonce, gasLimit: 21000n, type: 2, chainId: env.chainId, ...f });

// Nonce gap: nonce+1 first stays queued; a 5% bump is refused, a 10% bump replaces it; filling
// the gap mines the replacement, never the original.
const n = await http.getTransactionCount(walletB.address, 'pending');
const gapped = await transfer(n + 1, fees);
let content = await rawRpc(env.rpcUrl, 'txpool_content', []);
check(poolEntry(content, 'queued', walletB.address, n + 1)?.hash === gapped.hash, 'nonce+1 is not queued in txpool_content');
check(poolEntry(content, 'pending', walletB.address, n + 1) === undefined, 'nonce+1 is pending despite the gap');
const underpriced = await expectRejection('5% bump of a queued transaction', 'replacement transaction underpriced', () => transfer(n + 1, bumped(5)));
const replacement = await transfer(n + 1, bumped(10), 2n);
content = await rawRpc(env.rpcUrl, 'txpool_content', []);
check(poolEntry(content, 'queued', walletB.address, n + 1)?.hash === replacement.hash, 'the 10% bump did not replace the queued transaction');
const waitFrom = await http.getBlockNumber();
while ((await http.getBlockNumber()) < waitFrom + 2) await new Promise((r) => setTimeout(r, 200));
check((await http.getTransactionReceipt(replacement.hash)) === null, 'a transaction behind a nonce gap was mined');
const filler = await transfer(n, fees);
const fillerReceipt = await filler.wait(1, TIMEOUT);
const replacementReceipt = await http.waitForTransaction(replacement.hash, 1, TIMEOUT);
check(fillerReceipt.status === 1 && replacementReceipt.status === 1, 'gap filler or replacement failed');
check(replacementReceipt.blockNumber >= fillerReceipt.blockNumber, 'replacement mined before the gap filler');
check((await http.getTransaction(gapped.hash)) === null, 'the replaced queued transaction is still known');
check((await http.getTransactionReceipt(gapped.hash)) === null, 'the replaced queued transaction was mined');
log(`nonce gap + queued replacement ok (${replacement.hash} mined in block ${replacementReceipt.blockNumber})`);

// Replacement of a pending transaction. The dev node's build job takes executable transactions
// from the pool as they arrive, so the original is priced just below the base fee: pending in the
// pool (right nonce) but not includable, which leaves time to replace it deterministically.
const head = await http.getBlock('latest');
const stuckFee = ((head.baseFeePerGas * 95n) / 100n / 10n) * 10n;
const stuck = { maxFeePerGas: stuckFee, maxPriorityFeePerGas: stuckFee };
const scaled = (f, pct) => ({
  maxFeePerGas: (f.maxFeePerGas * BigInt(100 + pct)) / 100n,
  maxPriorityFeePerGas: (f.maxPriorityFeePerGas * BigInt(100 + pct)) / 100n,
});
const pn = await http.getTransactionCount(walletB.address, 'pending');
const original = await transfer(pn, stuck);
content = await rawRpc(env.rpcUrl, 'txpool_content', []);
check(poolEntry(content, 'pending', walletB.address, pn)?.hash === original.hash, 'the underpriced transaction is not pending');
const heldFrom = await http.getBlockNumber();
while ((await http.getBlockNumber()) < heldFrom + 1) await new Promise((r) => setTimeout(r, 200));
check((await http.getTransactionReceipt(original.hash)) === null, 'a transaction below the base fee was mined');
await expectRejection('5% bump of a pending transaction', 'replacement transaction underpriced', () => transfer(pn, scaled(stuck, 5)));
const replaced = await transfer(pn, scaled(stuck, 10), 3n);
const replacedReceipt = await replaced.wait(1, TIMEOUT);
check(replacedReceipt.status === 1, 'pending replacement failed');
check((await http.getTransaction(original.hash)) === null, 'the replaced pending transaction is still known');
const pendingReplacement = replaced.hash;
log(`pending replacement ok (${pendingReplacement})`);

await ws.destroy();
http.destroy();
console.log('RESULT ' + JSON.stringify({
  client: 'ethers',
  version: ethers.version,
  solc: solcVersion,
  contract: address,
  deployBlock: deployReceipt.blockNumber,
  newHead: headNumber,
  recordTxs: receipts.map((r) => r.hash),
  subscribedLogs: subscribedLogs.length,
  underpriced,
  queuedReplacement: replacement.hash,
  replacedQueued: gapped.hash,
  pendingReplacement,
}));
process.exit(0);
