/// Why the site could not be rendered or written.
public enum RendererError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A template named by the renderer is in neither the user's folder nor the built-in set.
    case missingTemplate(name: String)
    /// A template does not parse as Mustache; `name` is `FILE:LINE:COLUMN` where known.
    case invalidTemplate(name: String, message: String)
    /// The templates folder given with `--templates` cannot be read.
    case unreadableTemplates(path: String, reason: String)
    /// The output folder could not be written or swapped in.
    case cannotWrite(path: String, reason: String)
    /// The output folder holds something Tidemark did not write; it is left as it is.
    case foreignOutput(path: String, reason: String)

    public var description: String {
        switch self {
        case .missingTemplate(let name): "template '\(name)' not found (neither in --templates nor built in)"
        case .invalidTemplate(let name, let message): "\(name): template is not valid Mustache: \(message)"
        case .unreadableTemplates(let path, let reason): "\(path): cannot read templates: \(reason)"
        case .cannotWrite(let path, let reason): "\(path): cannot write the site: \(reason)"
        case .foreignOutput(let path, let reason):
            "\(path): not replaced: \(reason). Tidemark replaces its output folder whole; give an empty or new "
                + "folder with --output (e.g. --output public), or remove that folder's contents yourself"
        }
    }
}
