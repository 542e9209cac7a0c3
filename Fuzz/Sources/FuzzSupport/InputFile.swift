import Foundation

/// The readers take a path, so each input is written to one file of this process (in /dev/shm
/// when there is one), overwritten for every run.
public enum InputFile {
    private static let path: String = {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return "\(folder)/tidemark-fuzz-\(getpid()).xml"
    }()
    private static let descriptor: Int32 = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)

    /// Writes the input and returns the file's path.
    public static func write(_ data: UnsafeRawPointer, _ count: Int) -> String {
        ftruncate(descriptor, 0)
        var written = 0
        while written < count {
            let result = pwrite(descriptor, data + written, count - written, off_t(written))
            if result <= 0 { break }
            written += result
        }
        return path
    }
}
