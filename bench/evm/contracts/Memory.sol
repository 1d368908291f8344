// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Memory-copy loop: a 4 KiB buffer copied back and forth with MCOPY (plus a word-wise copy of a
/// slice each round), mutating one word per round; memory stays the same size throughout.
contract Memory {
    function run(uint256 n) external pure returns (bytes32 digest) {
        uint256 len = 4096;
        bytes memory a = new bytes(len);
        bytes memory b = new bytes(len);
        assembly {
            let pa := add(a, 0x20)
            for { let k := 0 } lt(k, len) { k := add(k, 0x20) } {
                mstore(add(pa, k), keccak256(0, add(k, 0x20)))
            }
        }
        for (uint256 i = 0; i < n; ++i) {
            assembly {
                let src := add(a, 0x20)
                let dst := add(b, 0x20)
                if and(i, 1) {
                    src := add(b, 0x20)
                    dst := add(a, 0x20)
                }
                mcopy(dst, src, len)
                // shifted copy of the first half, a misaligned overlapping move
                mcopy(add(dst, and(i, 31)), dst, 2048)
                // a word-wise copy of 256 bytes
                let off := and(mul(i, 0x120), 0xe00)
                for { let k := 0 } lt(k, 0x100) { k := add(k, 0x20) } {
                    mstore(add(add(dst, 0xe00), k), mload(add(add(src, off), k)))
                }
                mstore(add(dst, and(mul(i, 0x40), 0xfe0)), xor(mload(dst), i))
            }
        }
        digest = keccak256(n % 2 == 0 ? a : b);
    }
}
