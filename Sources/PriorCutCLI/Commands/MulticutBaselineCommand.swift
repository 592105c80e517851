import ArgumentParser
import Experiments
import Graphs
import Imaging

struct MulticutBaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "multicut",
        abstract: "Multicut of the superpixels with boundary-map costs, dark segments removed; writes uint32 label TIFFs.",
        discussion: """
            The paper's "UNet + MC" kind of baseline with our boundary map. Superpixels: the RAW recipe (as
            `priorcut superpixels` by default) unless --superpixels gives a label image or a folder of same-named
            ones (ids 0, 1, … without gaps). Edge split probability = mean Gaussian gradient magnitude (--sigma,
            divided by its --percentile, clipped to [0, 1]) across the boundary; costs ln((1−p)/p) + ln((1−β)/β),
            weighted by boundary length unless --unweighted; segments whose mean intensity is not above Otsu become
            background 0. See Documentation/Baselines.md.
            """)

    @OptionGroup var io: BaselineIOOptions

    @Option(help: "Superpixel label image (with --image) or folder of same-named ones; default: RAW recipe.")
    var superpixels: String?

    @Option(help: "Gaussian derivative scale of the gradient, pixels.")
    var sigma: Float = 1

    @Option(help: "Gradient quantile that maps to boundary probability 1, in (0, 1].")
    var percentile: Double = 0.99

    @Option(help: "Boundary bias β in (0, 1): above 0.5 favours merging.")
    var beta: Double = 0.5

    @Flag(help: "Do not weight edge costs by boundary length.")
    var unweighted = false

    @Option(help: "Multicut solver: gaec or gaec-kl.")
    var solver: String = MulticutSolver.gaecKernighanLin.rawValue

    func run() throws {
        guard let solver = MulticutSolver(rawValue: solver) else {
            throw ValidationError("unknown solver '\(self.solver)'; use gaec or gaec-kl")
        }
        let baseline = try MulticutBaseline(boundary: GradientBoundaryMap(sigma: sigma, percentile: percentile),
                                            boundaryBias: beta, weightByBoundaryLength: !unweighted, solver: solver)
        try io.run { item, image in
            let regions = if let superpixels {
                try ImageFile.readLabels(try ImageBatch.companion(of: item, in: superpixels, what: "--superpixels"))
            } else {
                try SuperpixelRecipe.raw.superpixels(of: image)
            }
            return try baseline.segment(image, superpixels: regions)
        }
    }
}
