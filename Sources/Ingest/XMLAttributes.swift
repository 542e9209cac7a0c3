import CLibXML2
import Foundation

/// The attributes libxml2 hands to `startElementNs`: five pointers each (local name, prefix, URI,
/// value start, value end). Values are read in place; nothing is copied unless asked for.
struct XMLAttributes {
    let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    /// The raw bytes of the attribute named `name`, or `nil` when it is absent.
    func value(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        for index in 0..<count {
            let entry = base + index * 5
            guard let localName = entry[0], let start = entry[3], let end = entry[4] else { continue }
            if XMLName.equals(localName, name) {
                return UnsafeBufferPointer(start: start, count: end - start)
            }
        }
        return nil
    }

    /// The attribute as a Swift string, or `nil` when absent.
    func string(_ name: StaticString) -> String? {
        value(name).map(Self.decode)
    }

    /// Without entity substitution libxml2 hands `&amp;` in attribute values over as `&#38;` (so the
    /// value could be written back unchanged); every other predefined entity arrives decoded. Since
    /// each literal `&` is written that way, one left-to-right replacement restores the text.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard bytes.contains(UInt8(ascii: "&")) else { return text }
        return text.replacingOccurrences(of: "&#38;", with: "&")
    }

    /// The local name of the first attribute, as written (used to recognise a producer's attribute order).
    var firstName: String? {
        guard let base, count > 0, let name = base[0] else { return nil }
        return String(cString: name)
    }

    /// Whether an attribute of that name is present.
    func has(_ name: StaticString) -> Bool { value(name) != nil }
}

/// Element-name comparison on libxml2's NUL-terminated strings, without making Swift strings.
enum XMLName {
    static func equals(_ pointer: UnsafePointer<xmlChar>, _ name: StaticString) -> Bool {
        let expected = name.utf8Start
        let length = name.utf8CodeUnitCount
        for index in 0..<length where pointer[index] != expected[index] {
            return false
        }
        return pointer[length] == 0
    }
}
