package io.opal.consensus.l1.abi;

import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;

/** Small ABI helpers: event topics and revert reasons. */
public final class Abi {
  private static final AbiFunction ERROR = AbiFunction.parse("Error(string)");
  private static final AbiFunction PANIC = AbiFunction.parse("Panic(uint256)");

  private Abi() {}

  /**
   * Topic 0 of an event: keccak256 of its canonical signature, e.g. {@code
   * Transfer(address,address,uint256)}.
   */
  public static Hash eventTopic(String signature) {
    return Hash.keccak(signature.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * A readable reason from revert data: the message of {@code Error(string)}, the code of {@code
   * Panic(uint256)}, or the raw bytes of a custom error; empty for no data.
   */
  public static Optional<String> revertReason(Bytes revertData) {
    if (revertData.isEmpty()) {
      return Optional.empty();
    }
    try {
      if (revertData.size() >= 4 && revertData.slice(0, 4).equals(ERROR.selector())) {
        List<Object> v = AbiCodec.decode(ERROR.inputs(), revertData.slice(4));
        return Optional.of((String) v.getFirst());
      }
      if (revertData.size() >= 4 && revertData.slice(0, 4).equals(PANIC.selector())) {
        List<Object> v = AbiCodec.decode(PANIC.inputs(), revertData.slice(4));
        return Optional.of("panic 0x" + ((BigInteger) v.getFirst()).toString(16));
      }
    } catch (DecodingException e) {
      // Not the standard shape after all: fall through to the raw bytes.
    }
    return Optional.of("custom error " + revertData.toHexString());
  }
}
