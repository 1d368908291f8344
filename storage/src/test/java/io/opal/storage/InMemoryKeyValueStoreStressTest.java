package io.opal.storage;

class InMemoryKeyValueStoreStressTest extends KeyValueStoreStressTest {
  @Override
  protected KeyValueStore newStore() {
    return InMemoryKeyValueStore.create();
  }
}
