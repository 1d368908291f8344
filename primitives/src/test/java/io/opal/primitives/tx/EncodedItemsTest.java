package io.opal.primitives.tx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opal.primitives.block.BlockBody;
import io.opal.primitives.block.Bloom;
import io.opal.primitives.block.DepositReceipt;
import io.opal.primitives.block.EncodedItems;
import io.opal.primitives.block.EthereumReceipt;
import io.opal.primitives.block.Receipt;
import io.opal.primitives.rlp.RlpWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * A block's items encoded one by one from the transactions' envelopes, as a builder collects them,
 * give exactly the body and receipts encodings of the whole block: every transaction type (legacy
 * ones sit in a body as lists, typed ones as strings) and both receipt kinds.
 */
class EncodedItemsTest {

  @Test
  void itemsFromEnvelopesEncodeTheSameBodyAndReceipts() {
    List<Transaction> txs = SampleTransactions.all();
    List<Receipt> receipts = new ArrayList<>();
    EncodedItems.Builder builder = new EncodedItems.Builder();
    long cumulative = 0;
    for (Transaction tx : txs) {
      cumulative += 21_000;
      Receipt r =
          tx instanceof DepositTransaction
              ? new DepositReceipt(
                  true, cumulative, Bloom.EMPTY, List.of(), OptionalLong.of(3), OptionalLong.of(1))
              : EthereumReceipt.of(tx.type(), cumulative % 2 == 0, cumulative, List.of());
      receipts.add(r);
      builder.add(TransactionCodec.encode(tx), r);
    }
    EncodedItems items = builder.build();
    assertEquals(txs.size(), items.count());

    for (Optional<List<io.opal.primitives.block.Withdrawal>> withdrawals :
        List.<Optional<List<io.opal.primitives.block.Withdrawal>>>of(
            Optional.empty(), Optional.of(List.of()))) {
      BlockBody body = new BlockBody(txs, List.of(), withdrawals);
      assertArrayEquals(body.encode(), body.encode(items));
      assertEquals(txs, BlockBody.decode(body.encode(items)).transactions());
    }

    RlpWriter stored = new RlpWriter();
    stored.startList();
    receipts.forEach(r -> r.writeTo(stored));
    stored.endList();
    RlpWriter fromItems = new RlpWriter();
    fromItems.startList().writeRaw(items.receiptItems()).endList();
    assertArrayEquals(stored.toByteArray(), fromItems.toByteArray());
  }

  @Test
  void itemsOfAnotherBlockAreRefused() {
    EncodedItems one =
        new EncodedItems.Builder()
            .add(
                TransactionCodec.encode(SampleTransactions.dynamicFee()),
                EthereumReceipt.of(TxType.DYNAMIC_FEE, true, 21_000, List.of()))
            .build();
    BlockBody two =
        new BlockBody(
            List.of(SampleTransactions.dynamicFee(), SampleTransactions.accessList()),
            List.of(),
            Optional.empty());
    assertThrows(IllegalArgumentException.class, () -> two.encode(one));
    assertThrows(
        IllegalArgumentException.class, () -> new EncodedItems.Builder().add(new byte[0], null));
  }
}
