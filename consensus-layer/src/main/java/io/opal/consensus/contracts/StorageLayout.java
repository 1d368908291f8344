package io.opal.consensus.contracts;

import io.opal.execution.state.Word256;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;

/**
 * Where a contract keeps its state variables, as solc's {@code storageLayout} output says: the
 * slot, the byte offset inside the slot (counted from the low-order end, as solc packs) and the
 * size.
 */
public record StorageLayout(Map<String, Variable> variables) {

  public StorageLayout {
    variables = Map.copyOf(variables);
  }

  /** One state variable: slot, offset in bytes from the right and size in bytes. */
  public record Variable(String label, BigInteger slot, int offset, int size, String type) {}

  public Optional<Variable> find(String label) {
    return Optional.ofNullable(variables.get(label));
  }

  public Variable variable(String label) {
    Variable v = variables.get(label);
    if (v == null) {
      throw new IllegalArgumentException("no state variable '" + label + "' in this layout");
    }
    return v;
  }

  /** The slot key of a variable. */
  public Word256 slot(String label) {
    return word(variable(label).slot());
  }

  /**
   * {@code current} with {@code value} written into the bytes a variable occupies (the other
   * variables packed into the same slot keep their values).
   */
  public Word256 pack(String label, Word256 current, BigInteger value) {
    Variable v = variable(label);
    int bits = v.size() * 8;
    if (value.signum() < 0 || value.bitLength() > bits) {
      throw new IllegalArgumentException(value + " does not fit " + label + " (" + v.type() + ")");
    }
    BigInteger mask =
        BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftLeft(v.offset() * 8);
    BigInteger word =
        current.toUInt256().toBigInteger().andNot(mask).or(value.shiftLeft(v.offset() * 8));
    return word(word);
  }

  static Word256 word(BigInteger v) {
    return Word256.fromUInt256(org.apache.tuweni.units.bigints.UInt256.valueOf(v));
  }
}
