import Foundation
import TestSupport
import Testing

/// Every number and duration from flags or tidemark.toml is checked before anything runs: exit 64
/// with a message, never a crash or a silent replacement (issue 11). Run as the real binary.
struct FlagValidationTests {
    static let examples = FixturePaths.packageRoot.appendingPathComponent("Tests/Examples")
    static let python = "python=\(examples.path)/python/reports/coverage.xml"

    static func run(_ arguments: [String], in folder: TemporaryFolder, environment: [String: String] = [:]) throws
        -> CommandResult
    {
        try CommandRunner.tidemark(arguments, in: folder.url, environment: environment)
    }

    @Test(
        "Durations that are not finite, too short or too long are refused with exit 64",
        arguments: [
            "inf", "nan", "1e400s", "1e308h", "99999999999999999999999h", "1e-9s", "500ms", "0s", "-5s", "25h", "soon",
        ])
    func watchEvery(_ value: String) throws {
        let folder = try TemporaryFolder()
        let result = try Self.run(["watch", "--every", value, "--input", Self.python, "--output", "site"], in: folder)
        #expect(result.status == 64, "\(value): \(result.stderr)")
        #expect(result.stderr.contains("--every"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/site"))
    }

    @Test("watch_interval in tidemark.toml is checked with FILE:LINE", arguments: ["inf", "0s", "-5s", "1e-9s", "48h"])
    func watchIntervalInConfiguration(_ value: String) throws {
        let folder = try TemporaryFolder()
        try folder.write("tidemark.toml", "output = \"site\"\nwatch_interval = \"\(value)\"\n")
        let result = try Self.run(["watch", "--input", Self.python], in: folder)
        #expect(result.status == 64, "\(value): \(result.stderr)")
        #expect(result.stderr.contains("tidemark.toml:2: 'watch_interval'"))
    }

    @Test(
        "Numbers that are not finite or out of range are refused with exit 64",
        arguments: [
            ["--lock-timeout", "nan"], ["--lock-timeout", "inf"], ["--lock-timeout", "-1"],
            ["--lock-timeout", "100000"],
            ["--line-target", "nan"], ["--fail-under-line", "inf"], ["--hook-timeout", "nan"],
            ["--branch-warning", "101"],
        ])
    func numbers(_ flags: [String]) throws {
        let folder = try TemporaryFolder()
        let result = try Self.run(["generate", "--input", Self.python, "--output", "site"] + flags, in: folder)
        #expect(result.status == 64, "\(flags): \(result.stderr)")
        #expect(result.stderr.contains(flags[0]))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/.tidemark"))
    }

    @Test("--time must name a day that exists: 2024-02-30 is refused, not read as March 1st")
    func impossibleTime() throws {
        let folder = try TemporaryFolder()
        let result = try Self.run(["record", "--time", "2024-02-30", "--input", Self.python], in: folder)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--time '2024-02-30' is not ISO 8601"))
    }

    @Test("A component named twice is a usage error (64), not an input error")
    func componentTwice() throws {
        let folder = try TemporaryFolder()
        let result = try Self.run(["record", "--input", Self.python, "--input", Self.python], in: folder)
        #expect(result.status == 64)
        #expect(result.stderr.contains("names the component 'python' more than once"))
    }

    @Test("SOURCE_DATE_EPOCH that is not a number is reported, not silently ignored")
    func badSourceDateEpoch() throws {
        let folder = try TemporaryFolder()
        // A report without a timestamp, so the fallback time is used.
        let report = try String(contentsOfFile: "\(Self.examples.path)/python/reports/coverage.xml", encoding: .utf8)
            .replacingOccurrences(of: #"timestamp="\d+""#, with: #"timestamp="0""#, options: .regularExpression)
        try folder.write("coverage.xml", report)
        let result = try Self.run(
            ["record", "--commit", "c", "--branch", "b", "--input", "python=coverage.xml"], in: folder,
            environment: ["SOURCE_DATE_EPOCH": "abc"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("SOURCE_DATE_EPOCH 'abc' is not a whole number of seconds"))
    }

    @Test("The help lists every exit code")
    func helpListsExitCodes() throws {
        let folder = try TemporaryFolder()
        let help = try Self.run(["--help"], in: folder).stdout.replacingOccurrences(of: "\n", with: " ")
        for code in [
            "0 success", "1 an input", "2 the run", "3 line", "4 branch", "5 a drop", "6 test", "7 another",
            "8 the run",
            "64 a usage",
        ] {
            #expect(help.contains(code), "\(code)")
        }
    }

    @Test("git is not run when --commit and --branch are given, and a hanging git is stopped")
    func gitOnlyWhenNeeded() throws {
        let folder = try TemporaryFolder()
        // A git on PATH that notes each call and then hangs, as on a stuck network file system.
        let bin = folder.path + "/bin"
        try folder.write("bin/git", "#!/bin/sh\necho called >> \"\(folder.path)/git-calls\"\nexec sleep 600\n")
        chmod(bin + "/git", 0o755)
        let environment = ["PATH": bin + ":/usr/bin:/bin", "GITHUB_ACTIONS": "", "GITLAB_CI": ""]
        var result = try Self.run(
            ["record", "--commit", "c", "--branch", "b", "--history", "h.sqlite", "--input", Self.python], in: folder,
            environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/git-calls"))
        let started = Date()
        result = try Self.run(
            ["record", "--history", "h2.sqlite", "--input", Self.python], in: folder, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/git-calls"))
        #expect(Date().timeIntervalSince(started) < 30, "git is stopped after a few seconds")
    }

    @Test("git's commit and branch, asked while the report is read, are the run's")
    func gitAnswersWhileReading() throws {
        let folder = try TemporaryFolder()
        // A git on PATH that answers `rev-parse HEAD --abbrev-ref HEAD` after a moment, as a slow disk would.
        try folder.write("bin/git", "#!/bin/sh\nsleep 0.3\nprintf 'c0ffee1234\\nfeature/slow\\n'\n")
        chmod(folder.path + "/bin/git", 0o755)
        let environment = ["PATH": folder.path + "/bin:/usr/bin:/bin", "GITHUB_ACTIONS": "", "GITLAB_CI": ""]
        var result = try Self.run(
            ["record", "--history", "h.sqlite", "--input", Self.python], in: folder, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        result = try Self.run(["history", "export", "--history", "h.sqlite"], in: folder, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#""commit":"c0ffee1234""#), "\(result.stdout.prefix(300))")
        #expect(result.stdout.contains(#""branch":"feature/slow""#), "\(result.stdout.prefix(300))")
    }
}
