import Foundation
import Synchronization

/// Appends one JSON object per line to a file, and flushes it per alert. `reopen()` (on SIGHUP)
/// starts writing to a fresh file after logrotate moved the old one away.
public final class LogSink: Sendable {
    public let path: String
    private let handle: Mutex<FileHandle?>

    public init(path: String) {
        self.path = path
        handle = Mutex(nil)
    }

    /// Appends `line` and a newline; throws with the path when the file cannot be written (disk full,
    /// folder gone), and the delivery is retried.
    public func append(_ line: String) throws {
        try handle.withLock { handle in
            if handle == nil {
                handle = try Self.open(path)
            }
            guard let file = handle else { return }
            do {
                try file.seekToEnd()
                try file.write(contentsOf: Data((line + "\n").utf8))
                try file.synchronize()
            } catch {
                // The next attempt opens the file again: it may have been deleted or moved.
                try? file.close()
                handle = nil
                throw LogSinkError(path: path, reason: "\(error)")
            }
        }
    }

    public func reopen() {
        handle.withLock { handle in
            try? handle?.close()
            handle = nil
        }
    }

    private static func open(_ path: String) throws -> FileHandle {
        let manager = FileManager.default
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !manager.fileExists(atPath: folder) {
            try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        if !manager.fileExists(atPath: path) {
            guard manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o640]) else {
                throw LogSinkError(path: path, reason: "cannot create the file")
            }
        }
        guard let file = FileHandle(forWritingAtPath: path) else { throw LogSinkError(path: path, reason: "cannot open the file for writing") }
        return file
    }
}

public struct LogSinkError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "log sink \(path): \(reason)" }
}
