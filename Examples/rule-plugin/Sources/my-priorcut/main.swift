import ElongationRules
import PriorCutCLI

// The whole `priorcut` command line, with the bundled plugins and ours.
PriorCutCLI.main(plugins: BundledPlugins.all + [ElongationPlugin.self])
