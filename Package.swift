// swift-tools-version: 6.1
import PackageDescription

/// PriorCut: instance segmentation from reward rules (stateless actor-critic on superpixel graphs).
/// Module arrows (DESIGN.md §1): Tensors → NeuralNets → Agent; Imaging → Descriptors → Rewards;
/// Graphs → Rewards, Agent; everything → Experiments → PriorCutCLI. Plugins depend on Rewards only
/// (plus Descriptors, Imaging).
let package = Package(
    name: "PriorCut",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "PriorCut", targets: ["PriorCutCLI"]),
        .library(name: "Rewards", targets: ["Rewards"]),
        .executable(name: "priorcut", targets: ["priorcut"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // System libraries (Debian: libopenblas-dev, liblapacke-dev, libpng-dev, libtiff-dev).
        .systemLibrary(name: "CBLAS", path: "Sources/CBLAS"),
        .systemLibrary(name: "CLAPACKE", path: "Sources/CLAPACKE"),
        .systemLibrary(name: "CPNG", path: "Sources/CPNG"),
        .systemLibrary(name: "CTIFF", path: "Sources/CTIFF"),
        // setjmp guard for libpng and non-variadic TIFF field helpers.
        .target(name: "CImageSupport", dependencies: ["CPNG", "CTIFF"],
                linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("tiff")]),
        // glibc's mallopt (in <malloc.h>, which Swift's Glibc module does not import).
        .target(name: "CAllocator"),

        // Seeded generators shared by every module that draws random numbers.
        .target(name: "Randomness"),
        .target(name: "Tensors", dependencies: ["CBLAS", "Randomness"]),
        .target(name: "NeuralNets", dependencies: ["Tensors", "Randomness"]),
        .target(name: "Imaging", dependencies: ["CImageSupport", "CTIFF"]),
        .target(name: "Descriptors", dependencies: ["Imaging"]),
        .target(name: "Graphs", dependencies: ["Imaging", "Randomness"]),
        .target(name: "Rewards", dependencies: ["Imaging", "Descriptors", "Graphs", "Randomness", .product(name: "Yams", package: "Yams")]),
        .target(name: "Agent", dependencies: ["Tensors", "NeuralNets", "Graphs", "Rewards", "Imaging", "Randomness"]),
        .target(name: "Experiments", dependencies: [
            "Tensors", "NeuralNets", "Imaging", "Descriptors", "Graphs", "Rewards", "Agent", "CLAPACKE", "Randomness",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "PriorCutCLI", dependencies: [
            "Tensors", "NeuralNets", "Imaging", "Descriptors", "Graphs", "Rewards", "Agent", "Experiments",
            "CircleRules", "NucleusRules", "EmbryoRules", "Randomness", "CAllocator",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Bundled rule plugins.
        .target(name: "CircleRules", dependencies: ["Rewards", "Descriptors", "Imaging"], path: "RulePlugins/CircleRules"),
        .target(name: "NucleusRules", dependencies: ["Rewards", "Descriptors", "Imaging"], path: "RulePlugins/NucleusRules"),
        .target(name: "EmbryoRules", dependencies: ["Rewards", "Descriptors", "Imaging"], path: "RulePlugins/EmbryoRules"),

        .executableTarget(name: "priorcut", dependencies: ["PriorCutCLI"]),

        // Tests: one target per module, plus end-to-end CLI tests.
        .target(name: "TestSupport", dependencies: ["Imaging"], path: "Tests/TestSupport"),
        .testTarget(name: "TensorsTests", dependencies: ["Randomness", "Tensors", "TestSupport"]),
        .testTarget(name: "NeuralNetsTests", dependencies: ["Randomness", "NeuralNets", "Tensors", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "TestSupport"]),
        .testTarget(name: "DescriptorsTests", dependencies: ["Descriptors", "Imaging", "TestSupport"]),
        .testTarget(name: "GraphsTests", dependencies: ["Randomness", "Graphs", "Imaging", "TestSupport"]),
        .testTarget(name: "RewardsTests", dependencies: ["Rewards", "Graphs", "Descriptors", "Imaging", "TestSupport"]),
        .testTarget(name: "AgentTests", dependencies: ["Randomness", "Agent", "Tensors", "NeuralNets", "Graphs", "Rewards", "Imaging", "Experiments", "TestSupport"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Randomness", "Tensors", "Agent", "Experiments", "Imaging", "TestSupport"]),
        .testTarget(name: "RulePluginsTests", dependencies: [
            "CircleRules", "NucleusRules", "EmbryoRules", "Rewards", "Graphs", "Imaging", "TestSupport",
        ]),
        .testTarget(name: "PriorCutCLITests", dependencies: ["PriorCutCLI", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
