import CShims
import Foundation

/// One GET over http(s) through the system's libcurl (loaded on first use): redirects followed,
/// the whole transfer bounded by a timeout, the body bounded in size.
enum HTTPFetch {
    enum Outcome: Equatable {
        /// The server answered; `status` is the final response's, after redirects.
        case response(status: Int, body: [UInt8])
        case timedOut(String)
        case failed(String)
    }

    /// The largest body accepted.
    static let maxBytes = 1 << 30

    static func get(_ url: String, timeout: TimeInterval) -> Outcome {
        var body = tidemark_http_body(data: nil, length: 0, capacity: 0, limit: maxBytes, overflowed: 0)
        defer { tidemark_http_body_free(&body) }
        var status = 0
        var message = [CChar](repeating: 0, count: 512)
        let result = message.withUnsafeMutableBufferPointer { buffer in
            tidemark_http_get(url, max(1, Int(timeout.rounded(.up))), &body, &status, buffer.baseAddress, buffer.count)
        }
        let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        switch result {
        case TIDEMARK_HTTP_DONE:
            let bytes = body.data.map { Array(UnsafeBufferPointer(start: $0, count: body.length)) } ?? []
            return .response(status: status, body: bytes)
        case TIDEMARK_HTTP_TIMEOUT: return .timedOut(text)
        default: return .failed(text)
        }
    }
}
