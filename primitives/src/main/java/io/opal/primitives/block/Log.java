package io.opal.primitives.block;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.rlp.RlpReader;
import io.opal.primitives.rlp.RlpWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;

/** An event emitted by LOG0..LOG4: {@code rlp([address, [topic...], data])}. */
public record Log(Address address, List<Hash> topics, Bytes data) {
  public Log {
    topics = List.copyOf(topics);
  }

  public void writeTo(RlpWriter w) {
    w.startList().writeAddress(address).startList();
    for (Hash topic : topics) {
      w.writeHash(topic);
    }
    w.endList().writeBytes(data).endList();
  }

  public static Log readFrom(RlpReader r) {
    RlpReader fields = r.enterList();
    Address address = fields.readAddress();
    RlpReader topicList = fields.enterList();
    List<Hash> topics = new ArrayList<>(4);
    while (topicList.hasNext()) {
      topics.add(topicList.readHash());
    }
    Bytes data = fields.readBytesValue();
    fields.finish();
    return new Log(address, topics, data);
  }

  /** {@code rlp([log...])}. */
  public static void writeList(RlpWriter w, List<Log> logs) {
    w.startList();
    for (Log log : logs) {
      log.writeTo(w);
    }
    w.endList();
  }

  public static List<Log> readList(RlpReader r) {
    RlpReader list = r.enterList();
    List<Log> logs = new ArrayList<>();
    while (list.hasNext()) {
      logs.add(readFrom(list));
    }
    return logs;
  }

  /** keccak256(rlp(logs)): the "logs" hash state tests compare after a transaction. */
  public static Hash logsHash(List<Log> logs) {
    RlpWriter w = new RlpWriter();
    writeList(w, logs);
    return Hash.keccak(w.toByteArray());
  }
}
