package io.opal.execution.store;

import io.opal.execution.state.AccountState;
import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.rlp.RlpReader;
import io.opal.primitives.rlp.RlpWriter;
import java.util.Objects;
import org.apache.tuweni.units.bigints.UInt256;

/**
 * An account as the state trie commits to it: {@code rlp([nonce, balance, storageRoot, codeHash])}.
 * The flat {@code ACCOUNTS} column stores the "slim" form, where an empty storage root and the
 * empty code hash are written as empty strings (most accounts are plain EOAs, so this saves 64 of
 * about 100 bytes per entry).
 */
public record StoredAccount(long nonce, UInt256 balance, Hash storageRoot, Hash codeHash) {
  public StoredAccount {
    Objects.requireNonNull(balance, "balance");
    Objects.requireNonNull(storageRoot, "storageRoot");
    Objects.requireNonNull(codeHash, "codeHash");
  }

  public static StoredAccount of(AccountState state, Hash storageRoot) {
    return new StoredAccount(state.nonce(), state.balance(), storageRoot, state.codeHash());
  }

  public AccountState state() {
    return new AccountState(nonce, balance, codeHash);
  }

  public boolean hasStorage() {
    return !storageRoot.equals(Hash.EMPTY_TRIE);
  }

  /** The value of this account's leaf in the state trie. */
  public byte[] encodeForTrie() {
    return new RlpWriter(110)
        .startList()
        .writeLong(nonce)
        .writeUInt256(balance)
        .writeHash(storageRoot)
        .writeHash(codeHash)
        .endList()
        .toByteArray();
  }

  /** The flat-table form (see the class comment). */
  public byte[] encodeSlim() {
    RlpWriter w = new RlpWriter(110).startList().writeLong(nonce).writeUInt256(balance);
    if (hasStorage()) {
      w.writeHash(storageRoot);
    } else {
      w.writeEmptyString();
    }
    if (codeHash.equals(Hash.EMPTY)) {
      w.writeEmptyString();
    } else {
      w.writeHash(codeHash);
    }
    return w.endList().toByteArray();
  }

  /** Decodes a state-trie leaf value. */
  public static StoredAccount decodeTrieValue(byte[] rlp) {
    RlpReader top = RlpReader.of(rlp);
    RlpReader f = top.enterList();
    StoredAccount a =
        new StoredAccount(
            f.readLong("nonce"), f.readUInt256("balance"), f.readHash(), f.readHash());
    f.finish();
    top.finish();
    return a;
  }

  /** Decodes {@link #encodeSlim()}'s form. */
  public static StoredAccount decodeSlim(byte[] rlp) {
    RlpReader top = RlpReader.of(rlp);
    RlpReader f = top.enterList();
    long nonce = f.readLong("nonce");
    UInt256 balance = f.readUInt256("balance");
    Hash storageRoot = readOptionalHash(f, Hash.EMPTY_TRIE);
    Hash codeHash = readOptionalHash(f, Hash.EMPTY);
    f.finish();
    top.finish();
    return new StoredAccount(nonce, balance, storageRoot, codeHash);
  }

  private static Hash readOptionalHash(RlpReader f, Hash whenEmpty) {
    int at = f.position();
    byte[] b = f.readBytes();
    if (b.length == 0) {
      return whenEmpty;
    }
    if (b.length != 32) {
      throw new DecodingException(at, "a slim account hash has 0 or 32 bytes, got " + b.length);
    }
    return Hash.wrap(b);
  }
}
