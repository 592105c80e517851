import Tensors
import Testing

/// Every op case of `fixtures/nn/` (README §8) against PyTorch 2.15: outputs and gradients.
@Suite struct PyTorchReferenceTests {
    @Test func linear() throws {
        try ReferenceCase("linear").verify { t in
            ["output.y": Tensor.linear(t["input.x"]!, weight: t["param.weight"]!, bias: t["param.bias"]!)]
        }
    }

    @Test(arguments: [("conv2d_3x3", 1), ("conv2d_1x1", 0)])
    func conv2d(name: String, padding: Int) throws {
        try ReferenceCase(name).verify { t in
            ["output.y": Tensor.conv2d(t["input.x"]!, weight: t["param.weight"]!, bias: t["param.bias"]!, padding: padding)]
        }
    }

    @Test func convTranspose2d() throws {
        try ReferenceCase("conv_transpose2d_k2s2").verify { t in
            ["output.y": Tensor.convTranspose2d(t["input.x"]!, weight: t["param.weight"]!, bias: t["param.bias"]!)]
        }
    }

    @Test(arguments: ["max_pool2d_2x2", "max_pool2d_2x2_odd"])
    func maxPool(name: String) throws {
        try ReferenceCase(name).verify { t in ["output.y": t["input.x"]!.maxPool2x2()] }
    }

    @Test func groupNorm() throws {
        try ReferenceCase("group_norm").verify { t in
            ["output.y": Tensor.groupNorm(t["input.x"]!, groups: 4, weight: t["param.weight"]!, bias: t["param.bias"]!)]
        }
    }

    @Test func layerNorm() throws {
        try ReferenceCase("layer_norm").verify { t in
            ["output.y": Tensor.layerNorm(t["input.x"]!, weight: t["param.weight"]!, bias: t["param.bias"]!)]
        }
    }

    @Test(arguments: ["act_relu", "act_leaky_relu", "act_sigmoid", "act_tanh", "act_softplus", "act_elu"])
    func activation(name: String) throws {
        let function: (Tensor) -> Tensor = switch name {
        case "act_relu": { $0.relu() }
        case "act_leaky_relu": { $0.leakyRelu(slope: 0.01) }
        case "act_sigmoid": { $0.sigmoid() }
        case "act_tanh": { $0.tanh() }
        case "act_softplus": { $0.softplus() }
        default: { $0.elu() }
        }
        try ReferenceCase(name).verify { t in ["output.y": function(t["input.x"]!)] }
    }

    @Test func meanSquaredError() throws {
        try ReferenceCase("mse_loss").verify { t in
            ["output.y": Tensor.meanSquaredError(t["input.pred"]!, t["input.target"]!)]
        }
    }

    @Test func squashedNormalLogProbability() throws {
        try ReferenceCase("squashed_normal_log_prob").verify { t in
            ["output.y": Tensor.squashedNormalLogProbability(t["input.x"]!, mean: t["param.mu"]!, std: t["param.sigma"]!)]
        }
    }

    @Test func scatterMean() throws {
        let reference = try ReferenceCase("scatter_mean")
        let target = try reference.file.integers("input.target")
        try reference.verify { t in ["output.y": t["input.messages"]!.scatterMeanRows(target, rowCount: 6)] }
    }

    @Test func gatherRows() throws {
        let reference = try ReferenceCase("gather_rows")
        let index = try reference.file.integers("input.index")
        try reference.verify { t in ["output.y": t["input.x"]!.gatherRows(index)] }
    }
}
