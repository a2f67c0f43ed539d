import CLibCurl
import Foundation

/// Many transfers at once on one libcurl multi handle, driven by whoever calls `step` — the daemon's
/// poll thread, never the cooperative pool, since `curl_multi_poll` blocks. A slow transfer holds up
/// nobody: each completes on its own. Per-host and total connection limits are libcurl's.
public final class MultiFetcher {
    private let multi: UnsafeMutableRawPointer
    private var transfers: [UInt: Transfer] = [:]

    public init(maximumConnections: Int, perHost: Int) throws(CurlError) {
        guard let multi = curl_multi_init() else { throw CurlError(message: "curl_multi_init failed") }
        self.multi = multi
        _ = fw_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, perHost)
        _ = fw_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, maximumConnections)
    }

    deinit {
        for transfer in transfers.values { curl_multi_remove_handle(multi, transfer.easy.handle) }
        transfers.removeAll()
        curl_multi_cleanup(multi)
    }

    public var inFlight: Int { transfers.count }
    public var inFlightURLs: Set<String> { Set(transfers.values.map(\.request.url)) }

    /// Starts a transfer. A request that cannot even be set up completes at once with its error.
    public func add(_ request: FetchRequest) -> FetchResult? {
        do {
            let transfer = try Transfer(request)
            let status = curl_multi_add_handle(multi, transfer.easy.handle)
            guard status == CURLM_OK else {
                return FetchResult(request: request, status: 0, headers: [], body: [], effectiveURL: nil, redirectStatuses: [],
                                   error: .setup(message: String(cString: curl_multi_strerror(status))), elapsed: 0)
            }
            transfers[UInt(bitPattern: transfer.easy.handle)] = transfer
            return nil
        } catch {
            return FetchResult(request: request, status: 0, headers: [], body: [], effectiveURL: nil, redirectStatuses: [],
                               error: .setup(message: error.description), elapsed: 0)
        }
    }

    /// Moves every transfer along, waits up to `timeout` for activity (or a `wakeUp`), and returns
    /// the transfers that finished.
    public func step(timeout: TimeInterval) -> [FetchResult] {
        var running: Int32 = 0
        curl_multi_perform(multi, &running)
        var finished = collect()
        if finished.isEmpty {
            curl_multi_poll(multi, nil, 0, Int32(max(0, min(timeout, 60)) * 1000), nil)
            curl_multi_perform(multi, &running)
            finished = collect()
        }
        return finished
    }

    /// Interrupts a `step` waiting in another thread. Safe to call from any thread.
    public func wakeUp() { curl_multi_wakeup(multi) }

    private func collect() -> [FetchResult] {
        var results: [FetchResult] = []
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            let key = UInt(bitPattern: handle)
            curl_multi_remove_handle(multi, handle)
            if let transfer = transfers.removeValue(forKey: key) { results.append(transfer.result(code: code)) }
        }
        return results
    }
}
