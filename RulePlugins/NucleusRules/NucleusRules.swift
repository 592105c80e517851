// The NucleusRules plugin.
