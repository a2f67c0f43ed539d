import Configuration

/// Any text as feeds.yaml: a configuration or errors with positions, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? ConfigLoader.load(yaml: text, file: "fuzz.yaml")
    return 0
}
