package io.opal.execution.l1chain;

import io.opal.execution.state.AccountState;
import io.opal.execution.state.AccountUpdate;
import io.opal.execution.store.BlockState;
import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import io.opal.primitives.block.Block;
import io.opal.primitives.block.BlockBody;
import io.opal.primitives.block.BlockHeader;
import io.opal.primitives.block.Bloom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;

/**
 * Block 0 of the L1 dev chain: the prefunded accounts and system contracts, and a Prague header
 * (empty withdrawals, zero blob gas, zero parent beacon root, empty requests hash).
 *
 * @param state its state, ready for {@code ChainDatabase.writeGenesis}
 */
public record L1Genesis(Block block, BlockState state) {

  public static L1Genesis build(L1GenesisConfig config) {
    BlockState state = BlockState.empty();
    List<AccountUpdate> updates = new ArrayList<>();
    for (Map.Entry<Address, org.apache.tuweni.units.bigints.UInt256> e :
        config.prefunds().entrySet()) {
      updates.add(
          new AccountUpdate.Updated(
              e.getKey(),
              new AccountState(0, e.getValue(), Hash.EMPTY),
              Optional.empty(),
              false,
              Map.of()));
    }
    state.apply(updates);
    L1SystemContracts.deploy(state, config.chainId());
    BlockHeader header =
        BlockHeader.builder()
            .parentHash(Hash.ZERO)
            .ommersHash(Hash.EMPTY_LIST)
            .beneficiary(Address.ZERO)
            .stateRoot(state.stateRoot())
            .transactionsRoot(Hash.EMPTY_TRIE)
            .receiptsRoot(Hash.EMPTY_TRIE)
            .logsBloom(Bloom.EMPTY)
            .number(0)
            .gasLimit(config.gasLimit())
            .gasUsed(0)
            .timestamp(config.timestamp())
            .extraData(Bytes.EMPTY)
            .mixHash(Hash.ZERO)
            .baseFeePerGas(config.baseFee())
            .withdrawalsRoot(Hash.EMPTY_TRIE)
            .blobGasUsed(0)
            .excessBlobGas(0)
            .parentBeaconBlockRoot(Hash.ZERO)
            .requestsHash(L1Rules.EMPTY_REQUESTS_HASH)
            .build();
    return new L1Genesis(
        new Block(header, new BlockBody(List.of(), List.of(), Optional.of(List.of()))), state);
  }
}
