// Tests for Agent.
