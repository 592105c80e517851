// The EmbryoRules plugin.
