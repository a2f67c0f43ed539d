/// A `style` attribute with only `HTMLAllowList`'s properties and values: colours, sizes, fonts and
/// alignment stay; `url(…)`, `expression(…)`, escapes, comments and positioning go. A declaration
/// list that does not even look like plain CSS is dropped whole.
enum CSSSanitizer {
    static func sanitize(_ style: String) -> String? {
        // Backslash escapes and comments are how filters are slipped past: refuse them outright.
        guard !style.contains("\\"), !style.contains("/*"), !style.lowercased().contains("url("),
              !style.lowercased().contains("expression"), style.unicodeScalars.allSatisfy(isPlainCSS) else { return nil }
        var kept: [String] = []
        for declaration in style.split(separator: ";") {
            guard let colon = declaration.firstIndex(of: ":") else { continue }
            let property = declaration[..<colon].trimmed.lowercased()
            let value = declaration[declaration.index(after: colon)...].trimmed
            guard !value.isEmpty else { continue }
            if HTMLAllowList.cssProperties.contains(property) {
                kept.append("\(property): \(value)")
            } else if HTMLAllowList.cssShorthands.contains(property) || property.hasPrefix("border-") && property.hasSuffix("-width"),
                      value.split(separator: " ").allSatisfy({ isKnownValue(String($0)) }) {
                kept.append("\(property): \(value)")
            }
        }
        return kept.joined(separator: "; ")
    }

    private static func isPlainCSS(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", " ", "\t", "\n", "\r", ":", ";", ",", ".", "#", "%", "!", "-", "'", "\"", "(", ")", "_":
            return true
        default:
            return scalar.value > 0x7F && scalar.properties.isAlphabetic  // font names in other scripts
        }
    }

    /// A keyword of the list, a colour (`#abc`, `rgb(…)`) or a length (`2px`, `1.5em`, `0`).
    private static func isKnownValue(_ token: String) -> Bool {
        let lower = token.lowercased()
        if HTMLAllowList.cssKeywords.contains(lower) { return true }
        if lower.hasPrefix("#"), (4...9).contains(lower.count), lower.dropFirst().allSatisfy(\.isHexDigit) { return true }
        if lower.hasPrefix("rgb(") || lower.hasPrefix("rgba(") {
            return lower.hasSuffix(")") && lower.dropFirst(4).dropLast().allSatisfy { $0.isNumber || $0 == "," || $0 == "." || $0 == "%" || $0 == "(" || $0 == " " }
        }
        let units = ["px", "em", "rem", "ex", "pt", "pc", "cm", "mm", "in", "%"]
        let number = units.first { lower.hasSuffix($0) }.map { String(lower.dropLast($0.count)) } ?? lower
        return !number.isEmpty && number.allSatisfy { $0.isNumber || $0 == "." || $0 == "-" } && (number != lower || number.allSatisfy { $0 == "0" })
    }
}
