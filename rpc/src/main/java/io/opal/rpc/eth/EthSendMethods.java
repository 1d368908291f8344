package io.opal.rpc.eth;

import io.opal.primitives.DecodingException;
import io.opal.primitives.Hash;
import io.opal.primitives.tx.LegacyTransaction;
import io.opal.primitives.tx.Transaction;
import io.opal.primitives.tx.TransactionCodec;
import io.opal.primitives.tx.TxType;
import io.opal.rpc.RpcException;
import io.opal.rpc.RpcMethodRegistry;
import io.opal.rpc.RpcParams;
import io.opal.rpc.TransactionSubmitter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;

/**
 * eth_sendRawTransaction: decode the envelope, apply geth's RPC-level checks (the fee cap {@code
 * --rpc.txfeecap}, replay protection unless allowed), hand it to the pool and answer its hash. The
 * pool's refusals come back as -32000 with its message.
 */
final class EthSendMethods {
  private static final BigDecimal ETHER = new BigDecimal("1000000000000000000");

  private final TransactionSubmitter submitter;
  private final EthConfig config;

  EthSendMethods(TransactionSubmitter submitter, EthConfig config) {
    this.submitter = submitter;
    this.config = config;
  }

  void register(RpcMethodRegistry r) {
    r.register("eth_sendRawTransaction", 1, this::sendRaw);
  }

  private Object sendRaw(RpcParams p) throws RpcException {
    Bytes raw = p.data(0);
    Transaction tx;
    try {
      tx = TransactionCodec.decode(raw);
    } catch (DecodingException e) {
      throw RpcException.serverError(e.getMessage());
    }
    checkFee(tx);
    if (!config.allowUnprotectedTxs()
        && tx instanceof LegacyTransaction l
        && !l.isReplayProtected()) {
      throw RpcException.serverError(
          "only replay-protected (EIP-155) transactions allowed over RPC");
    }
    Optional<String> refusal = submitter.submit(tx, raw);
    if (refusal.isPresent()) {
      throw RpcException.serverError(refusal.get());
    }
    // The strict decoder accepts only the canonical encoding, so the hash is that of the bytes
    // received (no re-encoding); a blob transaction's network form also carries its sidecar.
    return tx.type() == TxType.BLOB ? tx.hash() : Hash.keccak(raw.toArrayUnsafe());
  }

  /** geth's {@code checkTxFee}: gas × fee cap must not exceed the configured cap. */
  private void checkFee(Transaction tx) throws RpcException {
    if (config.txFeeCap().isZero()) {
      return;
    }
    BigInteger fee =
        tx.maxFeePerGas()
            .toUnsignedBigInteger()
            .multiply(new BigInteger(Long.toUnsignedString(tx.gasLimit())));
    BigInteger cap = config.txFeeCap().toUnsignedBigInteger();
    if (fee.compareTo(cap) > 0) {
      throw RpcException.serverError(
          String.format(
              "tx fee (%s ether) exceeds the configured cap (%s ether)", ether(fee), ether(cap)));
    }
  }

  private static String ether(BigInteger wei) {
    return new BigDecimal(wei).divide(ETHER, 2, RoundingMode.HALF_EVEN).toPlainString();
  }
}
