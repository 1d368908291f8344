package io.opal.rpc.eth;

import io.opal.rpc.CallExecutor;
import io.opal.rpc.ChainReader;
import io.opal.rpc.FeeMarket;
import io.opal.rpc.PoolReader;
import io.opal.rpc.StateReader;
import io.opal.rpc.TransactionSubmitter;
import java.util.Objects;

/** The node components the eth_ and txpool_ methods call, wired by the app. */
public record EthBackend(
    ChainReader chain,
    StateReader state,
    CallExecutor calls,
    TransactionSubmitter submitter,
    PoolReader pool,
    FeeMarket fees) {
  public EthBackend {
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(calls, "calls");
    Objects.requireNonNull(submitter, "submitter");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(fees, "fees");
  }
}
