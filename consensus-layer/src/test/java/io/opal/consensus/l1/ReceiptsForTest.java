package io.opal.consensus.l1;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.EthereumReceipt;
import io.opal.primitives.block.Log;
import io.opal.primitives.tx.TxType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.tuweni.units.bigints.UInt256;

/** Receipts made up for decoder tests (the client's own receipts come from real nodes). */
final class ReceiptsForTest {
  private ReceiptsForTest() {}

  /**
   * A receipt in {@code block} at {@code txIndex} whose logs are numbered from {@code
   * firstLogIndex}.
   */
  static L1Receipt receipt(
      Hash block, int txIndex, boolean success, List<Log> logs, long firstLogIndex) {
    Hash txHash = Hash.keccak(new byte[] {(byte) txIndex});
    List<L1Log> positioned = new ArrayList<>();
    for (int i = 0; i < logs.size(); i++) {
      positioned.add(new L1Log(logs.get(i), block, 100, txHash, txIndex, firstLogIndex + i, false));
    }
    return new L1Receipt(
        EthereumReceipt.of(TxType.DYNAMIC_FEE, success, 21000L * (txIndex + 1), logs),
        txHash,
        txIndex,
        block,
        100,
        Address.ZERO,
        Optional.of(Address.ZERO),
        Optional.empty(),
        21000,
        UInt256.ONE,
        OptionalLong.empty(),
        Optional.empty(),
        positioned);
  }
}
