package io.opal.primitives.block;

import io.opal.primitives.rlp.RlpWriter;

/**
 * A block's transactions as its body lists them and its receipts as a chain database stores them
 * ({@link Receipt#writeTo}), each item encoded when the builder included its transaction, from the
 * envelope it already had, so that storing the sealed block copies bytes instead of encoding every
 * transaction and receipt again on the sealing path.
 *
 * @param transactionItems the body's transaction items, concatenated (no enclosing list)
 * @param receiptItems the receipts' items, concatenated
 * @param count how many transactions (and receipts) the items hold
 */
public record EncodedItems(byte[] transactionItems, byte[] receiptItems, int count) {

  /** Collects the items of one block in order; not thread-safe. */
  public static final class Builder {
    private final RlpWriter transactions = new RlpWriter(4096);
    private final RlpWriter receipts = new RlpWriter(8192);
    private int count;

    /**
     * Adds a transaction by its envelope (the canonical encoding its hash is taken over) and its
     * receipt.
     */
    public Builder add(byte[] envelope, Receipt receipt) {
      if (envelope.length == 0) {
        throw new IllegalArgumentException("an empty transaction envelope");
      }
      // A legacy transaction is an RLP list and sits in the body as one; a typed one is an
      // opaque string there (EIP-2718).
      if ((envelope[0] & 0xff) >= 0xc0) {
        transactions.writeRaw(envelope);
      } else {
        transactions.writeBytes(envelope);
      }
      receipt.writeTo(receipts);
      count++;
      return this;
    }

    public EncodedItems build() {
      return new EncodedItems(transactions.toByteArray(), receipts.toByteArray(), count);
    }
  }
}
