package io.opal.rpc.eth;

import com.fasterxml.jackson.core.JsonGenerator;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Log;
import io.opal.rpc.JsonWritable;
import io.opal.rpc.RpcHex;
import java.io.IOException;

/**
 * A log as eth_getLogs, receipts and {@code logs} subscriptions return it: the log and where it was
 * emitted. {@code logIndex} counts the block's logs across its transactions; {@code removed} marks
 * a log undone by a reorg of the unsafe chain. Field order is geth's.
 */
public record RpcLog(
    Log log,
    Hash blockHash,
    long blockNumber,
    long blockTimestamp,
    Hash transactionHash,
    int transactionIndex,
    long logIndex,
    boolean removed)
    implements JsonWritable {

  /** The same log, marked as removed by a reorg. */
  public RpcLog asRemoved() {
    return new RpcLog(
        log,
        blockHash,
        blockNumber,
        blockTimestamp,
        transactionHash,
        transactionIndex,
        logIndex,
        true);
  }

  @Override
  public void writeJson(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("address", RpcHex.data(log.address().toArray()));
    g.writeArrayFieldStart("topics");
    for (Hash t : log.topics()) {
      g.writeString(RpcHex.data(t.toArray()));
    }
    g.writeEndArray();
    g.writeStringField("data", RpcHex.data(log.data()));
    g.writeStringField("blockNumber", RpcHex.quantity(blockNumber));
    g.writeStringField("transactionHash", RpcHex.data(transactionHash.toArray()));
    g.writeStringField("transactionIndex", RpcHex.quantity(transactionIndex));
    g.writeStringField("blockHash", RpcHex.data(blockHash.toArray()));
    g.writeStringField("blockTimestamp", RpcHex.quantity(blockTimestamp));
    g.writeStringField("logIndex", RpcHex.quantity(logIndex));
    g.writeBooleanField("removed", removed);
    g.writeEndObject();
  }
}
