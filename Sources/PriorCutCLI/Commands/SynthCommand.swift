import ArgumentParser
import Experiments
import Foundation
import Imaging

struct SynthCommand: ParsableCommand {
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case circles, embryo
    }

    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Generate synthetic images with instance masks: circles on structured ground, or embryo-like rings of cells.",
        discussion: """
            Writes OUT/images/<kind>_NNNN.tif (float32 in [0, 1]) and OUT/masks/<kind>_NNNN.tif (uint32 instance labels,
            0 = background). The same seed gives the same bytes; image k does not depend on --count.
            circles: textured disks (paper §4.1) among non-circular clutter on a gradient background;
              --objects is circles per image (default 10:20), --radius their radius (default 10:19), --clutter the
              non-circular distractors per image (default 4:10). The defaults are per image, whatever its size: for
              images of another size than 256, scale them with the area to keep the density of the default data.
            embryo: an elliptical ring of radially elongated cells with bright membranes (paper §4.3 stand-in);
              --objects is cells per ring (default 32:44).
            See Documentation/Metrics.md § Synthetic data.
            """)

    @Argument(help: "What to generate: circles or embryo.")
    var kind: Kind

    @Option(help: "Number of images.")
    var count: Int

    @Option(help: "Image side length in pixels.")
    var size: Int = 256

    @Option(help: "Random seed.")
    var seed: UInt64 = 0

    @Option(help: "Output folder (gets images/ and masks/).")
    var out: String

    @Option(help: "Objects per image, N or MIN:MAX (circles: circles; embryo: cells).")
    var objects: RangeArgument?

    @Option(help: "circles only: radius range in pixels, R or MIN:MAX.")
    var radius: RangeArgument?

    @Option(help: "circles only: non-circular distractors per image, N or MIN:MAX (default 4:10).")
    var clutter: RangeArgument?

    @Option(help: "Standard deviation of the Gaussian noise (default 0.05).")
    var noise: Double?

    @Flag(help: "Overwrite existing files.")
    var force = false

    func validate() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1, got \(count)") }
        if let objects, objects.integers == nil { throw ValidationError("--objects must be whole numbers, got \(objects.lower):\(objects.upper)") }
        if radius != nil, kind != .circles { throw ValidationError("--radius applies to circles only") }
        if let clutter {
            guard kind == .circles else { throw ValidationError("--clutter applies to circles only") }
            if clutter.integers == nil { throw ValidationError("--clutter must be whole numbers, got \(clutter.lower):\(clutter.upper)") }
        }
    }

    func recipe() -> SyntheticRecipe {
        switch kind {
        case .circles:
            var circles = SyntheticCircles()
            if let range = objects?.integers { circles.circles = range }
            if let radius { circles.radius = radius.doubles }
            if let range = clutter?.integers { circles.distractors = range }
            if let noise { circles.noise = noise }
            return .circles(circles)
        case .embryo:
            var embryo = SyntheticEmbryo()
            if let range = objects?.integers { embryo.cells = range }
            if let noise { embryo.noise = noise }
            return .embryo(embryo)
        }
    }

    func run() throws {
        let recipe = recipe()
        let stems = (0..<count).map(recipe.stem(index:))
        let folder = URL(fileURLWithPath: out)
        let images = OutputLocation(path: folder.appendingPathComponent("images").path, isFolder: true)
        let masks = OutputLocation(path: folder.appendingPathComponent("masks").path, isFolder: true)
        // Check both folders before writing anything.
        let existing = images.existingOutputs(stems: stems) + masks.existingOutputs(stems: stems)
        guard force || existing.isEmpty else { throw CommandInputError.outputExists(existing) }
        try images.prepare(stems: stems, force: true)
        try masks.prepare(stems: stems, force: true)
        let progress = ProgressReporter(total: count, label: "synth \(recipe.name)")
        var objectCounts: [Int] = []
        for (index, stem) in stems.enumerated() {
            progress.step(index, stem)
            let sample = try recipe.sample(index: index, seed: seed, size: size)
            try ImageFile.write(try Raster(image: sample.image), to: images.path(for: stem))
            try ImageFile.write(try Raster(labels: sample.mask), to: masks.path(for: stem))
            objectCounts.append(Set(sample.mask.values).subtracting([0]).count)
        }
        progress.finish()
        let mean = Double(objectCounts.reduce(0, +)) / Double(count)
        print("wrote \(count) \(recipe.name) image(s) of \(size)×\(size) to \(out)/images and \(out)/masks "
              + "(seed \(seed); objects per image \(objectCounts.min() ?? 0)…\(objectCounts.max() ?? 0), mean "
              + String(format: "%.1f", mean) + ")")
    }
}
