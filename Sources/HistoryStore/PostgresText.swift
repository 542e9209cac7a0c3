import Foundation

/// PostgreSQL's text forms: placeholders, numbers and bytea in results, rows for `COPY`.
enum PostgresText {
    /// The store's SQL with SQLite's placeholders (`?` numbered in order, `?N` by number) turned into
    /// PostgreSQL's `$N`. Quoted text, quoted names and `--` comments are left alone.
    static func numbered(_ sql: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(sql.utf8.count + 16)
        let bytes = Array(sql.utf8)
        var next = 1
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                // Copied to the matching quote; a doubled quote inside is two quotes in a row.
                let end = bytes[(index + 1)...].firstIndex(of: byte) ?? bytes.count - 1
                out.append(contentsOf: bytes[index...end])
                index = end + 1
            case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "-"):
                let end = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                out.append(contentsOf: bytes[index..<end])
                index = end
            case UInt8(ascii: "?"):
                var digits = index + 1
                while digits < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[digits]) {
                    digits += 1
                }
                out.append(UInt8(ascii: "$"))
                if digits > index + 1 {
                    out.append(contentsOf: bytes[(index + 1)..<digits])
                } else {
                    out.append(contentsOf: Array(String(next).utf8))
                    next += 1
                }
                index = digits
            default:
                out.append(byte)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A column's decimal text as an integer (0 for anything else, as SQLite reads text as a number).
    static func integer(_ text: UnsafePointer<CChar>) -> Int {
        var pointer = UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self)
        let negative = pointer.pointee == UInt8(ascii: "-")
        if negative { pointer += 1 }
        var value = 0
        while case let digit = Int(pointer.pointee) - 48, (0...9).contains(digit) {
            value = value &* 10 &+ digit
            pointer += 1
        }
        return negative ? -value : value
    }

    /// A bytea column in the hex output format (`\x0a1b…`, which the session asks for).
    static func bytea(_ text: UnsafePointer<CChar>, count: Int) -> Data {
        guard count >= 2 else { return Data() }
        let bytes = UnsafeRawBufferPointer(start: text, count: count)
        guard bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x") else { return Data() }
        var data = Data(count: (count - 2) / 2)
        data.withUnsafeMutableBytes { out in
            for index in 0..<out.count {
                out[index] = hexValue(bytes[2 + index * 2]) << 4 | hexValue(bytes[3 + index * 2])
            }
        }
        return data
    }

    private static func hexValue(_ digit: UInt8) -> UInt8 {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: 0
        }
    }

    // MARK: - COPY

    /// One row in `COPY … FROM STDIN`'s text format: tab-separated, `\N` for NULL, backslash escapes.
    static func appendCopyRow(_ values: ArraySlice<SQLValue>, to out: inout [UInt8]) {
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(UInt8(ascii: "\t")) }
            switch value {
            case .null: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "N")])
            case .integer(let number): out.append(contentsOf: String(number).utf8)
            case .text(let text): appendCopyText(text, to: &out)
            case .blob(let data):
                // bytea's hex input form, its backslash escaped for COPY.
                out.append(contentsOf: Array("\\\\x".utf8))
                let digits = Array("0123456789abcdef".utf8)
                for byte in data {
                    out.append(digits[Int(byte >> 4)])
                    out.append(digits[Int(byte & 0xf)])
                }
            }
        }
        out.append(UInt8(ascii: "\n"))
    }

    private static func appendCopyText(_ text: String, to out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            default: out.append(byte)
            }
        }
    }
}
