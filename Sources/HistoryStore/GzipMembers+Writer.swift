import CZlib

extension GzipMembers {
    /// One gzip member written as its text comes, so the text never has to be whole in memory: a
    /// history download of 1 000 runs × 20 000 files is 2 GB of text. The bytes are those of
    /// `member(_:key:)` for the same text however it is cut (zlib's output does not depend on how
    /// its input arrives; `GzipMembersTests` checks it). One thread at a time: a history download
    /// hands it from the thread that reads to the one that compresses, in turn.
    public final class Writer: @unchecked Sendable {
        private let key: [UInt8]
        private let stream: UnsafeMutablePointer<z_stream>
        private var compressed: [UInt8] = []
        private var chunk = [UInt8](repeating: 0, count: 1 << 16)
        private var crc: uLong = crc32(0, nil, 0)
        private var count = 0

        /// A member whose extra field names `key` (at most 64 bytes).
        public init(key: [UInt8]) {
            self.key = key
            // zlib keeps a pointer back to its stream: the stream must not move.
            stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            stream.initialize(to: z_stream())
            // Raw deflate (negative window bits): the gzip header and trailer are written by `finish`.
            // Level 5: a 20 000-file run's member (2.42 MB of text) is 212.0 KB in 18 ms, where
            // level 6 made 199.5 KB in 33 ms (6 % smaller, for a cost every render of a new run pays);
            // level 4 made 236.0 KB.
            deflateInit2_(
                stream, 5, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        }

        deinit {
            deflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }

        /// Adds the next part of the text.
        public func add(_ text: [UInt8]) {
            guard !text.isEmpty else { return }
            text.withUnsafeBufferPointer { input in
                crc = crc32(crc, input.baseAddress, uInt(input.count))
                stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.pointee.avail_in = uInt(input.count)
                drain(Z_NO_FLUSH)
            }
            count += text.count
        }

        /// The member's bytes: header, compressed text, trailer. The writer is done with.
        public func finish() -> [UInt8] {
            drain(Z_FINISH)
            // Extra field: the subfield id, its length, then the key's length, the key and the
            // member's total length (little-endian), so a reader can skip to the next member.
            let payloadCount = 1 + key.count + 4
            let headerCount = 10 + 2 + 4 + payloadCount
            let total = headerCount + compressed.count + 8
            var out: [UInt8] = [0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 255]
            out.reserveCapacity(total)
            GzipMembers.appendLittleEndian(UInt16(4 + payloadCount), bytes: 2, to: &out)
            out += GzipMembers.extraID
            GzipMembers.appendLittleEndian(UInt16(payloadCount), bytes: 2, to: &out)
            out.append(UInt8(key.count))
            out += key
            GzipMembers.appendLittleEndian(UInt32(total), bytes: 4, to: &out)
            out += compressed
            GzipMembers.appendLittleEndian(UInt32(truncatingIfNeeded: crc), bytes: 4, to: &out)
            GzipMembers.appendLittleEndian(UInt32(truncatingIfNeeded: count), bytes: 4, to: &out)
            compressed = []
            return out
        }

        /// Runs deflate until it has taken all the input (and, with `Z_FINISH`, ended the stream).
        private func drain(_ flush: Int32) {
            while true {
                let (code, produced) = chunk.withUnsafeMutableBufferPointer { buffer -> (Int32, Int) in
                    stream.pointee.next_out = buffer.baseAddress
                    stream.pointee.avail_out = uInt(buffer.count)
                    let code = deflate(stream, flush)
                    return (code, buffer.count - Int(stream.pointee.avail_out))
                }
                compressed += chunk[0..<produced]
                if flush == Z_FINISH
                    ? code == Z_STREAM_END || code < 0 : stream.pointee.avail_in == 0 && produced < chunk.count
                {
                    return
                }
            }
        }
    }
}
