/// Every descriptor of one object of an `ObjectTable`, by name. Cheap to create: a reference to the table and a
/// position. One-pass statistics are read directly; boundary and convex descriptors come from the table's caches.
public struct ObjectDescriptors: Sendable {
    public let table: ObjectTable
    /// Position in the table (label order).
    public let index: Int

    public var statistics: ObjectStatistics { table.statistics[index] }

    public var label: UInt32 { statistics.label }
    public var area: Int { statistics.area }
    public var boundingBox: BoundingBox { statistics.boundingBox }
    public var centroidRow: Double { statistics.centroidRow }
    public var centroidCol: Double { statistics.centroidCol }
    public var inertiaTensor: InertiaTensor { statistics.inertiaTensor }
    public var orientation: Double { statistics.orientation }
    public var eccentricity: Double { statistics.eccentricity }
    public var axisMajorLength: Double { statistics.axisMajorLength }
    public var axisMinorLength: Double { statistics.axisMinorLength }
    public var extent: Double { statistics.extent }
    public var equivalentDiameter: Double { statistics.equivalentDiameter }
    public var intensity: IntensityStatistics? { statistics.intensity }

    /// scikit-image's `perimeter` (4-neighbourhood); 0 for objects of one or two pixels.
    public var perimeter: Double { table.boundaryMeasures(index).perimeter }
    /// scikit-image's `perimeter_crofton` (4 directions); about 2.68 for one pixel.
    public var perimeterCrofton: Double { table.boundaryMeasures(index).perimeterCrofton }
    /// 8-connected pieces minus 4-connected holes.
    public var eulerNumber: Int { table.boundaryMeasures(index).eulerNumber }
    /// Pixels whose centre lies in the convex hull of the pixel-edge midpoints.
    public var areaConvex: Int { table.convexMeasures(index).areaConvex }
    /// `area / areaConvex`, in (0, 1].
    public var solidity: Double { Double(area) / Double(areaConvex) }
    /// `4π·area / perimeter²`; 0 when the perimeter is 0 (objects of one or two pixels).
    public var circularity: Double {
        let p = perimeter
        return p > 0 ? 4 * .pi * Double(area) / (p * p) : 0
    }
    public var minimumAreaRectangle: RotatedRectangle { table.minimumAreaRectangle(index) }
}
