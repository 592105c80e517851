// Tests for NeuralNets.
