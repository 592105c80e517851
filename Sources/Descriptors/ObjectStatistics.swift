import Foundation

/// The descriptors of one object that come from a single pass over the pixels: area, bounding box, centroid,
/// second central moments and intensity statistics, plus everything derived from them in closed form.
/// Definitions follow scikit-image 0.26 `regionprops` (see Documentation/Descriptors.md).
public struct ObjectStatistics: Sendable, Hashable {
    public var label: UInt32
    /// Pixel count.
    public var area: Int
    public var boundingBox: BoundingBox
    /// Mean pixel row and column.
    public var centroidRow: Double
    public var centroidCol: Double
    /// Central moments `μ20 = Σ(r − r̄)²`, `μ11 = Σ(r − r̄)(c − c̄)`, `μ02 = Σ(c − c̄)²`.
    public var mu20: Double
    public var mu11: Double
    public var mu02: Double
    /// Intensity statistics over the object's pixels; nil when the table was built without an intensity image.
    public var intensity: IntensityStatistics?

    /// scikit-image's `inertia_tensor`: `[[μ02, −μ11], [−μ11, μ20]] / area` (entry 00 is the *column* variance).
    public var inertiaTensor: InertiaTensor {
        let n = Double(area)
        return InertiaTensor(t00: mu02 / n, t01: -mu11 / n, t11: mu20 / n)
    }

    /// `4 √λ0`.
    public var axisMajorLength: Double { 4 * inertiaTensor.eigenvalues.0.squareRoot() }
    /// `4 √λ1`.
    public var axisMinorLength: Double { 4 * inertiaTensor.eigenvalues.1.squareRoot() }

    /// `√(1 − λ1/λ0)`; 0 for an object without extent (λ0 = 0, a single pixel).
    public var eccentricity: Double {
        let (l0, l1) = inertiaTensor.eigenvalues
        return l0 == 0 ? 0 : (1 - l1 / l0).squareRoot()
    }

    /// Angle from the +row axis towards the +col axis to the major axis, in `[−π/2, π/2]` (scikit-image's
    /// `orientation`): the major axis direction is `(Δrow, Δcol) = (cos θ, sin θ)`. A vertical line gives 0, a
    /// horizontal line +π/2, an isotropic object (a disk, a square, one pixel) −π/4.
    public var orientation: Double {
        let t = inertiaTensor
        if t.t00 == t.t11 { return t.t01 < 0 ? .pi / 4 : -.pi / 4 }
        return 0.5 * atan2(-2 * t.t01, t.t11 - t.t00)
    }

    /// Area over bounding-box area, in (0, 1].
    public var extent: Double { Double(area) / Double(boundingBox.area) }

    /// Diameter of the disk with the same area, `√(4·area/π)`.
    public var equivalentDiameter: Double { (4 * Double(area) / .pi).squareRoot() }
}

/// A symmetric 2×2 tensor `[[t00, t01], [t01, t11]]`.
public struct InertiaTensor: Sendable, Hashable {
    public var t00: Double
    public var t01: Double
    public var t11: Double

    /// `(λ0, λ1)` with `λ0 ≥ λ1 ≥ 0` (negative rounding noise clipped to 0), in closed form: a 2×2 symmetric
    /// eigenproblem needs no LAPACK call.
    public var eigenvalues: (Double, Double) {
        let mean = (t00 + t11) / 2
        let radius = hypot((t00 - t11) / 2, t01)
        return (max(mean + radius, 0), max(mean - radius, 0))
    }
}

/// Intensity statistics over an object's pixels (scikit-image `intensity_mean/min/max/std`).
public struct IntensityStatistics: Sendable, Hashable {
    public var mean: Double
    public var min: Double
    public var max: Double
    /// Population standard deviation (divides by the pixel count, like NumPy's `std`).
    public var standardDeviation: Double

    public init(mean: Double, min: Double, max: Double, standardDeviation: Double) {
        self.mean = mean
        self.min = min
        self.max = max
        self.standardDeviation = standardDeviation
    }
}
