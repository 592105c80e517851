// Tests for PriorCutCLI.
