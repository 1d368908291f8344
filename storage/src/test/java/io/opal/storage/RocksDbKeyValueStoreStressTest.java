package io.opal.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class RocksDbKeyValueStoreStressTest extends KeyValueStoreStressTest {
  @TempDir Path directory;

  @Override
  protected KeyValueStore newStore() {
    return RocksDbKeyValueStore.open(directory, RocksDbKeyValueStoreTest.SMALL);
  }
}
