import Foundation

/// The readers take a path, so each input is written to one file of this process, overwritten for
/// every run. The file is in `TIDEMARK_FUZZ_INPUTS` (a folder `Scripts/fuzz.sh` makes and removes),
/// else in /dev/shm when there is one; it is removed when the process exits normally.
public enum InputFile {
    private static let path: String = {
        let environment = ProcessInfo.processInfo.environment
        let folder =
            environment["TIDEMARK_FUZZ_INPUTS"]
            ?? (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
        return "\(folder)/tidemark-fuzz-\(getpid()).xml"
    }()
    private static let descriptor: Int32 = {
        let descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        atexit { unlink(InputFile.path) }
        return descriptor
    }()

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
