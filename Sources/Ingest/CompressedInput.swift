import CLibXML2
import Foundation

/// Reads a file in chunks through zlib, which passes plain files through and inflates `.gz` ones.
final class CompressedInput {
    private let path: String
    private var file: gzFile?

    init(path: String) throws(IngestError) {
        self.path = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .unreadableFile(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw .unreadableFile(path: path, reason: "it is a folder") }
        guard let file = gzopen(path, "rb") else {
            throw .unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
        gzbuffer(file, UInt32(XMLStreamParser.chunkSize))
        self.file = file
    }

    /// Fills `buffer` from the start; returns the number of bytes read, 0 at the end.
    func read(into buffer: inout [UInt8]) throws(IngestError) -> Int {
        guard let file else { return 0 }
        let count = buffer.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
        if count < 0 {
            var code: Int32 = 0
            let message = gzerror(file, &code).map { String(cString: $0) } ?? "read error"
            throw .unreadableFile(path: path, reason: message)
        }
        return Int(count)
    }

    func close() {
        if let file { gzclose(file) }
        file = nil
    }
}
