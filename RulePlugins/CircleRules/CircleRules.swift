// The CircleRules plugin.
