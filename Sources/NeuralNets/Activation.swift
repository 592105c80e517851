import Tensors

/// An element-wise nonlinearity chosen by configuration.
public enum Activation: Sendable, Equatable {
    case relu
    /// The reference GNN's choice, slope 0.01.
    case leakyRelu(slope: Float)
    case elu
    case tanh
    case sigmoid
    case identity

    public func callAsFunction(_ x: Tensor) -> Tensor {
        switch self {
        case .relu: x.relu()
        case let .leakyRelu(slope): x.leakyRelu(slope: slope)
        case .elu: x.elu()
        case .tanh: x.tanh()
        case .sigmoid: x.sigmoid()
        case .identity: x
        }
    }
}
