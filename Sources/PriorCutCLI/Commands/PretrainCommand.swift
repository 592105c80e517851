import Agent
import ArgumentParser
import Dispatch
import Foundation
import Imaging

struct PretrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pretrain",
        abstract: "Pre-train the U-Net feature extractor on images and superpixels with the superpixel contrastive loss (paper A.1).",
        discussion: """
            Pulls every pixel's embedding towards its superpixel's mean (Eq. 8) and pushes the means of adjacent \
            superpixels apart (Eq. 9), weighted by the boundary map along their shared boundary. Superpixels come \
            from --superpixels (label images named like the images) or are computed with the recipe options of \
            `priorcut superpixels`. Each step trains on --batch-size random --crop-size crops. Writes a safetensors \
            file whose metadata describes the extractor fully; `priorcut train` loads it. See \
            Documentation/Pretraining.md.
            """)

    @Option(help: "Folder of training images (TIFF/PNG, values scaled to [0, 1]).")
    var images: String

    @Option(help: "Folder of superpixel label images named like the images (else computed with the recipe options).")
    var superpixels: String?

    @Option(help: "Output file (.safetensors).")
    var out: String

    @Option(help: "Optimisation steps.")
    var steps: Int = 1000

    @Option(help: "U-Net channels per level, finest first, comma separated.")
    var featureMaps: String = "16,32,64,128"

    @Option(help: "Embedding width D.")
    var embeddingWidth: Int = 16

    @Option(help: "Adam learning rate.")
    var learningRate: Float = 1e-3

    @Option(help: "Side of the square random crops (a multiple of 2^(levels − 1), at most every image's sides).")
    var cropSize: Int = 128

    @Option(help: "Crops per step.")
    var batchSize: Int = 4

    @Option(help: "Embedding distance: cosine or euclidean.")
    var distance: EmbeddingDistance = .cosine

    @Option(help: "δ_v, the pull margin (default 0.1 cosine, 0.5 euclidean).")
    var deltaVar: Float?

    @Option(help: "δ_d, half the push margin (default 0.3 cosine, 1.5 euclidean).")
    var deltaDist: Float?

    @Option(help: "Push weights of adjacent superpixels: boundary or uniform.")
    var edgeWeighting: ContrastiveTarget.EdgeWeighting = .boundary

    @Option(help: "U-Net input: image-and-superpixel-edges (paper A.1) or image.")
    var input: PixelEmbeddingFeatures.Input = .imageAndSuperpixelEdges

    @Option(help: "Also save the checkpoint every N steps (atomically), so a stopped run keeps its progress; 0: only at the end.")
    var checkpointEvery: Int = 100

    @Option(help: "Random seed (initialisation, crops, batches).")
    var seed: UInt64 = 0

    @OptionGroup(title: "Superpixel recipe (without --superpixels)")
    var recipe: RecipeOptions

    @Flag(help: "Overwrite an existing output file.")
    var force = false

    @Flag(help: "Print a JSON summary on standard output.")
    var json = false

    func validate() throws {
        guard steps >= 1 else { throw ValidationError("--steps must be at least 1, got \(steps)") }
        guard checkpointEvery >= 0 else { throw ValidationError("--checkpoint-every must be ≥ 0, got \(checkpointEvery)") }
        if superpixels != nil, recipe.isSet {
            throw ValidationError("give either --superpixels or superpixel recipe options, not both")
        }
    }

    @OptionGroup var intensity: IntensityOptions

    func run() throws {
        let pretrainingConfiguration = try configuration()
        let inputs = try PairedInputs([("--images", images)] + (superpixels.map { [("--superpixels", $0)] } ?? []))
        guard inputs.fromFolders else { throw ValidationError("--images must be a folder, '\(images)' is a file") }
        let location = OutputLocation(path: out, isFolder: false, fileExtension: "safetensors")
        try location.prepare(stems: [PairedInputs.stem(of: out)], force: force)
        let superpixelRecipe = try recipe.recipe()
        let progress = ProgressReporter(total: inputs.items.count, label: superpixels == nil ? "superpixels" : "reading")
        var data: [PretrainingImage] = []
        for (index, item) in inputs.items.enumerated() {
            progress.step(index, item.stem)
            do {
                let image = try intensity.readImage(item.paths[0])
                let labels = try superpixels == nil ? superpixelRecipe.superpixels(of: image) : ImageFile.readLabels(item.paths[1])
                data.append(try PretrainingImage(image: image, superpixels: labels))
            } catch {
                throw CommandInputError.itemFailed(stem: item.stem, paths: item.paths, reason: "\(error)")
            }
        }
        progress.finish()
        let trainer = try ContrastivePretraining(configuration: pretrainingConfiguration, images: data, seed: seed)
        let imageCount = data.count
        data.removeAll() // the trainer keeps what it needs; the superpixel images can go
        let interval = max(1, steps / 100)
        let start = DispatchTime.now().uptimeNanoseconds
        let url = URL(fileURLWithPath: out), extra = ["images": String(imageCount)]
        try trainer.train(steps: steps) { (report) throws(PretrainingError) in
            if checkpointEvery > 0, report.completed % checkpointEvery == 0, report.completed < report.total {
                try trainer.save(to: url, extra: extra)
            }
            guard report.completed % interval == 0 || report.completed == report.total || report.completed == 1 else { return }
            let s = report.statistics
            printError(String(format: "step %d/%d  loss %.4f (var %.4f, dist %.4f)  running %.4f  %.2f s/step  ETA %@",
                              report.completed, report.total, s.loss, s.variance, s.distance, report.runningLoss,
                              report.elapsedSeconds / Double(report.completed),
                              Self.duration(report.estimatedSecondsLeft)))
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        try trainer.save(to: url, extra: extra)
        let loss = trainer.runningLoss ?? .nan
        if json {
            try printJSON(["out": out, "steps": steps, "images": imageCount, "running_loss": Double(loss),
                           "seconds": seconds, "seconds_per_step": seconds / Double(steps),
                           "feature_maps": pretrainingConfiguration.featureMaps,
                           "embedding_width": pretrainingConfiguration.embeddingWidth])
        } else {
            print("\(out): \(steps) steps on \(imageCount) images, running loss \(String(format: "%.4f", loss)), \(Self.duration(seconds))")
        }
    }

    private func configuration() throws -> ContrastivePretraining.Configuration {
        var configuration = ContrastivePretraining.Configuration()
        let parts = featureMaps.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let maps = parts.compactMap { Int($0) }
        guard !maps.isEmpty, maps.count == parts.count, maps.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--feature-maps must be positive integers separated by commas, got '\(featureMaps)'")
        }
        configuration.featureMaps = maps
        configuration.embeddingWidth = embeddingWidth
        configuration.learningRate = learningRate
        configuration.cropSize = cropSize
        configuration.batchSize = batchSize
        configuration.input = input
        configuration.edgeWeighting = edgeWeighting
        configuration.loss = SuperpixelContrastiveLoss(distance: distance, varianceMargin: deltaVar, distanceMargin: deltaDist)
        try configuration.validate()
        return configuration
    }

    /// `75` → `1m15s`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "?" }
        let total = Int(seconds.rounded())
        return total >= 3600 ? "\(total / 3600)h\(total % 3600 / 60)m" : total >= 60 ? "\(total / 60)m\(total % 60)s" : "\(total)s"
    }
}

extension PretrainCommand {
    /// The options of `priorcut superpixels` that choose the recipe, all optional (defaults: the RAW recipe).
    struct RecipeOptions: ParsableArguments {
        @Option(help: "Region method: watershed or mutex.")
        var method: SuperpixelRecipe.Method?

        @Option(help: "Merge regions smaller than this many pixels before the intensity cut.")
        var regionMinSize: Int?

        @Option(help: "Merge superpixels smaller than this many pixels (after the intensity cut).")
        var minSize: Int?

        @Option(help: "Gaussian smoothing sigma in pixels.")
        var sigma: Float?

        @Option(help: "h-minima depth for the watershed markers (gradient units).")
        var h: Float?

        @Option(help: "Intensity cut levels as multiples of the Otsu threshold, comma separated; 'none' for no cut.")
        var levels: String?

        var isSet: Bool { method != nil || regionMinSize != nil || minSize != nil || sigma != nil || h != nil || levels != nil }

        func recipe() throws -> SuperpixelRecipe {
            let raw = SuperpixelRecipe.raw
            var cut = raw.intensityLevels
            if let levels {
                cut = levels.lowercased() == "none" ? [] : try levels.split(separator: ",").map { part in
                    guard let value = Float(part.trimmingCharacters(in: .whitespaces)) else {
                        throw ValidationError("--levels: '\(part)' is not a number")
                    }
                    return value
                }
            }
            return try SuperpixelRecipe(method: method ?? raw.method, sigma: sigma ?? raw.sigma, h: h ?? raw.h,
                                        regionMinimumSize: regionMinSize ?? raw.regionMinimumSize,
                                        intensityLevels: cut, minimumSize: minSize ?? raw.minimumSize)
        }
    }
}

extension EmbeddingDistance: ExpressibleByArgument {}
extension ContrastiveTarget.EdgeWeighting: ExpressibleByArgument {}
extension PixelEmbeddingFeatures.Input: ExpressibleByArgument {}
