import Foundation
import PostgresKit
import PostgresStorage
import Storage

/// `feedwatch-bench claims --database CONNINFO [--feeds 10000] [--batches 1,4,16,64]`: what claiming
/// due feeds costs on PostgreSQL, by batch size. Registers FEEDS feeds under http://claim-bench.invalid/
/// (removed again at the end), makes them all due, claims every one in batches and saves each with its
/// lease given back, as an instance does after a poll (one statement per feed). Prints, per batch size,
/// the time per claimed batch, per feed claimed and per feed saved, this process's CPU and PostgreSQL's (every process named `postgres` on the machine: run it on a
/// throwaway cluster, as `scripts/with-postgres.sh` starts).
enum ClaimBenchmark {
    static func run(arguments: [String]) throws {
        guard let conninfo = Measure.text("--database", in: arguments) else {
            print("usage: feedwatch-bench claims --database CONNINFO [--feeds 10000] [--batches 1,4,16,64]")
            return
        }
        let count = Measure.option("--feeds", in: arguments, default: 10_000)
        let batches = (Measure.text("--batches", in: arguments) ?? "1,4,16,64").split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
        let store = try PostgresStore(conninfo: conninfo)
        let setup = try Connection(conninfo: conninfo)
        let prefix = "http://claim-bench.invalid/"
        let urls = (0..<count).map { "\(prefix)\($0).xml" }
        try setup.execute("DELETE FROM feeds WHERE url LIKE $1", [.text(prefix + "%")])
        defer { _ = try? setup.execute("DELETE FROM feeds WHERE url LIKE $1", [.text(prefix + "%")]) }  // best effort: a bench's leftovers
        try setup.execute("""
            INSERT INTO feeds (url, initialized) SELECT $1 || n || '.xml', true FROM generate_series(0, $2 - 1) AS n
            """, [.text(prefix), .integer(count)])
        print("claiming \(count) due feeds on PostgreSQL, then saving each with its lease given back")
        print("batch   batches   ms per batch   µs claim / feed   µs save+release / feed   CPU-s / 1,000 (here)   (PostgreSQL)")
        for batch in batches {
            try setup.execute("UPDATE feeds SET lease_owner = NULL, lease_expires = NULL, next_poll = 0 WHERE url LIKE $1", [.text(prefix + "%")])
            let cpuBefore = Measure.cpuSeconds, postgresBefore = postgresCPUSeconds()
            var claimed: [FeedRecord] = [], batchCount = 0
            let now = Date()
            let claiming = try Measure.seconds {
                for start in stride(from: 0, to: urls.count, by: batch) {
                    let slice = Array(urls[start..<min(start + batch, urls.count)])
                    for case .claimed(let record) in try store.claimFeeds(slice, owner: "bench", until: now.addingTimeInterval(600), now: now,
                                                                         notPolledSince: nil) {
                        claimed.append(record)
                    }
                    batchCount += 1
                }
            }
            guard claimed.count == count else { throw StoreError("claimed \(claimed.count) of \(count) due feeds at batch size \(batch)") }
            let releasing = try Measure.seconds {
                for var record in claimed {
                    record.nextPoll = now.addingTimeInterval(3_600)
                    guard try store.saveFeed(record, releasingLeaseOf: "bench") else { throw StoreError("\(record.url) was not saved") }
                }
            }
            let here = Measure.cpuSeconds - cpuBefore, postgres = postgresCPUSeconds() - postgresBefore
            print(String(format: "%5d   %7d   %12.3f   %15.1f   %22.1f   %20.3f   %12.3f", batch, batchCount, claiming * 1000 / Double(batchCount),
                         claiming * 1e6 / Double(count), releasing * 1e6 / Double(count), here * 1000 / Double(count),
                         postgres * 1000 / Double(count)))
        }
    }

    /// User and system CPU of every process named `postgres`, in seconds (from /proc).
    static func postgresCPUSeconds() -> Double {
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        var total = 0.0
        for pid in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where Int(pid) != nil {
            guard let comm = try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8), comm.hasPrefix("postgres"),
                  let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }  // a process that ended meanwhile
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            // After the command: state is field 3, utime and stime are fields 14 and 15.
            if fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) { total += (user + system) / ticks }
        }
        return total
    }
}
