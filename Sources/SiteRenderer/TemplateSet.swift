import Foundation
import Templating

/// The Mustache templates and static assets the site is drawn with: the built-in set compiled into
/// the binary from `Templates/`, each file overridable from a user's folder.
///
/// A class, shared by reference: each page's job captures it, and copying a struct of four
/// references per file page retained and released each of them from both cores.
public final class TemplateSet: Sendable {
    /// Every file by relative path (`index.mustache`, `partials/head.mustache`, `style.css`).
    public let files: [String: String]
    let library: TemplateLibrary
    /// A fingerprint of every template: a changed template re-renders every page.
    public let version: String
    /// Where each file from the user's folder was read (relative name → path), for error messages.
    private let origins: [String: String]

    /// The built-in templates, optionally overridden file by file from `directory`.
    /// - Throws: `RendererError` when the folder cannot be read or a template does not parse.
    public init(overridingWith directory: String? = nil) throws(RendererError) {
        var files = Dictionary(EmbeddedTemplates.files.map { ($0.name, $0.text) }, uniquingKeysWith: { $1 })
        var origins: [String: String] = [:]
        if let directory {
            let overrides = try Self.read(directory)
            files.merge(overrides, uniquingKeysWith: { $1 })
            for name in overrides.keys {
                origins[name] = (directory.hasSuffix("/") ? directory : directory + "/") + name
            }
        }
        var templates: [String: String] = [:]
        for (name, text) in files where name.hasSuffix(".mustache") {
            templates[String(name.dropLast(".mustache".count))] = text
        }
        self.origins = origins
        do {
            library = try TemplateLibrary(templates: templates)
        } catch {
            throw Self.rendererError(error, origins: origins)
        }
        self.files = files
        var key = PageKey()
        for (name, text) in files.sorted(by: { $0.key < $1.key }) { key.add(name + "\u{0}" + text + "\u{0}") }
        version = key.text
    }

    /// Renders `model` with the template `name` (without `.mustache`), into a buffer with room for
    /// `capacity` bytes (the page's expected size, when known).
    /// - Throws: `RendererError.missingTemplate` when there is no such template.
    public func render(_ model: Any, with name: String, capacity: Int = 0) throws(RendererError) -> [UInt8] {
        do {
            var out: [UInt8] = []
            out.reserveCapacity(capacity)
            try library.render(name, TemplateValue.reflecting(model), into: &out)
            return out
        } catch {
            throw Self.rendererError(error, origins: origins)
        }
    }

    /// The template engine's error as `FILE:LINE:COLUMN`: the path in the user's folder where the
    /// template came from there, else the built-in `Templates/…` name.
    private static func rendererError(_ error: TemplateError, origins: [String: String]) -> RendererError {
        func file(_ template: String) -> String {
            let name = template + ".mustache"
            return origins[name] ?? "built-in Templates/" + name
        }
        return switch error {
        case .syntax(let template, let line, let column, let message):
            .invalidTemplate(name: "\(file(template)):\(line):\(column)", message: message)
        case .missingPartial(let name, let template, let line):
            .invalidTemplate(name: "\(file(template)):\(line)", message: "no partial named '\(name)'")
        case .missingTemplate(let name):
            .missingTemplate(name: name)
        case .recursionLimit(let template, let depth):
            .invalidTemplate(
                name: file(template),
                message: "partials nested more than \(depth) deep (a partial including itself without end?)")
        }
    }

    /// A static file (such as `style.css`) by relative path.
    public func asset(_ name: String) throws(RendererError) -> String {
        guard let text = files[name] else { throw .missingTemplate(name: name) }
        return text
    }

    private static func read(_ directory: String) throws(RendererError) -> [String: String] {
        let root = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .unreadableTemplates(path: directory, reason: "no such folder")
        }
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else { throw .unreadableTemplates(path: directory, reason: "cannot list the folder") }
        var files: [String: String] = [:]
        for case let url as URL in walker {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let name = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw .unreadableTemplates(path: url.path, reason: "not readable as UTF-8")
            }
            files[name] = text
        }
        return files
    }
}
