package io.opal.execution.state;

import io.opal.primitives.Address;
import io.opal.primitives.Hash;
import java.util.List;

/** A log emitted by LOG0..LOG4. */
public record LogEntry(Address address, List<Hash> topics, byte[] data) {}
