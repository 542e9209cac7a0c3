import CoverageAnalysis
import Foundation

/// What `tidemark.toml` says. Every field is optional; command-line flags override it.
///
///     output = "public"                       # the site folder
///     history = ".tidemark/history.sqlite"    # the history: an SQLite file or a postgresql:// URL
///     project = "shop-api"                    # the project in a history shared by many
///     templates = "my-templates"              # templates overriding the built-in ones
///     alert_log = ".tidemark/alerts.jsonl"    # append-only alert log (one JSON object per line)
///     on_alert = "notify-send Tidemark"       # a command run with each alert as JSON on stdin
///     hook_timeout = 10                       # seconds before the hook is killed
///     watch_interval = "2m"                   # tidemark watch's tick
///
///     [defaults]                              # thresholds for every component (percent / points)
///     line_target = 100
///     line_warning = 95
///     branch_target = 90
///     branch_warning = 80
///     drop_tolerance = 1.0                    # points against the previous run and the last trusted one
///     median_drop_tolerance = 2.0             # points against the median of the last runs
///     median_window = 5                       # trusted runs in that median
///     lines_valid_change = 20                 # percent change of measurable lines that is an anomaly
///
///     [components.python]                     # one table per component
///     coverage = "reports/coverage.xml"       # a path or a glob (the newest match is used)
///     junit = "reports/junit.xml"
///     source_root = "."
///     line_target = 99                        # any threshold key, for this component only
public struct Configuration: Equatable, Sendable {
    public struct Component: Equatable, Sendable {
        public var name: String
        public var coverage: String?
        public var junit: String?
        public var sourceRoot: String?
        public var thresholds: Thresholds
    }

    public var path: String?
    public var output: String?
    public var history: String?
    public var project: String?
    public var templates: String?
    public var alertLog: String?
    public var onAlert: String?
    public var hookTimeout: Double?
    public var watchInterval: TimeInterval?
    public var defaults = Thresholds()
    public var components: [Component] = []

    public init() {}

    init(path: String?) { self.path = path }
}
