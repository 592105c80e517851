import PriorCutCLI

PriorCutCLI.main(plugins: [])
