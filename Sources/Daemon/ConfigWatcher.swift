import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells when one of the configuration files may have changed, without waking on a timer: inotify
/// on the folders that hold them (editors and deploy tools replace a file by renaming a new one over
/// it, which a watch on the file itself would miss). Where inotify is unavailable it falls back to
/// comparing the files' stamps every few seconds.
final class ConfigWatcher: Sendable {
    /// Rings once per batch of events that name a watched file.
    let changes: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation
    private nonisolated(unsafe) let source: DispatchSourceRead?
    private let descriptor: Int32

    /// Watches `files` (their folders, filtered by name).
    init(files: [String]) {
        (changes, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let names = Set(files.map { URL(fileURLWithPath: $0).lastPathComponent })
        let folders = Set(files.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path })
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else {
            source = nil
            return
        }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MODIFY | IN_ATTRIB | IN_MOVED_FROM)
        for folder in folders { _ = inotify_add_watch(descriptor, folder, mask) }
        let source = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: .global())
        let descriptor = self.descriptor
        let continuation = self.continuation
        source.setEventHandler {
            if Self.drain(descriptor).contains(where: names.contains) { continuation.yield() }
        }
        // Closed once the source is done with it, not while an event handler may still read it.
        source.setCancelHandler { close(descriptor) }
        source.resume()
        self.source = source
    }

    deinit {
        source?.cancel()
        continuation.finish()
    }

    /// True when the files are watched by inotify; false when the caller must compare stamps itself.
    var isWatching: Bool { source != nil }

    /// Reads every pending event and returns the file names they concern.
    private static func drain(_ descriptor: Int32) -> [String] {
        var names: [String] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return names }
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let length = buffer.withUnsafeBytes { Int($0.load(fromByteOffset: offset, as: inotify_event.self).len) }
                let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)].prefix { $0 != 0 }
                names.append(String(decoding: nameBytes, as: UTF8.self))
                offset += header + length
            }
        }
    }

    /// What a file looks like now; a change in any part means it was written.
    struct Stamp: Equatable, Sendable {
        var modified: Date?
        var size: Int?
        var inode: Int?
    }

    static func stamps(of files: [String]) -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        for file in files {
            let attributes = (try? FileManager.default.attributesOfItem(atPath: file)) ?? [:]  // a missing file has no stamp
            stamps[file] = Stamp(modified: attributes[.modificationDate] as? Date, size: (attributes[.size] as? NSNumber)?.intValue,
                                 inode: (attributes[.systemFileNumber] as? NSNumber)?.intValue)
        }
        return stamps
    }
}
