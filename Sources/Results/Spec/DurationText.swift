import Foundation

/// Durations as people write them in a spec: `90`, `90s`, `35m`, `2h`, `1h30m`, `500ms`.
/// The fallback parser of `SpecValidationContext`: the arbench command hands in the scene
/// generator's own parser, but the sweep module does not depend on the scene generator.
public enum DurationText {
    public static func seconds(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let plain = Double(trimmed) { return plain >= 0 ? plain : nil }
        var total = 0.0
        var number = ""
        var rest = Substring(trimmed)
        var sawPart = false
        while let first = rest.first {
            if first.isNumber || first == "." {
                number.append(first)
                rest = rest.dropFirst()
                continue
            }
            guard let value = Double(number) else { return nil }
            let unit: Double
            if rest.hasPrefix("ms") { unit = 0.001; rest = rest.dropFirst(2) }
            else if first == "h" { unit = 3600; rest = rest.dropFirst() }
            else if first == "m" { unit = 60; rest = rest.dropFirst() }
            else if first == "s" { unit = 1; rest = rest.dropFirst() }
            else { return nil }
            total += value * unit
            number = ""
            sawPart = true
        }
        return sawPart && number.isEmpty ? total : nil
    }

    /// Whole seconds as `seconds` reads them back: `45s`, `2m05s`, `1h02m`.
    public static func text(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total >= 3600 { return String(format: "%dh%02dm", total / 3600, (total % 3600) / 60) }
        if total >= 60 { return String(format: "%dm%02ds", total / 60, total % 60) }
        return "\(total)s"
    }
}
