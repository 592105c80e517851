extension ColourMap {
    /// A distinct, saturated colour for an object label: hues step by the golden ratio, so neighbouring ids differ
    /// strongly, and the same id has the same colour in every figure. Label 0 is black (background).
    public static func label(_ id: UInt32) -> SIMD3<Float> {
        guard id != 0 else { return .zero }
        let hue = (Double(id) * 0.618_033_988_749_895).truncatingRemainder(dividingBy: 1)
        let value: Float = id % 2 == 0 ? 0.8 : 1
        return hsv(hue: Float(hue), saturation: 0.7, value: value)
    }

    /// HSV → RGB, hue in [0, 1) around the colour circle.
    public static func hsv(hue: Float, saturation: Float, value: Float) -> SIMD3<Float> {
        let h = (hue - hue.rounded(.down)) * 6
        let sector = Int(h) % 6, f = h - h.rounded(.down)
        let (p, q, t) = (value * (1 - saturation), value * (1 - saturation * f), value * (1 - saturation * (1 - f)))
        switch sector {
        case 0: return SIMD3(value, t, p)
        case 1: return SIMD3(q, value, p)
        case 2: return SIMD3(p, value, t)
        case 3: return SIMD3(p, q, value)
        case 4: return SIMD3(t, p, value)
        default: return SIMD3(value, p, q)
        }
    }
}

extension Overlay {
    /// A label image in colour: every object its `ColourMap.label` colour, label 0 black.
    public static func labels(_ labels: LabelImage) -> ColourImage {
        labels.map(ColourMap.label)
    }
}
