/// Why a coverage or test-results file could not be read. Every case names the file; line and
/// column are given where libxml2 knows them.
public enum IngestError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file does not exist, is a folder, or cannot be opened.
    case unreadableFile(path: String, reason: String)
    /// Zero bytes, or only white space.
    case empty(path: String)
    /// Not well-formed XML: truncated, two documents, a bad tag, a refused entity declaration.
    case malformedXML(path: String, line: Int, column: Int, message: String)
    /// The document declares or references an entity; refused, as entities enable billion-laughs
    /// expansion and external-entity (XXE) file reads. Reported as kind `malformed`.
    case refusedEntity(path: String, line: Int, column: Int, entity: String)
    /// Well-formed XML that is not a Cobertura report; `looksLike` says what it seems to be.
    case notCobertura(path: String, line: Int, column: Int, looksLike: String)
    /// Well-formed XML that is not a JUnit report.
    case notJUnit(path: String, line: Int, column: Int, looksLike: String)
    /// A Cobertura report that measured nothing: no file, or no line (grcov's output after a failed run).
    case noMeasurement(path: String, reason: String)

    /// The error kind of docs/counting.md ("Errors"), also used in `inspect --json`.
    public var kind: String {
        switch self {
        case .unreadableFile: "unreadable"
        case .empty: "empty"
        case .malformedXML, .refusedEntity: "malformed"
        case .notCobertura: "not-cobertura"
        case .notJUnit: "not-junit"
        case .noMeasurement: "no-measurement"
        }
    }

    /// The file the error is about.
    public var path: String {
        switch self {
        case .unreadableFile(let path, _), .empty(let path), .malformedXML(let path, _, _, _),
            .refusedEntity(let path, _, _, _),
            .notCobertura(let path, _, _, _), .notJUnit(let path, _, _, _), .noMeasurement(let path, _):
            path
        }
    }

    /// What is wrong, without the location.
    public var message: String {
        switch self {
        case .unreadableFile(_, let reason): "cannot read the file: \(reason)"
        case .empty: "the file is empty (no XML at all); the tool that writes it probably failed"
        case .malformedXML(_, _, _, let message): "not well-formed XML: \(message)"
        case .refusedEntity(_, _, _, let entity):
            "refused: the document uses the entity '\(entity)'; entity declarations and references are "
                + "not accepted in reports (they enable billion-laughs expansion and external-entity file reads)"
        case .notCobertura(_, _, _, let looksLike): "not a Cobertura coverage report: \(looksLike)"
        case .notJUnit(_, _, _, let looksLike): "not a JUnit XML test report: \(looksLike)"
        case .noMeasurement(_, let reason): "the report measured nothing: \(reason)"
        }
    }

    /// One line: `PATH:LINE:COLUMN: what is wrong`, or `PATH: what is wrong` when no position is known.
    public var description: String {
        switch self {
        case .malformedXML(let path, let line, let column, _), .refusedEntity(let path, let line, let column, _),
            .notCobertura(let path, let line, let column, _),
            .notJUnit(let path, let line, let column, _):
            line > 0 ? "\(path):\(line):\(column): \(message)" : "\(path): \(message)"
        default:
            "\(path): \(message)"
        }
    }
}
