import Yams
import Results

extension SpecReader {
    /// The values of every table-only axis the spec lists (`omp_spincount: [0, default]`), as each axis's
    /// canonical text; a value the axis does not take, or one listed twice, is a problem with its line.
    func tableAxes(_ top: [String: Node]) -> [String: [String]] {
        var found: [String: [String]] = [:]
        for axis in Axis.tableOnly {
            guard let key = axis.specKey, let node = top[key], let values = axis.values else { continue }
            var parsed: [String] = []
            for (item, path) in items(node, field: key) {
                guard let text = item.scalar?.string, let value = values.parse(text) else {
                    report(item, path, "\(describe(item)) is not one of: \(values.vocabulary)")
                    continue
                }
                if parsed.contains(value) {
                    report(item, path, "\(value) is listed twice")
                } else {
                    parsed.append(value)
                }
            }
            if !parsed.isEmpty { found[axis.name] = parsed }
        }
        return found
    }

    /// `roles: {AXIS: knob|condition|subject}`: how answers treat an axis in this spec.
    func roles(_ node: Node) -> [String: AxisRole]? {
        guard let mapping = node.mapping else {
            report(node, "roles", "expected a mapping of axis to role, e.g. {libtorch: condition}")
            return nil
        }
        var roles: [String: AxisRole] = [:]
        for (keyNode, valueNode) in mapping {
            guard let name = keyNode.string, let axis = Axis.named(name) else {
                report(keyNode, "roles", "\(describe(keyNode)) is not an axis (\(Axis.all.map(\.name).joined(separator: ", ")))")
                continue
            }
            guard let text = valueNode.string, let role = AxisRole(rawValue: text.lowercased()) else {
                report(valueNode, "roles.\(name)", "\(describe(valueNode)) is not one of: \(AxisRole.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            roles[axis.name] = role
        }
        return roles
    }
}
