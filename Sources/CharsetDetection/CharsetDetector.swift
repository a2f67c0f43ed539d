import CUchardet

/// Guesses the character encoding of bytes that do not say what they are, with uchardet (the
/// detector Mozilla's universal charset detection grew into). Only for documents that declare
/// nothing and are not UTF-8: a declaration, when there is one, always wins.
public enum CharsetDetector {
    /// The encoding's name as uchardet gives it (`WINDOWS-1251`, `SHIFT_JIS`, `UTF-8`), lowercased;
    /// nil when it cannot tell (uchardet answers "" for that).
    public static func detect(_ bytes: ArraySlice<UInt8>) -> String? {
        guard !bytes.isEmpty, let detector = uchardet_new() else { return nil }
        defer { uchardet_delete(detector) }
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { uchardet_handle_data(detector, $0.baseAddress, $0.count) }
        }
        guard status == 0 else { return nil }
        uchardet_data_end(detector)
        guard let name = uchardet_get_charset(detector) else { return nil }
        let charset = String(cString: name).lowercased()
        return charset.isEmpty || charset == "ascii" ? nil : charset
    }
}
