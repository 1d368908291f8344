/**
 * Values every module shares: hex and bytes, {@link io.opal.primitives.Address}, {@link
 * io.opal.primitives.Hash}, 256-bit quantities (Tuweni {@code UInt256}), and the typed {@link
 * io.opal.primitives.DecodingException} every decoder throws.
 */
package io.opal.primitives;
