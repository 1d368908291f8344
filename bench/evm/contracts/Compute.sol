// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Compute-heavy loop: 256-bit multiply/add/mod/shift arithmetic, no storage, no memory traffic.
contract Compute {
    function run(uint256 n) external pure returns (uint256 acc) {
        uint256 p = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f;
        acc = n ^ 0x9e3779b97f4a7c15f39cc0605cedc8341082276bf3a27251f86c6a11d0c18e95;
        uint256 b = 0x2545f4914f6cdd1d;
        for (uint256 i = 0; i < n; ++i) {
            unchecked {
                acc = acc * 0x5851f42d4c957f2d + 0x14057b7ef767814f; // wrapping LCG step
                acc ^= acc >> 31;
                acc ^= acc << 17;
                b = mulmod(b + i, acc | 1, p);
                acc = addmod(acc, b, p);
                acc += (b % ((i & 0xffff) + 3)) << (i & 63);
                acc = acc / ((b >> 192) | 1) + (acc >> 7);
            }
        }
        return acc ^ b;
    }
}
