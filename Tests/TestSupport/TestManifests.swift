/// Manifests shared by the training tests of several targets.
public enum TestManifests {
    /// The supervised Dice manifest (paper A.10, core rules only) with subgraph sizes 6 and 12; the largest object is
    /// background.
    public static let dice = """
        manifest: dice
        subgraph_sizes: [6, 12]
        objects:
          background: { largest: true }
        rules:
          - rule: core.dice
            weight: 1

        """
}
