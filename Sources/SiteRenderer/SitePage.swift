import Foundation

/// One file of the site, ready to be written: a relative path and its bytes — or, for a page whose
/// inputs did not change since the last render, a note to keep the file that is already there.
public struct SitePage: Sendable, Equatable {
    public let path: String
    /// The file's bytes: UTF-8 text.
    public let bytes: [UInt8]
    /// A fingerprint of the page's inputs, kept in the site's manifest for the next render.
    public let key: String?
    /// The page is unchanged: the published file is kept (linked when the site is swapped in whole).
    public let isReused: Bool

    public init(path: String, contents: String, key: String? = nil, isReused: Bool = false) {
        self.init(path: path, bytes: Array(contents.utf8), key: key, isReused: isReused)
    }

    public init(path: String, bytes: [UInt8], key: String? = nil, isReused: Bool = false) {
        self.path = path
        self.bytes = bytes
        self.key = key
        self.isReused = isReused
    }

    /// A page of nothing, left where a page was moved out (`Array.append(moving:leaving:)`): it
    /// holds no object, so making and dropping it costs nothing.
    static let placeholder = SitePage(path: "", bytes: [])

    /// The bytes as text.
    public var contents: String { String(decoding: bytes, as: UTF8.self) }

    /// The page once written: path and key only.
    var withoutBytes: SitePage { SitePage(path: path, bytes: [], key: key, isReused: isReused) }
}
