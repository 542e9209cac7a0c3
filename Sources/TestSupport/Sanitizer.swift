import Foundation

/// Whether this test process runs under a sanitizer (`swift test --sanitize=address|thread` in
/// .ci/run): their shadow memory and quarantine make a process's resident memory say nothing about
/// the program, so memory bounds are checked only without one.
public enum Sanitizer {
    public static let isActive: Bool = {
        let handle = dlopen(nil, RTLD_NOW)
        defer { if let handle { dlclose(handle) } }
        let names: [String] = ["__asan_init", "__tsan_init"]
        return names.contains { dlsym(handle, $0) != nil }
    }()
}
