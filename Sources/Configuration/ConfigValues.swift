import Foundation
import Yams

extension YAMLReader {
    /// A duration: a number of seconds, or a number with s, m, h or d ("90s", "15m", "2h", "1d").
    mutating func duration(_ node: Node?, _ what: String) -> TimeInterval? {
        guard let node else { return nil }
        guard let text = node.scalar?.string.trimmingCharacters(in: .whitespaces), let value = Duration.seconds(text), value > 0 else {
            fail(node, "\(what) must be a duration such as 90s, 15m, 2h or 1d")
            return nil
        }
        return value
    }


    /// A size: bytes, or a number with KB, MB or GB (powers of 1024).
    mutating func size(_ node: Node?, _ what: String) -> Int? {
        guard let node else { return nil }
        let text = node.scalar?.string.uppercased().replacingOccurrences(of: " ", with: "") ?? ""
        let units: [(String, Int)] = [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10), ("B", 1)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            if let number = Double(text.dropLast(suffix.count)), number > 0 { return Int(number * Double(factor)) }
        }
        if let bytes = Int(text), bytes > 0 { return bytes }
        fail(node, "\(what) must be a size such as 10MB, 512KB or a number of bytes")
        return nil
    }
}

/// Durations as feedwatch writes them: seconds, or a number with s, m, h or d ("90s", "15m", "2h", "1d").
public enum Duration {
    public static func seconds(_ text: String) -> TimeInterval? {
        if let seconds = Double(text) { return seconds }
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        guard let unit = text.last, let factor = units[unit], let number = Double(text.dropLast()) else { return nil }
        return number * factor
    }
}
