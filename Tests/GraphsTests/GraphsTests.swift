// Tests for Graphs.
