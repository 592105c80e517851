import Agent
import Experiments
import Foundation
import Testing
import TestSupport

@Suite("Experiment configuration")
struct ExperimentConfigurationTests {
    /// Parses `text` as `experiment.yaml` in a folder that has the manifest; the error's description, if any.
    func parseError(_ text: String) throws -> String? {
        let path = try TrainingFixtures.write(text)
        do {
            _ = try ExperimentConfiguration.load(path: path)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("An unknown key is an error naming file, line and the closest allowed key")
    func unknownKey() throws {
        let text = TrainingFixtures.experiment().replacingOccurrences(of: "  batch_size: 2", with: "  batch_sise: 2")
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("batch_sise") }) + 1
        let message = try #require(try parseError(text))
        #expect(message.contains("experiment.yaml:\(line):"), "\(message)")
        #expect(message.contains("unknown key 'batch_sise'"))
        #expect(message.contains("did you mean 'batch_size'"))
    }

    @Test("A wrong type is an error naming the line and the key's path")
    func wrongType() throws {
        let text = TrainingFixtures.experiment().replacingOccurrences(of: "warmup_steps: 5", with: "warmup_steps: five")
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("warmup_steps") }) + 1
        let message = try #require(try parseError(text))
        #expect(message.contains("experiment.yaml:\(line):"), "\(message)")
        #expect(message.contains("agent.warmup_steps: expected a whole number"))
    }

    @Test("A missing manifest, a fraction ≥ 1 and GT superpixels without masks are errors with lines")
    func badValues() throws {
        let missing = try #require(try parseError(
            TrainingFixtures.experiment().replacingOccurrences(of: "manifest: manifest.yaml", with: "manifest: nope.yaml")))
        #expect(missing.contains("experiment.yaml:3:") && missing.contains("nope.yaml does not exist"), "\(missing)")
        let text = TrainingFixtures.experiment().replacingOccurrences(of: "validation: 2", with: "validation: 1.5")
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("validation: 1.5") }) + 1
        let fraction = try #require(try parseError(text))
        #expect(fraction.contains("experiment.yaml:\(line):") && fraction.contains("fraction in [0, 1)"), "\(fraction)")
        let folder = """
            name: nuclei
            manifest: manifest.yaml
            data: { images: \(Fixtures.data("dsb2018/test/images")) }
            superpixels: { ground_truth: true }
            """
        let truth = try #require(try parseError(folder))
        #expect(truth.contains("experiment.yaml:4:") && truth.contains("need data with masks"), "\(truth)")
        let pretrained = try #require(try parseError(TrainingFixtures.experiment() + "features: { extractor: pretrained }\n"))
        #expect(pretrained.contains("needs 'checkpoint'"), "\(pretrained)")
    }

    @Test("Defaults fill what the file leaves out")
    func defaults() throws {
        let configuration = try ExperimentConfiguration.load(path: try TrainingFixtures.write(TrainingFixtures.experiment()))
        #expect(configuration.superpixels.recipe.method == .watershed)
        #expect(configuration.features.handcrafted && configuration.features.extractor == .none)
        // Keys the fixture leaves out take the agent's own defaults.
        let defaults = AgentConfiguration()
        #expect(configuration.agent.tau == defaults.tau && configuration.agent.updatesPerStep == defaults.updatesPerStep)
        #expect(configuration.agent.criticEmbeddingWidth == defaults.criticEmbeddingWidth)
        #expect(configuration.agent.meanBounds == defaults.meanBounds)
        #expect(configuration.training.solver == .gaec)
        #expect(configuration.test == nil)
        #expect(configuration.manifest.hasPrefix("/") && configuration.manifest.hasSuffix("/manifest.yaml"))
    }

    /// Every kind of value the schema has, off its defaults: the resolved YAML must parse back to an equal value.
    @Test("The resolved YAML parses back to an equal configuration (folders, synthetic embryo, every knob)")
    func roundTrip() throws {
        let folder = Fixtures.temporaryDirectory("pretrained")
        let checkpoint = folder.appendingPathComponent("unet.safetensors")
        try Data().write(to: checkpoint)
        let nuclei = """
            name: "dsb nuclei: GT superpixels"
            seed: 11
            manifest: manifest.yaml
            data:
              images: \(Fixtures.data("dsb2018/train/images"))
              masks: \(Fixtures.data("dsb2018/train/masks"))
              pattern: "*.tif"
              limit: 40
              normalisation: type
              validation: 0.25
              split_seed: 4
            test:
              images: \(Fixtures.data("dsb2018/test/images"))
              masks: \(Fixtures.data("dsb2018/test/masks"))
            superpixels: { method: mutex, sigma: 1.5, h: 0.01, region_minimum_size: 12, intensity_levels: [0.5],
                           minimum_size: 7, ground_truth: true }
            features: { handcrafted: false, extractor: pretrained, checkpoint: \(checkpoint.path),
                        feature_maps: [8, 16], embedding_width: 6 }
            networks:
              actor: { depth: 3, width: 2028, hidden_layers: 2 }
              critic: { depth: 2, width: 96 }
              mean_bounds: [-4, 4.5]
              std_bounds: [0.05, 3]
            agent:
              actor_learning_rate: 1e-5
              critic_learning_rate: 0.0003
              temperature_learning_rate: 0.002
              initial_temperature: 0.2
              target_entropy: { kind: reward_dependent, low: 0.05, high: 2 }
              tau: 0.01
              replay: { capacity: 77, sampling: prioritised, exponent: 0.7 }
              warmup_steps: 9
              updates_per_step: 3
              gradient_clip_norm: 2.5
              actor_uses_target_critic: true
              trains_actor: false
            training: { steps: 123, batch_size: 3, validation_every: 7, checkpoint_every: 5, solver: gaec-kl }
            """
        let embryo = """
            name: embryo
            manifest: manifest.yaml
            data: { synthetic: embryo, count: 5, size: [64, 96], seed: 2, cells: [20, 24], noise: 0.1, validation: 0 }
            test: { synthetic: circles, count: 3, size: 48, seed: 99 }
            features: { extractor: joint, feature_maps: [4, 8, 16], embedding_width: 4 }
            agent: { target_entropy: { per_edge: -0.5 } }
            """
        for text in [nuclei, embryo] {
            let path = try TrainingFixtures.write(text)
            let configuration = try ExperimentConfiguration.load(path: path)
            let resolved = configuration.yaml
            let again = try ExperimentConfiguration.parse(resolved, file: "config.yaml", baseFolder: "/nonexistent")
            #expect(again == configuration, "\(resolved)")
            #expect(again.yaml == resolved)
        }
        let parsed = try ExperimentConfiguration.load(path: try TrainingFixtures.write(nuclei))
        #expect(parsed.name == "dsb nuclei: GT superpixels")
        #expect(parsed.agent.actor.width == 2028 && parsed.agent.actor.depth == 3)
        #expect(parsed.superpixels.groundTruth && parsed.superpixels.recipe.method == .mutex)
        #expect(parsed.features.extractor == .pretrained(checkpoint: checkpoint.standardizedFileURL.path))
        #expect(parsed.data.validation == .fraction(0.25))
    }

    @Test("A folder source selects by pattern and limit, pairs masks by name, and splits by a seeded shuffle")
    func folderSelection() throws {
        let text = """
            name: nuclei
            manifest: manifest.yaml
            data:
              images: \(Fixtures.data("dsb2018/test/images"))
              masks: \(Fixtures.data("dsb2018/test/masks"))
              pattern: "e*"
              limit: 5
              validation: 0.4
            """
        let configuration = try ExperimentConfiguration.load(path: try TrainingFixtures.write(text))
        let (training, validation) = try configuration.data.loadSplit()
        #expect(training.count == 3 && validation.count == 2)
        let names = (training + validation).map(\.name)
        #expect(names.allSatisfy { $0.hasPrefix("e") })
        #expect(Set(names).count == 5)
        for item in training + validation {
            let mask = try #require(item.mask)
            #expect(mask.rows == item.image.rows && mask.cols == item.image.cols)
            #expect(item.image.values.min() == 0 && item.image.values.max() == 1) // min_max normalisation
        }
    }

    @Test("An image without its mask, and a pattern that matches nothing, are data errors naming the file")
    func dataErrors() throws {
        let images = Fixtures.temporaryDirectory("images"), masks = Fixtures.temporaryDirectory("masks")
        let names = ["0bda515e370294ed94efd36bd53782288acacb040c171df2ed97fd691fc9d8fe.tif",
                     "0bf4b144167694b6846d584cf52c458f34f28fcae75328a2a096c8214e01c0d0.tif"]
        for name in names {
            try FileManager.default.copyItem(atPath: Fixtures.data("dsb2018/test/images/\(name)"),
                                             toPath: images.appendingPathComponent(name).path)
        }
        try FileManager.default.copyItem(atPath: Fixtures.data("dsb2018/test/masks/\(names[0])"),
                                         toPath: masks.appendingPathComponent(names[0]).path)
        let text = "name: n\nmanifest: manifest.yaml\ndata: { images: \(images.path), masks: \(masks.path) }\n"
        let configuration = try ExperimentConfiguration.load(path: try TrainingFixtures.write(text))
        let missing = #expect(throws: ExperimentError.self) { try configuration.data.source.loadImages() }
        #expect(missing?.description.contains("has no mask named '0bf4b144") == true, "\(String(describing: missing))")
        var none = configuration
        none.data.source = .folder(ImageFolder(images: images.path, pattern: "*.png"))
        let empty = #expect(throws: ExperimentError.self) { try none.data.source.loadImages() }
        #expect(empty?.description.contains("matches '*.png'") == true)
    }

    /// The bundled nucleus and embryo experiments (Documentation/ReproducingThePaper.md) load; their training and
    /// test images are disjoint, and the GT settings intersect superpixels with the masks.
    @Test("Bundled experiments load: nuclei train on the 40 bundled train images, test on the 4 test images")
    func bundledExperiments() throws {
        let folder = Fixtures.repositoryRoot.appendingPathComponent("Examples")
        var groundTruth: [String: Bool] = [:]
        for file in ["experiment", "experiment-raw", "experiment-supervised", "experiment-semisupervised"] {
            let configuration = try ExperimentConfiguration.load(path: folder.appendingPathComponent("nuclei/\(file).yaml").path)
            let training = try configuration.data.source.imageNames()
            let test = try #require(configuration.test).imageNames()
            #expect(training.count == 40 && test.count == 4)
            #expect(Set(training).isDisjoint(with: test))
            groundTruth[file] = configuration.superpixels.groundTruth
        }
        #expect(groundTruth == ["experiment": true, "experiment-raw": false, "experiment-supervised": true,
                                "experiment-semisupervised": true])
        // The full-split runs read the shared DSB2018 data next to the repository: all of train, all of test.
        for file in ["experiment-full", "experiment-raw-full", "experiment-supervised-full"] {
            let configuration = try ExperimentConfiguration.load(path: folder.appendingPathComponent("nuclei/\(file).yaml").path)
            let training = try configuration.data.source.imageNames()
            let test = try #require(configuration.test).imageNames()
            #expect(training.count == 447 && test.count == 50, "\(file)")
            #expect(Set(training).isDisjoint(with: test))
            #expect(configuration.superpixels.groundTruth == (file != "experiment-raw-full"), "\(file)")
        }
        let embryo = try ExperimentConfiguration.load(path: folder.appendingPathComponent("embryo/experiment.yaml").path)
        let embryoTest = try #require(embryo.test).imageNames()
        let embryoTraining = try embryo.data.source.imageNames()
        #expect(embryoTest.count == 8 && Set(embryoTraining).isDisjoint(with: embryoTest))
        // The semi-supervised variants: the rules experiment plus one image scored by the Dice manifest.
        for name in ["nuclei", "embryo"] {
            let rules = try ExperimentConfiguration.load(path: folder.appendingPathComponent("\(name)/experiment.yaml").path)
            var semi = try ExperimentConfiguration.load(
                path: folder.appendingPathComponent("\(name)/experiment-semisupervised.yaml").path)
            #expect(semi.supervision?.images == 1)
            #expect(semi.supervision?.manifest.hasSuffix("\(name)/manifest-supervised.yaml") == true)
            semi.supervision = nil
            semi.name = rules.name
            #expect(semi == rules, "\(name): only the supervision may differ")
        }
    }
}
