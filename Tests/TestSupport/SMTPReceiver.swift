import Foundation

/// A real SMTP server on loopback (aiosmtpd, through scripts/smtp-receiver.py), with a certificate
/// of its own made by openssl for STARTTLS and smtps, and the messages it accepted.
public final class SMTPReceiver: Sendable {
    public enum Security: String, Sendable { case starttls, implicit, none }

    public struct Message: Sendable {
        /// The DATA as received, CRLF line endings kept.
        public var raw: String
        public var mailFrom: String
        public var recipients: [String]
        public var authUser: String?
        public var tls: Bool

        /// The value of the first header called `name` (unfolded).
        public func header(_ name: String) -> String? {
            let head = raw.components(separatedBy: "\r\n\r\n").first ?? ""
            var value: String?
            for line in head.components(separatedBy: "\r\n") {
                if line.hasPrefix(" ") || line.hasPrefix("\t") {
                    if value != nil { value? += line }
                    continue
                }
                if value != nil { break }
                if line.lowercased().hasPrefix(name.lowercased() + ":") { value = String(line.dropFirst(name.count + 1)).trimmingCharacters(in: .whitespaces) }
            }
            return value
        }

        /// The decoded text of the MIME part of `type` (text/plain, text/html).
        public func part(_ type: String) -> String? {
            guard let start = raw.range(of: "Content-Type: \(type)") else { return nil }
            let afterHeaders = raw[start.upperBound...].range(of: "\r\n\r\n").map { raw[$0.upperBound...] } ?? ""
            let encoded = afterHeaders.prefix { $0 != "-" }.filter { !$0.isWhitespace }
            return Data(base64Encoded: String(encoded)).map { String(decoding: $0, as: UTF8.self) }
        }
    }

    public let port: Int
    public let certificate: String
    private let folder: URL
    private let process: Process

    public init(security: Security, user: String? = nil, password: String? = nil, failFirst: Int = 0) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-smtp-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        certificate = folder.appendingPathComponent("cert.pem").path
        let key = folder.appendingPathComponent("key.pem").path
        try Self.run(["/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                      "-addext", "subjectAltName=IP:127.0.0.1", "-days", "2", "-keyout", key, "-out", certificate])
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/smtp-receiver.py").path
        let portFile = folder.appendingPathComponent("port").path
        var arguments = [script, "--port-file", portFile, "--out", folder.appendingPathComponent("mail").path, "--tls", security.rawValue,
                         "--cert", certificate, "--key", key, "--fail-first", "\(failFirst)"]
        if let user, let password { arguments += ["--user", user, "--password", password] }
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = arguments
        // Not the test's own output: swift test waits for every holder of that pipe to close it.
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice  // aiosmtpd's tracebacks for the handshakes a test makes fail
        try process.run()
        let deadline = Date().addingTimeInterval(20)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            found = (try? String(contentsOfFile: portFile, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if found == nil { Thread.sleep(forTimeInterval: 0.05) }
        }
        guard let found else {
            process.terminate()
            throw Failure(description: "the SMTP receiver did not start (is python3-aiosmtpd installed? make deps)")
        }
        port = found
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: folder)
    }

    /// The messages accepted so far, in order.
    public var messages: [Message] {
        let mail = folder.appendingPathComponent("mail")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: mail.path)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
        return names.compactMap { name in
            let base = mail.appendingPathComponent(String(name.dropLast(4)))
            guard let raw = try? String(contentsOf: base.appendingPathExtension("eml"), encoding: .utf8),
                  let data = FileManager.default.contents(atPath: base.appendingPathExtension("json").path),
                  let envelope = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return nil }
            return Message(raw: raw, mailFrom: envelope["mail_from"] as? String ?? "", recipients: envelope["rcpt_tos"] as? [String] ?? [],
                           authUser: envelope["auth_user"] as? String, tls: envelope["tls"] as? Bool ?? false)
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private static func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure(description: "\(arguments[0]) failed with \(process.terminationStatus)") }
    }
}
