import FeedParser
import Foundation
import XMLKit

/// `feedwatch-bench parse` and `feedwatch-bench entities`: throughput and peak memory figures.
/// Build with `swift build -c release --product feedwatch-bench` (or `make bench`).
@main
enum BenchMain {
    static func main() async throws {
        XMLLibrary.initialize()
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch arguments.first {
        case "parse": ParseBenchmark.run(arguments: Array(arguments.dropFirst()))
        case "match", "entities": try EntityBenchmark.run(arguments: Array(arguments.dropFirst()))
        case "daemon": try await DaemonBenchmark.run(arguments: Array(arguments.dropFirst()))
        case "claims": try ClaimBenchmark.run(arguments: Array(arguments.dropFirst()))
        case "deliver": try await DeliveryBenchmark.run(arguments: Array(arguments.dropFirst()))
        case "train-ner": try TrainNER.run(arguments: Array(arguments.dropFirst()))
        default:
            print("usage: feedwatch-bench parse [--items N] [--rounds N] [--file FEED [--memory]] [--hostile nested|categories|large|huge|attributes|all [--scale N] [--write DIR]]")
            print("       feedwatch-bench match [--megabytes N | --corpus ARTICLES] [--phrases PHRASES] [--sizes 10,1000,10000,100000] [--match-only]")
            print("       feedwatch-bench train-ner [--data ../shared/data/ner] [--epochs 10] [--write FILE] [--errors CORPUS] [--show FILE]")
            print("       feedwatch-bench daemon [--feeds 1000] [--port 18590]   (serves feeds with python3 scripts/bench-server.py)")
            print("       feedwatch-bench claims --database CONNINFO [--feeds 10000] [--batches 1,4,16,64]")
            print("       feedwatch-bench deliver [--alerts 500] [--port 18591]   (receivers: scripts/bench-server.py, scripts/smtp-receiver.py)")
        }
    }
}

/// Measurement helpers shared by the benchmarks.
enum Measure {
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// Peak resident set size of this process so far, in MiB (getrusage).
    static var peakMemoryMiB: Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// CPU seconds (user and system) this process has used so far.
    static var cpuSeconds: Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// A file's bytes, read straight into one array (no second copy on the way).
    static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        fseek(file, 0, SEEK_END)
        let size = ftell(file)
        fseek(file, 0, SEEK_SET)
        guard size >= 0 else { return nil }
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = fread(buffer.baseAddress, 1, size, file)
        }
        return bytes.count == size ? bytes : nil
    }

    static func text(_ name: String, in arguments: [String]) -> String? {
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }

    static func option(_ name: String, in arguments: [String], default value: Int) -> Int {
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return value }
        return Int(arguments[index + 1]) ?? value
    }
}
