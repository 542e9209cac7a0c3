import Foundation
import TestSupport
import Testing
import TidemarkCore

/// The pipeline driven in-process, as the CLI drives it, without spawning the binary.
struct PipelineTests {
    static let examples = FixturePaths.packageRoot.appendingPathComponent("Tests/Examples")

    static func flags(in folder: TemporaryFolder) -> CommandFlags {
        var flags = CommandFlags()
        flags.inputs = [
            "python=\(examples.path)/python/reports/coverage.xml", "rust=\(examples.path)/rust/reports/coverage.xml",
        ]
        flags.tests = ["python=\(examples.path)/python/reports/junit.xml"]
        flags.sourceRoots = ["python=\(examples.path)/python", "rust=\(examples.path)/rust"]
        flags.commit = "abc123"
        flags.branch = "main"
        flags.history = folder.path + "/history.sqlite"
        flags.output = folder.path + "/site"
        return flags
    }

    @Test("generate records the run, writes the site and reports both on its console")
    func generateInProcess() throws {
        let folder = try TemporaryFolder()
        let recording = ConsoleRecording()
        let status = try Pipeline.generate(try Settings(flags: Self.flags(in: folder)), console: recording.console)
        #expect(status == .success)
        let output = recording.text(of: .output)
        #expect(output.contains("Recorded run "))
        #expect(output.contains("Wrote \(folder.path)/site/index.html"))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/site/c/python/index.html"))
        #expect(recording.text(of: .error).isEmpty)
    }

    @Test("A second generate of the same inputs records nothing and says so")
    func duplicateRun() throws {
        let folder = try TemporaryFolder()
        let settings = try Settings(flags: Self.flags(in: folder))
        _ = try Pipeline.generate(settings, console: ConsoleRecording().console)
        let recording = ConsoleRecording()
        #expect(try Pipeline.record(settings, console: recording.console) == .success)
        #expect(recording.text(of: .output).contains("Unchanged: the inputs equal those of the latest run"))
    }

    @Test("A gate's status comes back after the site is written")
    func gateStatus() throws {
        let folder = try TemporaryFolder()
        var flags = Self.flags(in: folder)
        flags.gates.failUnderLine = 100
        let recording = ConsoleRecording()
        #expect(try Pipeline.generate(try Settings(flags: flags), console: recording.console) == .lineGate)
        #expect(recording.text(of: .error).contains("gate: line coverage"))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/site/index.html"))
    }

    @Test("An unreadable input stops the run with exit 1 and the file's name on the console")
    func unreadableInput() throws {
        let folder = try TemporaryFolder()
        var flags = Self.flags(in: folder)
        flags.inputs = ["python=\(folder.path)/missing.xml"]
        flags.tests = []
        let recording = ConsoleRecording()
        #expect(throws: CommandExit(.inputError)) {
            try Pipeline.generate(try Settings(flags: flags), console: recording.console)
        }
        #expect(recording.text(of: .error).contains("\(folder.path)/missing.xml: cannot read the file"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/site"))
    }
}
