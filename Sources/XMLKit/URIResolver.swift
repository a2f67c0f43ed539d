import CLibXML2

/// Resolves relative references (RFC 3986 §5) with libxml2's URI code.
public enum URIResolver {
    /// `reference` made absolute against `base`; the reference unchanged when there is no base or it
    /// cannot be resolved.
    public static func resolve(_ reference: String, against base: String?) -> String {
        guard let base, !base.isEmpty else { return reference }
        guard let built = xmlBuildURI(reference, base) else { return reference }
        defer { fw_xmlFree(built) }
        return String(cString: built)
    }
}
