package io.opal.primitives.trie;

/** A key and its value, as found by an ordered search of a trie. The arrays are not copies. */
public record TrieEntry(byte[] key, byte[] value) {}
