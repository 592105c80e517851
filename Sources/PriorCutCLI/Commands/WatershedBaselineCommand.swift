import ArgumentParser
import Experiments
import Imaging

struct WatershedBaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watershed",
        abstract: "Distance-transform watershed on the Otsu mask; writes uint32 label TIFFs (0 = background).",
        discussion: """
            Otsu foreground → Euclidean distance to the background → Gaussian smoothing (--sigma) → markers at the
            h-maxima (--h, pixels) → seeded watershed of the negated distance inside the foreground. Touching round
            objects split at necks at least h px lower than both centres. See Documentation/Baselines.md.
            """)

    @OptionGroup var io: BaselineIOOptions

    @Option(help: "Gaussian smoothing of the distance transform, pixels (0 = none).")
    var sigma: Float = 1

    @Option(help: "Depth of the distance maxima used as markers, pixels.")
    var h: Float = 1

    func run() throws {
        let baseline = try DistanceWatershedBaseline(sigma: sigma, h: h)
        try io.run { _, image in try baseline.segment(image) }
    }
}
