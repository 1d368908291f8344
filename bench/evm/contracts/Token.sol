// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// A minimal ERC-20 token. `run(n)` mints to 32 holders and then makes n transfers between them
/// inside one call (storage reads and writes, events, checked arithmetic). It starts from empty
/// storage, so every engine can run the bare runtime code without a constructor.
contract Token {
    string public constant name = "Opal Bench";
    string public constant symbol = "OBT";
    uint8 public constant decimals = 18;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    error InsufficientBalance(address from, uint256 balance, uint256 needed);
    error InsufficientAllowance(address spender, uint256 allowance, uint256 needed);

    function transfer(address to, uint256 amount) external returns (bool) {
        _transfer(msg.sender, to, amount);
        return true;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < amount) revert InsufficientAllowance(msg.sender, allowed, amount);
            allowance[from][msg.sender] = allowed - amount;
        }
        _transfer(from, to, amount);
        return true;
    }

    function _mint(address to, uint256 amount) internal {
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    function _transfer(address from, address to, uint256 amount) internal {
        uint256 bal = balanceOf[from];
        if (bal < amount) revert InsufficientBalance(from, bal, amount);
        unchecked {
            balanceOf[from] = bal - amount;
        }
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
    }

    function holder(uint256 i) internal pure returns (address) {
        return address(uint160(0x100000 + (i & 31)));
    }

    function run(uint256 n) external returns (uint256 checksum) {
        for (uint256 j = 0; j < 32; ++j) _mint(holder(j), 1e24);
        for (uint256 i = 0; i < n; ++i) {
            uint256 amount = 1 + ((i * 7919) % 1000) * 1e15;
            _transfer(holder(i), holder(i * 5 + 3), amount);
        }
        for (uint256 j = 0; j < 32; ++j) checksum = checksum * 31 + balanceOf[holder(j)];
    }
}
