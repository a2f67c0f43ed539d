import Alerting
import Foundation
import Testing

@Suite struct LogSinkTests {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("feedwatch-log-\(UUID().uuidString)/alerts.jsonl").path

    private func lines() -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    @Test func appendsOneLinePerAlertAndSkipsARepeatOfTheLastOne() throws {
        let sink = LogSink(path: path)
        try sink.append("{\"id\":\"a\"}", unlessLastLineContains: "\"id\":\"a\"")
        try sink.append("{\"id\":\"a\"}", unlessLastLineContains: "\"id\":\"a\"")  // after a crash: written already
        try sink.append("{\"id\":\"b\"}", unlessLastLineContains: "\"id\":\"b\"")
        #expect(lines() == ["{\"id\":\"a\"}", "{\"id\":\"b\"}"])
    }

    @Test func aDeletedOrRotatedFileIsStartedAgain() throws {
        let sink = LogSink(path: path)
        try sink.append("one")
        try FileManager.default.removeItem(atPath: path)
        try sink.append("two")
        #expect(lines() == ["two"], "written to a new file at the path, not into the deleted one")
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        try sink.append("three")
        #expect(lines() == ["three"])
    }

    @Test func anUnwritableFolderIsAnErrorNamingThePath() {
        let sink = LogSink(path: "/proc/feedwatch/alerts.jsonl")
        #expect {
            try sink.append("x")
        } throws: { error in
            "\(error)".contains("/proc/feedwatch")
        }
    }
}
