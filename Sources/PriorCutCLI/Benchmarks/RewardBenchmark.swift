import Imaging
import Rewards

extension Benchmark {
    /// `priorcut bench reward --manifest M --image I --superpixels S --labels SEG`: one reward computation — the
    /// context of a segmentation (object table with intensities, classes) and every rule of the manifest mapped to
    /// subgraph rewards. The graph and the subgraphs (seed 0) are built once, untimed, as the environment does.
    static let reward = Benchmark(
        name: "reward",
        summary: "rewards of one segmentation under a manifest (--manifest, --image, --superpixels, --labels SEG)"
    ) { options in
        let manifest = try RewardManifest.load(path: try options.required(options.manifest, "--manifest FILE", for: "reward"),
                                               registry: PriorCutCLI.registry())
        let image = try ImageFile.readImage(try options.required(options.image, "--image FILE", for: "reward"))
        let superpixels = try ImageFile.readLabels(try options.required(options.superpixels, "--superpixels FILE", for: "reward"))
        let segmentation = try ImageFile.readLabels(try options.required(options.labels, "--labels FILE", for: "reward"))
        let scene = try RewardScene(image: image, superpixels: superpixels, subgraphSizes: manifest.subgraphSizes, seed: 0)
        let objects = try scene.objects(of: segmentation).objectOfSuperpixel
        let actions = scene.actions(objectOfSuperpixel: objects)
        let box = ResultBox<RewardReport>()
        return PreparedBenchmark(run: {
            let context = try scene.context(objectOfSuperpixel: objects, classing: manifest.classing, actions: actions)
            box.value = try manifest.rewards(for: context)
        }, details: {
            ["superpixels": scene.rag.nodeCount, "edges": scene.rag.graph.edgeCount, "objects": objects.max().map { $0 + 1 } ?? 0,
             "subgraphs": scene.subgraphs.map(\.count), "mean_reward": Double(box.value?.meanReward ?? 0)]
        })
    }
}
