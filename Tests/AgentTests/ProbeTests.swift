import Agent
import Testing

@Test func probe() throws {
    for i in 0..<6 {
        let item = try SyntheticBatches.item(index: i)
        print("image", i, "nodes", item.image.rag.nodeCount, "edges", item.image.rag.graph.edgeCount,
              "splits", item.image.groundTruth!.edgeSplits.reduce(0, +))
    }
}
