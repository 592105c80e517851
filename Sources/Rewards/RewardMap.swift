import Imaging

extension RewardReport {
    /// The reward map of paper Figs. 5–7 over the image, red (0) → yellow → green (1): foreground objects filled
    /// with their combined object score (background tinted lightly; discarded objects and objects no rule judges
    /// left grey) over the
    /// contrast-stretched grey image, and the boundaries the segmentation cuts (edges with action ≥ 0.5) drawn in
    /// their edge reward. Superpixel boundaries inside objects are not drawn, so the map stays readable with
    /// thousands of superpixels. Edge rewards are divided by `edgeScale` (the manifest's total weight, the most an
    /// edge can earn when every score is 1) so that green means "as good as it gets".
    public func map(context: RewardContext, edgeScale: Float, fillAlpha: Float = 0.45) throws -> ColourImage {
        let objectOfSuperpixel = context.objectOfSuperpixel
        let grey = Overlay.grey(context.image)
        var fills = [SIMD3<Float>?](repeating: nil, count: grey.values.count)
        var alphaScale = [Float](repeating: 0, count: context.objectCount)
        var judged = [Bool](repeating: false, count: context.objectCount)
        for case let (_, .objects(values)) in ruleScores {
            for (object, value) in values.enumerated() where value != nil { judged[object] = true }
        }
        for (object, objectClass) in context.classes.enumerated() where judged[object] {
            alphaScale[object] = switch objectClass { case .foreground: 1; case .background: 0.3; case .discarded: 0 }
        }
        for (i, s) in context.superpixels.values.enumerated() {
            let object = objectOfSuperpixel[Int(s)]
            guard alphaScale[object] > 0 else { continue }
            // Blend per object class: fold the class's strength into the colour's distance from the grey pixel.
            fills[i] = grey.values[i] + alphaScale[object] * (ColourMap.redGreen(objectScores[object]) - grey.values[i])
        }
        let base = try Overlay.blend(grey, with: Grid(rows: grey.rows, cols: grey.cols, values: fills), alpha: fillAlpha)
        let scale = edgeScale > 0 ? 1 / edgeScale : 1
        return try Overlay.drawBoundaries(on: base, labels: context.superpixels) { a, b in
            guard let e = context.graph.edgeID(Int(a), Int(b)), context.actions[e] >= 0.5 else { return nil }
            return ColourMap.redGreen(edgeRewards[e] * scale)
        }
    }
}

extension RewardManifest {
    /// The sum of the rule weights: the largest edge reward when every rule scores 1 everywhere (profiles ≤ 1).
    public var totalWeight: Float { entries.reduce(0) { $0 + $1.weight } }
}
