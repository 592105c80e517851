// Tests for Rewards.
