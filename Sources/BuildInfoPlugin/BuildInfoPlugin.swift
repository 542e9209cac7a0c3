import Foundation
import PackagePlugin

/// Gives the `tidemark` target a generated `BuildInfo.swift`: the version from `VERSION` and the commit
/// the binary is built from, so `tidemark --version` can name both without a file in the tree changing.
///
/// A prebuild command runs on every build (a build command would run only when its input files change,
/// and a new commit changes no file SwiftPM sees); the script rewrites the file only when its text differs,
/// so an unchanged commit recompiles nothing.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let root = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildInfo")
        // TIDEMARK_COMMIT names the commit where there is no git checkout (a source archive, a container).
        var environment: [String: String] = [:]
        if let commit = ProcessInfo.processInfo.environment["TIDEMARK_COMMIT"] {
            environment["TIDEMARK_COMMIT"] = commit
        }
        return [
            .prebuildCommand(
                displayName: "Stamping the version and commit",
                executable: URL(filePath: "/bin/sh"),
                arguments: [
                    root.appending(path: "Scripts/build-info.sh").path(percentEncoded: false),
                    root.path(percentEncoded: false),
                    output.appending(path: "BuildInfo.swift").path(percentEncoded: false),
                ],
                environment: environment,
                outputFilesDirectory: output
            )
        ]
    }
}
