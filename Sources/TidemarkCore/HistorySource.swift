import CoverageModel
import Foundation
import HistoryStore

/// Where `--history-from` restores a history from: a previous site's folder (an unpacked CI
/// artifact), a `history.jsonl.gz` or `.jsonl` file, or the URL of a published site.
struct HistorySource: Equatable {
    enum Location: Equatable {
        case file(String)
        case url(String)
    }

    /// What the source held.
    enum Fetched: Equatable {
        /// Runs in the export format, with the file's bytes when it is a history download a site
        /// carries (its members can be copied into the next one).
        case runs([RunSummary], download: [UInt8]?)
        /// Nothing there yet (a first run, a site not published yet): a warning, not an error.
        case missing(String)
    }

    /// The largest history accepted, uncompressed.
    static let maxBytes = 2 << 30

    let text: String
    let location: Location

    /// `SOURCE` as given: a URL when it starts with http:// or https:// (any case), else a path; a
    /// folder or a site URL stands for the `history.jsonl.gz` in it.
    init(_ text: String) {
        self.text = text
        let lowered = text.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            let isFile = lowered.hasSuffix(".gz") || lowered.hasSuffix(".jsonl")
            location = .url(isFile ? text : (text.hasSuffix("/") ? text : text + "/") + HistoryDownload.fileName)
        } else {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: text, isDirectory: &isFolder)
            location = .file(exists && isFolder.boolValue ? text + "/" + HistoryDownload.fileName : text)
        }
    }

    /// Reads the runs the source holds.
    /// - Throws: `UsageError`-free `HistorySourceError` for a source that answered with something that
    ///   is not a history, or did not answer in time.
    func fetch(timeout: TimeInterval) throws(HistorySourceError) -> Fetched {
        let name: String
        let bytes: [UInt8]
        switch location {
        case .file(let path):
            name = path
            var info = stat()
            guard stat(path, &info) == 0 else { return .missing("\(path) does not exist (a first run?)") }
            guard (info.st_mode & S_IFMT) == S_IFREG else {
                throw HistorySourceError(source: path, reason: "not a regular file")
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw HistorySourceError(source: path, reason: "cannot be read")
            }
            bytes = [UInt8](data)
        case .url(let url):
            name = url
            switch HTTPFetch.get(url, timeout: timeout) {
            case .response(let status, let body) where (200..<300).contains(status): bytes = body
            case .response(let status, _) where status == 404 || status == 410:
                return .missing("\(url) answered \(status) (no published history yet?)")
            case .response(let status, _):
                throw HistorySourceError(source: url, reason: "the server answered HTTP \(status)")
            case .timedOut(let message):
                throw HistorySourceError(
                    source: url, reason: "no answer within \(Int(timeout)) s (\(message)); raise --history-from-timeout"
                )
            case .failed(let message): throw HistorySourceError(source: url, reason: message)
            }
        }
        return .runs(
            try Self.runs(in: bytes, name: name), download: GzipMembers.members(of: bytes) == nil ? nil : bytes)
    }

    /// The runs of a history file's bytes: gzip (any writer) or plain JSON Lines.
    static func runs(in bytes: [UInt8], name: String) throws(HistorySourceError) -> [RunSummary] {
        var text = bytes
        if bytes.starts(with: [0x1f, 0x8b]) {
            do {
                text = try GzipMembers.decompress(bytes, limit: maxBytes)
            } catch {
                let reason: String
                switch error {
                case .notGzip: reason = "not gzip data"
                case .truncated: reason = "the gzip data is cut short (an interrupted download?)"
                case .corrupt(let message): reason = "the gzip data is damaged (\(message))"
                case .tooLarge(let limit): reason = "it holds more than \(limit >> 20) MB of history"
                }
                throw HistorySourceError(source: name, reason: reason)
            }
        }
        do {
            return try HistoryExchange.parse(bytes: text, path: name)
        } catch {
            throw HistorySourceError(source: name, reason: error.description, located: true)
        }
    }
}

/// A history source that could not be used: nothing is imported or recorded.
struct HistorySourceError: Error, CustomStringConvertible {
    let source: String
    let reason: String
    /// The reason already names the source (and the line).
    var located = false

    var description: String {
        located ? "--history-from: \(reason)" : "--history-from \(source): \(reason); nothing was imported or recorded"
    }
}
