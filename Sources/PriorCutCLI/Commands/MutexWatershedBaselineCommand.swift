import ArgumentParser
import Experiments
import Imaging

struct MutexWatershedBaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mutex-watershed",
        abstract: "Mutex watershed on the Gaussian gradient, dark segments removed; writes uint32 label TIFFs.",
        discussion: """
            The paper's circle baseline. Boundary probabilities = Gaussian gradient magnitude (--sigma) divided by
            its --percentile and clipped to [0, 1]; mutex watershed with the default offsets (4-neighbourhood
            attractive; 3, 9, 27 px repulsive); segments below --min-size px merged into the neighbour across
            their weakest boundary; segments whose mean intensity is not above the image's Otsu
            threshold become background 0. See Documentation/Baselines.md.
            """)

    @OptionGroup var io: BaselineIOOptions

    @Option(help: "Gaussian derivative scale of the gradient, pixels.")
    var sigma: Float = 1

    @Option(help: "Gradient quantile that maps to boundary probability 1, in (0, 1].")
    var percentile: Double = 0.99

    @Option(name: .customLong("min-size"), help: "Merge segments smaller than this many pixels into a neighbour (0 = keep all).")
    var minimumSize = 25

    func run() throws {
        let baseline = try MutexWatershedBaseline(boundary: GradientBoundaryMap(sigma: sigma, percentile: percentile),
                                                  minimumSize: minimumSize)
        try io.run { _, image in try baseline.segment(image) }
    }
}
