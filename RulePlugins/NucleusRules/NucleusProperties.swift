import Descriptors

/// The eight object properties the nucleus rule compares (paper A.12), in this order.
public enum NucleusProperties {
    public static let names = [
        "eccentricity", "extent", "axis_minor_length", "perimeter", "solidity",
        "intensity_mean", "intensity_max", "intensity_min",
    ]

    /// The property vector of one object (intensities in the image's [0, 1] scale; 0 without an intensity image).
    public static func vector(_ object: ObjectDescriptors) -> [Double] {
        let intensity = object.intensity
        return [
            object.eccentricity, object.extent, object.axisMinorLength, object.perimeter, object.solidity,
            intensity?.mean ?? 0, intensity?.max ?? 0, intensity?.min ?? 0,
        ]
    }
}
