import PriorCutCLI

PriorCutCLI.main(plugins: BundledPlugins.all)
