import NeuralNets
import Tensors

// Forward passes with a module's parameters read as constants (`frozen: true`): gradients still reach the inputs,
// but no parameter gradient is computed. The actor loss (Eq. 2) differentiates the critic's Q only with respect to
// the actions; with recorded critic weights the backward pass would also compute, and then discard, every critic
// weight gradient.

extension Linear {
    func callAsFunction(_ x: Tensor, frozen: Bool) -> Tensor {
        frozen ? Tensor.linear(x, weight: weight.value, bias: bias?.value) : self(x)
    }
}

extension LayerNorm {
    func callAsFunction(_ x: Tensor, then activation: Activation, frozen: Bool) -> Tensor {
        frozen ? Self.normalize(x, weight: weight.value, bias: bias.value, epsilon: epsilon, then: activation)
            : self(x, then: activation)
    }
}

extension MLP {
    func callAsFunction(_ x: Tensor, frozen: Bool) -> Tensor {
        guard frozen else { return self(x) }
        var h = x
        for (i, layer) in layers.enumerated() {
            h = layer(h, frozen: true)
            guard i < layers.count - 1 else { break }
            switch normalization {
            case .none: h = activation(h)
            case .layerNorm: h = norms[i](h, then: activation, frozen: true)
            case .batchStatistics:
                h = activation(Tensor.batchStandardized(h, epsilon: norms[i].epsilon) * norms[i].weight.value
                               + norms[i].bias.value)
            }
        }
        return h
    }
}
