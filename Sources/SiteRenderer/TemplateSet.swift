import Foundation
import Mustache

/// The Mustache templates and static assets the site is drawn with: the built-in set compiled into
/// the binary from `Templates/`, each file overridable from a user's folder.
public struct TemplateSet: Sendable {
    /// Every file by relative path (`index.mustache`, `partials/head.mustache`, `style.css`).
    public let files: [String: String]
    let library: MustacheLibrary
    /// A fingerprint of every template: a changed template re-renders every page.
    let version: String

    /// The built-in templates, optionally overridden file by file from `directory`.
    /// - Throws: `RendererError` when the folder cannot be read or a template does not parse.
    public init(overridingWith directory: String? = nil) throws(RendererError) {
        var files = Dictionary(EmbeddedTemplates.files.map { ($0.name, $0.text) }, uniquingKeysWith: { $1 })
        if let directory { files.merge(try Self.read(directory), uniquingKeysWith: { $1 }) }
        var library = MustacheLibrary()
        for (name, text) in files.sorted(by: { $0.key < $1.key }) where name.hasSuffix(".mustache") {
            let templateName = String(name.dropLast(".mustache".count))
            do {
                try library.register(text, named: templateName)
            } catch {
                throw .invalidTemplate(name: name, message: String(describing: error))
            }
        }
        self.files = files
        self.library = library
        var key = PageKey()
        for (name, text) in files.sorted(by: { $0.key < $1.key }) { key.add(name + "\u{0}" + text + "\u{0}") }
        version = key.text
    }

    /// Renders `model` with the template `name` (without `.mustache`).
    /// - Throws: `RendererError.missingTemplate` rather than Mustache's silent `nil`.
    public func render(_ model: Any, with name: String) throws(RendererError) -> String {
        guard let output = library.render(model, withTemplate: name) else { throw .missingTemplate(name: name) }
        return output
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
