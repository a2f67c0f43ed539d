import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

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
    ///
    /// `marker` (the alert's `"id":"…"`) makes it exactly-once across crashes: a crash between writing
    /// the line and recording the delivery leaves the line as the file's last, and then it is not
    /// written again. Deliveries are in order, so the last line is the only place a repeat can be.
    public func append(_ line: String, unlessLastLineContains marker: String? = nil) throws {
        try handle.withLock { handle in
            // Deleted or moved away (logrotate without SIGHUP): an open handle would write into the
            // unlinked file, so the path's file is checked and reopened when it is another one.
            if let open = handle, !Self.isSameFile(open, path) {
                try? open.close()
                handle = nil
            }
            if handle == nil {
                handle = try Self.open(path)
            }
            guard let file = handle else { return }
            do {
                if let marker, try Self.lastLine(of: file).contains(marker) { return }
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

    private static func isSameFile(_ file: FileHandle, _ path: String) -> Bool {
        var opened = stat(), named = stat()
        guard fstat(file.fileDescriptor, &opened) == 0, stat(path, &named) == 0 else { return false }
        return opened.st_ino == named.st_ino && opened.st_dev == named.st_dev
    }

    private static func lastLine(of file: FileHandle) throws -> String {
        let end = try file.seekToEnd()
        guard end > 0 else { return "" }
        let start = end > 65_536 ? end - 65_536 : 0
        try file.seek(toOffset: start)
        let tail = try file.readToEnd() ?? Data()
        let text = String(decoding: tail, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: true).last.map(String.init) ?? ""
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
        guard let file = FileHandle(forUpdatingAtPath: path) else { throw LogSinkError(path: path, reason: "cannot open the file for writing") }
        return file
    }
}

public struct LogSinkError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "log sink \(path): \(reason)" }
}
