// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Keccak-heavy loop: a hash chain h = keccak256(h, i) over scratch memory (no memory growth).
contract Keccak {
    function run(uint256 n) external pure returns (bytes32 h) {
        h = bytes32(n);
        for (uint256 i = 0; i < n; ++i) {
            assembly {
                mstore(0x00, h)
                mstore(0x20, i)
                h := keccak256(0x00, 0x40)
            }
        }
    }
}
