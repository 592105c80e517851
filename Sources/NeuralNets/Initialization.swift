import Foundation
import Randomness
import Tensors

/// How a layer's weight is drawn. Fans follow PyTorch: `fanIn = in·kH·kW`, `fanOut = out·kH·kW`.
public enum Initialization: Sendable {
    /// Glorot & Bengio: U(±√(6 / (fanIn + fanOut))).
    case xavierUniform
    /// Glorot & Bengio: N(0, 2 / (fanIn + fanOut)) — the reference GNN's choice for its linear layers.
    case xavierNormal
    /// He et al. for ReLU networks: N(0, 2 / fanIn).
    case heNormal
    /// He et al.: U(±√(6 / fanIn)).
    case heUniform
    /// PyTorch's default for Linear and Conv layers: U(±1/√fanIn) (kaiming-uniform with a = √5).
    case pytorchDefault

    /// A weight tensor of `shape` (`[out, in, …]`) with the given fans.
    public func weight(_ shape: [Int], fanIn: Int, fanOut: Int, using generator: inout SeededGenerator) -> Tensor {
        let fanIn = Float(max(fanIn, 1)), fanOut = Float(max(fanOut, 1))
        switch self {
        case .xavierUniform:
            let bound = (6 / (fanIn + fanOut)).squareRoot()
            return .uniform(shape, low: -bound, high: bound, using: &generator)
        case .xavierNormal:
            return .normal(shape, std: (2 / (fanIn + fanOut)).squareRoot(), using: &generator)
        case .heNormal:
            return .normal(shape, std: (2 / fanIn).squareRoot(), using: &generator)
        case .heUniform:
            let bound = (6 / fanIn).squareRoot()
            return .uniform(shape, low: -bound, high: bound, using: &generator)
        case .pytorchDefault:
            let bound = 1 / fanIn.squareRoot()
            return .uniform(shape, low: -bound, high: bound, using: &generator)
        }
    }
}

/// How a bias is initialised.
public enum BiasInitialization: Sendable {
    /// Every element equal (the reference GNN uses 0.01).
    case constant(Float)
    /// PyTorch's default: U(±1/√fanIn).
    case pytorchDefault

    public func bias(_ count: Int, fanIn: Int, using generator: inout SeededGenerator) -> Tensor {
        switch self {
        case let .constant(value): return Tensor(repeating: value, shape: [count])
        case .pytorchDefault:
            let bound = 1 / Float(max(fanIn, 1)).squareRoot()
            return .uniform([count], low: -bound, high: bound, using: &generator)
        }
    }
}
