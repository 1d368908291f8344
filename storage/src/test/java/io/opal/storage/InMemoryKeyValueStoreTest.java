package io.opal.storage;

class InMemoryKeyValueStoreTest extends KeyValueStoreContractTest {
  @Override
  protected KeyValueStore newStore() {
    return InMemoryKeyValueStore.create();
  }
}
