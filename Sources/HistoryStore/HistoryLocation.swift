import Foundation

/// Where a history lives: an SQLite file, or a PostgreSQL database given by its URL
/// (`postgresql://USER@HOST:PORT/DB?sslmode=…`, read by libpq, so `PGPASSWORD`, `~/.pgpass`,
/// service files and Unix sockets work as with psql).
public enum HistoryLocation: Equatable, Sendable {
    case sqlite(path: String)
    case postgres(url: String)

    /// A `postgresql://` or `postgres://` URL is a server; anything else is an SQLite file's path.
    public init(_ text: String) {
        let lowered = text.lowercased()
        if lowered.hasPrefix("postgresql://") || lowered.hasPrefix("postgres://") {
            self = .postgres(url: text)
        } else {
            self = .sqlite(path: text)
        }
    }

    /// How messages name the history: the file's path, or the URL with any password replaced by
    /// `***` (in the user part and in `password=` parameters), so it never reaches a log.
    public var display: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): Self.redacted(url)
        }
    }

    /// The password written into the URL, percent-decoded, or nil: a password belongs in
    /// `PGPASSWORD` or `~/.pgpass`, and messages never show it.
    public var urlPassword: String? {
        guard case .postgres(let url) = self else { return nil }
        if let userInfo = Self.parts(of: url).userInfo, let colon = userInfo.firstIndex(of: ":") {
            let raw = String(userInfo[userInfo.index(after: colon)...])
            return raw.removingPercentEncoding ?? raw
        }
        for (key, value) in Self.parameters(of: url) where Self.isSecret(key) {
            return value.removingPercentEncoding ?? value
        }
        return nil
    }

    /// The file a lock beside the history protects, for SQLite; a server needs none.
    public var localPath: String? {
        if case .sqlite(let path) = self { return path }
        return nil
    }

    // MARK: - Redaction

    static func redacted(_ url: String) -> String {
        let parts = parts(of: url)
        var text = parts.scheme
        if let userInfo = parts.userInfo {
            if let colon = userInfo.firstIndex(of: ":") {
                text += String(userInfo[..<colon]) + ":***@"
            } else {
                text += String(userInfo) + "@"
            }
        }
        let rest = String(parts.rest)
        guard let question = rest.firstIndex(of: "?") else { return text + rest }
        let query = rest[rest.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false)
        let shown = query.map { pair -> String in
            guard let equals = pair.firstIndex(of: "="), isSecret(String(pair[..<equals])) else { return String(pair) }
            return String(pair[..<equals]) + "=***"
        }
        return text + String(rest[..<question]) + "?" + shown.joined(separator: "&")
    }

    /// `scheme://`, the user part before the last `@` of what precedes the query (a password with
    /// an unencoded `/` or `@` still ends up inside it), and the rest.
    private static func parts(of url: String) -> (scheme: String, userInfo: Substring?, rest: Substring) {
        guard let separator = url.range(of: "://") else { return ("", nil, Substring(url)) }
        let scheme = String(url[..<separator.upperBound])
        let afterScheme = url[separator.upperBound...]
        let beforeQuery = afterScheme.firstIndex(of: "?").map { afterScheme[..<$0] } ?? afterScheme
        guard let at = beforeQuery.lastIndex(of: "@") else { return (scheme, nil, afterScheme) }
        return (scheme, afterScheme[..<at], afterScheme[afterScheme.index(after: at)...])
    }

    private static func parameters(of url: String) -> [(String, String)] {
        guard let question = url.firstIndex(of: "?") else { return [] }
        let query: Substring = url[url.index(after: question)...]
        var result: [(String, String)] = []
        for pair in query.split(separator: "&") {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            result.append((String(pair[..<equals]), String(pair[equals...].dropFirst())))
        }
        return result
    }

    /// libpq's parameters that hold a secret: `password`, `sslpassword`.
    private static func isSecret(_ key: String) -> Bool { key.lowercased().contains("password") }
}
