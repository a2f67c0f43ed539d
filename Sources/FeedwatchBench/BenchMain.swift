import FeedParser
import Foundation
import XMLKit

/// `feedwatch-bench parse` and `feedwatch-bench entities`: throughput and peak memory figures.
/// Build with `swift build -c release --product feedwatch-bench` (or `make bench`).
@main
enum BenchMain {
    static func main() throws {
        XMLLibrary.initialize()
        let arguments = Array(CommandLine.arguments.dropFirst())
        switch arguments.first {
        case "parse": ParseBenchmark.run(arguments: Array(arguments.dropFirst()))
        case "match", "entities": try EntityBenchmark.run(arguments: Array(arguments.dropFirst()))
        case "daemon": try DaemonBenchmark.run(arguments: Array(arguments.dropFirst()))
        default:
            print("usage: feedwatch-bench parse [--items N] [--rounds N]")
            print("       feedwatch-bench match [--megabytes N] [--sizes 10,1000,10000,100000]")
            print("       feedwatch-bench daemon [--feeds 1000] [--port 18590]   (serves feeds with python3 scripts/bench-server.py)")
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

    static func option(_ name: String, in arguments: [String], default value: Int) -> Int {
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return value }
        return Int(arguments[index + 1]) ?? value
    }
}
