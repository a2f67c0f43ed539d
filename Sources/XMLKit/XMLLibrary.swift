import CLibXML2

/// Process-wide libxml2 set-up. Call `initialize()` first thing in `main`, before any thread starts:
/// libxml2's global state is not safe to initialise concurrently.
public enum XMLLibrary {
    public static func initialize() {
        xmlInitParser()
        // Errors are collected per document by the reader; nothing may go straight to stderr.
        fw_silence_generic_errors()
    }

    public static var version: String { LIBXML_DOTTED_VERSION }
}
