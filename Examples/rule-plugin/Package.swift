// swift-tools-version: 6.1
import PackageDescription

/// A user's own rule plugin: one rule for elongated objects, and a `priorcut` executable that knows it.
/// See Documentation/WritingARulePlugin.md.
let package = Package(
    name: "ElongationRules",
    platforms: [.macOS(.v14)],
    dependencies: [
        // In your own project: .package(url: "https://…/PriorCut.git", from: "0.1.0")
        .package(name: "PriorCut", path: "../.."),
    ],
    targets: [
        .target(name: "ElongationRules", dependencies: [.product(name: "Rewards", package: "PriorCut")]),
        .executableTarget(name: "my-priorcut", dependencies: [
            "ElongationRules",
            .product(name: "PriorCut", package: "PriorCut"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
