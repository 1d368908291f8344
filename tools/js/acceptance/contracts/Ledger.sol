// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// A small contract for the wallet-client acceptance scripts: state, a view, and an event with
/// two indexed topics so topic filters have something to select on.
contract Ledger {
    event Recorded(address indexed writer, uint256 indexed entry, uint256 amount, string memo);

    uint256 public entries;
    uint256 public total;
    mapping(address => uint256) public byWriter;

    constructor(uint256 openingAmount) {
        total = openingAmount;
    }

    function record(uint256 amount, string calldata memo) external returns (uint256 entry) {
        entry = ++entries;
        total += amount;
        byWriter[msg.sender] += amount;
        emit Recorded(msg.sender, entry, amount, memo);
    }

    function average() external view returns (uint256) {
        return entries == 0 ? 0 : total / entries;
    }
}
