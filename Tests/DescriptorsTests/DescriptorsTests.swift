// Tests for Descriptors.
