import CPostgres
import Foundation

extension PostgresDatabase {
    /// Throws for a result that is not a success: the server's message, classified by SQLSTATE.
    func check(_ result: OpaquePointer?) throws(HistoryError) {
        guard let result else { throw lostConnection() }
        let status = api.pointee.resultStatus(result)
        // PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY.
        if status == 1 || status == 2 || status == 0 { return }
        throw error(from: result)
    }

    /// The error of `result`, or of the connection when there is no result.
    func error(from result: OpaquePointer?) -> HistoryError {
        guard let result else { return lostConnection() }
        let state = api.pointee.resultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? ""
        let primary = api.pointee.resultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
        let message = scrubbed(Self.oneLine(primary ?? String(cString: api.pointee.resultErrorMessage(result))))
        if api.pointee.status(connection) != 0 || state.hasPrefix("08") || state.hasPrefix("57P") {
            return .connection(path: name, message: "the connection to the server was lost (\(message))")
        }
        switch state {
        case "55P03": return .busy(path: name, seconds: Int(lockTimeout))
        default: return .postgres(path: name, message: state.isEmpty ? message : "\(message) (SQLSTATE \(state))")
        }
    }

    /// The connection's own message, for a call that returned no result or a broken connection.
    func lostConnection() -> HistoryError {
        let message = scrubbed(Self.oneLine(String(cString: api.pointee.errorMessage(connection))))
        return .connection(
            path: name, message: "the connection to the server was lost (\(message.isEmpty ? "no reply" : message))")
    }

    /// `message` without the URL's password, should a server or libpq ever echo it.
    func scrubbed(_ message: String) -> String { Self.scrub(message, secret: secret) }

    static func scrub(_ message: String, secret: String?) -> String {
        guard let secret else { return message }
        return message.replacingOccurrences(of: secret, with: "***")
    }

    /// libpq's messages span lines ("…failed: Connection refused\n\tIs the server running…"): one line.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// `body` with the strings as a NULL-terminated array of C strings, valid during the call.
    static func withCStrings<T>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
        let copies = strings.map { strdup($0) }
        defer { for copy in copies { free(copy) } }
        return body(copies.map { $0.map { UnsafePointer($0) } } + [nil])
    }
}
