/// The table as CSV with scikit-image's `regionprops_table` column names, so analysis scripts written for
/// scikit-image read it unchanged.
extension ObjectTable {
    /// One column: its name (current scikit-image 0.26 name, and the pre-0.19 alias) and how to format a value.
    private struct Column {
        let name: String
        let legacyName: String
        let value: (ObjectDescriptors) -> String
        init(_ name: String, legacy: String? = nil, _ value: @escaping (ObjectDescriptors) -> String) {
            self.name = name
            self.legacyName = legacy ?? name
            self.value = value
        }
    }

    /// Header plus one row per object in label order. Floats are written with Swift's shortest round-trip
    /// representation, integers as integers. Intensity columns appear when the table has intensities;
    /// `circularity` (not a scikit-image property) comes last. `legacyNames` uses the pre-0.19 names
    /// (`minor_axis_length`, `convex_area`, `mean_intensity`, …) for older scripts.
    public func csv(legacyNames: Bool = false) -> String {
        var columns: [Column] = [
            Column("label") { "\($0.label)" },
            Column("area") { "\($0.area)" },
            Column("bbox-0") { "\($0.boundingBox.minRow)" },
            Column("bbox-1") { "\($0.boundingBox.minCol)" },
            Column("bbox-2") { "\($0.boundingBox.maxRow)" },
            Column("bbox-3") { "\($0.boundingBox.maxCol)" },
            Column("centroid-0") { "\($0.centroidRow)" },
            Column("centroid-1") { "\($0.centroidCol)" },
            Column("orientation") { "\($0.orientation)" },
            Column("eccentricity") { "\($0.eccentricity)" },
            Column("axis_major_length", legacy: "major_axis_length") { "\($0.axisMajorLength)" },
            Column("axis_minor_length", legacy: "minor_axis_length") { "\($0.axisMinorLength)" },
            Column("perimeter") { "\($0.perimeter)" },
            Column("perimeter_crofton") { "\($0.perimeterCrofton)" },
            Column("extent") { "\($0.extent)" },
            Column("solidity") { "\($0.solidity)" },
            Column("area_convex", legacy: "convex_area") { "\($0.areaConvex)" },
            Column("equivalent_diameter_area", legacy: "equivalent_diameter") { "\($0.equivalentDiameter)" },
            Column("euler_number") { "\($0.eulerNumber)" },
        ]
        if statistics.first?.intensity != nil {
            columns += [
                Column("intensity_mean", legacy: "mean_intensity") { "\($0.intensity?.mean ?? 0)" },
                Column("intensity_min", legacy: "min_intensity") { "\($0.intensity?.min ?? 0)" },
                Column("intensity_max", legacy: "max_intensity") { "\($0.intensity?.max ?? 0)" },
                Column("intensity_std") { "\($0.intensity?.standardDeviation ?? 0)" },
            ]
        }
        columns += [
            Column("inertia_tensor-0-0") { "\($0.inertiaTensor.t00)" },
            Column("inertia_tensor-0-1") { "\($0.inertiaTensor.t01)" },
            Column("inertia_tensor-1-0") { "\($0.inertiaTensor.t01)" },
            Column("inertia_tensor-1-1") { "\($0.inertiaTensor.t11)" },
            Column("inertia_tensor_eigvals-0") { "\($0.inertiaTensor.eigenvalues.0)" },
            Column("inertia_tensor_eigvals-1") { "\($0.inertiaTensor.eigenvalues.1)" },
            Column("circularity") { "\($0.circularity)" },
        ]
        var lines = [columns.map { legacyNames ? $0.legacyName : $0.name }.joined(separator: ",")]
        for object in self { lines.append(columns.map { $0.value(object) }.joined(separator: ",")) }
        return lines.joined(separator: "\n") + "\n"
    }
}
