// The NeuralNets module; see Documentation/Architecture.md and DESIGN.md §1.
