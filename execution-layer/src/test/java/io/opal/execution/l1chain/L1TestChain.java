package io.opal.execution.l1chain;

import io.opal.primitives.Address;
import io.opal.primitives.crypto.DevAccounts;
import io.opal.primitives.tx.DynamicFeeTransaction;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.primitives.tx.TransactionSigner;
import io.opal.storage.KeyValueStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * An L1 dev chain for tests (here and, through the test-jar, in rpc): chain 900 on Prague with
 * {@link #ALICE} holding 1,000 ETH, safe 2 and finalized 8 blocks behind; and signed transfers from
 * Alice to {@link #BOB}.
 */
public final class L1TestChain {
  public static final long CHAIN_ID = 900;
  public static final DevAccounts.DevAccount ALICE = DevAccounts.standard(1).get(0);
  public static final Address BOB = Address.fromHex("0x000000000000000000000000000000000000b0b0");

  private L1TestChain() {}

  /** Opens (or, on an empty store, creates) the chain with the given genesis time and gas limit. */
  public static L1Chain open(KeyValueStore store, long genesisTime, long gasLimit) {
    L1GenesisConfig config =
        new L1GenesisConfig(
            CHAIN_ID,
            genesisTime,
            gasLimit,
            L1GenesisConfig.INITIAL_BASE_FEE,
            Map.of(ALICE.address(), UInt256.valueOf(10).pow(UInt256.valueOf(21))));
    return L1Chain.open(store, L1Rules.prague(CHAIN_ID), () -> L1Genesis.build(config), 2, 8);
  }

  /** Alice's signed transfer of 12,345 wei to Bob at {@code nonce} (1 gwei tip, 10 gwei cap). */
  public static Bytes transfer(long nonce) {
    DynamicFeeTransaction tx =
        new DynamicFeeTransaction(
            CHAIN_ID,
            nonce,
            UInt256.valueOf(1_000_000_000L),
            UInt256.valueOf(10_000_000_000L),
            21_000,
            Optional.of(BOB),
            UInt256.valueOf(12345),
            Bytes.EMPTY,
            List.of(),
            0,
            UInt256.ZERO,
            UInt256.ZERO);
    return Bytes.wrap(
        TransactionCodec.encode(TransactionSigner.sign(tx, ALICE.privateKey().toArray())));
  }
}
