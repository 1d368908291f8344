package io.opal.primitives.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opal.primitives.fork.EvmFork;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/** Expected values are worked out by hand from the EIPs' constants. */
class IntrinsicGasTest {
  // 3 zero bytes and 5 non-zero bytes
  private static final Bytes DATA = Bytes.fromHexString("0x0001020300ff0f00");

  @Test
  void calldataPricesChangeAtIstanbul() {
    DynamicFeeTransaction tx = SampleTransactions.dynamicFee(30_000, DATA);
    assertEquals(21_000 + 5 * 68 + 3 * 4, IntrinsicGas.of(tx, EvmFork.PETERSBURG));
    assertEquals(21_000 + 5 * 16 + 3 * 4, IntrinsicGas.of(tx, EvmFork.ISTANBUL));
    assertEquals(21_000 + 5 * 16 + 3 * 4, IntrinsicGas.of(tx, EvmFork.PRAGUE));
  }

  @Test
  void contractCreationFromHomesteadAndInitcodeWordsFromShanghai() {
    LegacyTransaction create = SampleTransactions.legacyCreation(); // 5 bytes: 60 00 60 00 55
    assertEquals(21_000 + 3 * 68 + 2 * 4, IntrinsicGas.of(create, EvmFork.FRONTIER));
    assertEquals(53_000 + 3 * 68 + 2 * 4, IntrinsicGas.of(create, EvmFork.HOMESTEAD));
    assertEquals(53_000 + 3 * 16 + 2 * 4, IntrinsicGas.of(create, EvmFork.PARIS));
    assertEquals(53_000 + 3 * 16 + 2 * 4 + 2, IntrinsicGas.of(create, EvmFork.SHANGHAI));
  }

  @Test
  void accessListsAndAuthorizations() {
    // SampleTransactions.ACCESS_LIST: two addresses, two storage keys
    AccessListTransaction tx = SampleTransactions.accessList();
    long data = 7 * 16 + 4; // 0x00010203a9059cbb
    assertEquals(21_000 + data + 2 * 2_400 + 2 * 1_900, IntrinsicGas.of(tx, EvmFork.BERLIN));
    SetCodeTransaction setCode =
        SampleTransactions.setCode(
            List.of(SampleTransactions.authorization(0), SampleTransactions.authorization(1)));
    assertEquals(21_000 + 2 * 25_000, IntrinsicGas.of(setCode, EvmFork.PRAGUE));
  }

  @Test
  void depositsAreMeteredLikeOtherTransactions() {
    DepositTransaction call = SampleTransactions.deposit(Optional.of(SampleTransactions.TO));
    assertEquals(21_000 + 7 * 16 + 4, IntrinsicGas.of(call, EvmFork.CANCUN));
    DepositTransaction create = SampleTransactions.deposit(Optional.empty());
    assertEquals(53_000 + 7 * 16 + 4 + 2, IntrinsicGas.of(create, EvmFork.CANCUN));
  }

  @Test
  void eip7623Floor() {
    DynamicFeeTransaction tx = SampleTransactions.dynamicFee(30_000, DATA);
    assertEquals(3 + 5 * 4, IntrinsicGas.calldataTokens(DATA));
    assertEquals(21_000 + 10 * 23, IntrinsicGas.floorDataGas(tx));
    // here the floor (21230) is above the intrinsic gas (21092) only from Prague on
    assertEquals(21_000 + 5 * 16 + 3 * 4, IntrinsicGas.minimumGasLimit(tx, EvmFork.CANCUN));
    assertEquals(21_230, IntrinsicGas.minimumGasLimit(tx, EvmFork.PRAGUE));
    DynamicFeeTransaction empty = SampleTransactions.dynamicFee(30_000, Bytes.EMPTY);
    assertEquals(21_000, IntrinsicGas.minimumGasLimit(empty, EvmFork.PRAGUE));
  }
}
