import CLibXML2

/// Process-wide libxml2 set-up. Call `initialize()` first thing in `main`, before any thread starts:
/// libxml2's global state is not safe to initialise concurrently.
public enum XMLLibrary {
    public static func initialize() { xmlInitParser() }

    public static var version: String { LIBXML_DOTTED_VERSION }
}
