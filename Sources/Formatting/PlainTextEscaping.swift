/// Text made safe for the two plain-text outputs that are not HTML: Markdown tables (`summary.md`, the CI
/// step summary) and GitHub Actions workflow commands (`::warning title=…::message`). HTML and SVG go
/// through `HTMLEscaping` only.
public enum PlainTextEscaping {
    /// A Markdown table cell: `|` escaped, the characters GitHub would read as HTML written as entities,
    /// backticks (which would open a code span across cells) as `'`, and line breaks as spaces.
    public static func markdownCell(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "|": out += "\\|"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "`": out += "'"
            case "\n", "\r", "\r\n": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    /// The message of a workflow command: `%`, CR and LF percent-encoded, which the runner decodes.
    public static func workflowData(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A property value of a workflow command (`title=…`): as `workflowData`, and `:` and `,`, which
    /// would end the value, encoded too.
    public static func workflowProperty(_ text: String) -> String {
        workflowData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
