package io.opal.primitives.config;

import io.opal.primitives.Hash;

/** A block named by both hash and number (rollup configs name the L1 and L2 genesis so). */
public record BlockId(Hash hash, long number) {}
