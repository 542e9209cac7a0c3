import CZlib
import Concurrency
import Foundation

/// One zlib stream deflated in parts, each part made and deflated on its own core: the way pigz
/// joins its blocks.
///
/// Each part is raw deflate ending on a byte boundary (a sync flush; the last part finishes the
/// stream). The parts follow zlib's two-byte header and end with the Adler-32 of the whole input,
/// combined from the parts' own: any zlib `inflate` reads the result as one stream. A part does not
/// refer back into the part before it, which costs a few hundred bytes per part at most.
enum ZlibParts {
    /// The zlib stream of the parts `make(0)`, `make(1)`, … joined in order, at deflate level
    /// `level` (1…9), and the length of the input.
    static func deflate(parts count: Int, level: Int32, _ make: @Sendable (Int) -> [UInt8]) -> (
        stream: [UInt8], inputLength: Int
    ) {
        let segments = Slots<(bytes: [UInt8], adler: uLong, length: Int)>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            let input = make(index)
            let deflated = segment(input, level: level, isLast: index == count - 1)
            let adler = input.withUnsafeBufferPointer { adler32(adler32(0, nil, 0), $0.baseAddress, uInt($0.count)) }
            segments.set(index, (deflated, adler, input.count))
        }
        // Header: deflate with a 32 KB window, the level in FLEVEL, check bits making it a multiple of 31.
        let flevel: UInt16 = level == 1 ? 0 : level < 6 ? 1 : level == 6 ? 2 : 3
        let header: UInt16 = 0x7800 | (flevel << 6)
        var stream: [UInt8] = [UInt8(header >> 8), UInt8(truncatingIfNeeded: header + (31 - header % 31) % 31)]
        var adler = adler32(0, nil, 0)
        var length = 0
        for index in 0..<count {
            guard let segment = segments.get(index) else { continue }
            stream += segment.bytes
            adler = adler32_combine(adler, segment.adler, off_t(segment.length))
            length += segment.length
        }
        for shift in [24, 16, 8, 0] { stream.append(UInt8(truncatingIfNeeded: adler >> UInt(shift))) }
        return (stream, length)
    }

    /// One part as raw deflate: ended by a sync flush, or finishing the stream when it is the last.
    private static func segment(_ input: [UInt8], level: Int32, isLast: Bool) -> [UInt8] {
        // zlib keeps a pointer back to its stream: the stream must not move.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            deflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        let started = deflateInit2_(
            stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        precondition(started == Z_OK, "zlib deflateInit2 failed: \(started)")
        // deflateBound, plus a sync flush's empty stored block.
        var out = [UInt8](repeating: 0, count: Int(deflateBound(stream, uLong(input.count))) + 16)
        var written = 0
        input.withUnsafeBufferPointer { source in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.pointee.avail_in = uInt(source.count)
            while true {
                if written == out.count { out += [UInt8](repeating: 0, count: max(1 << 16, out.count / 2)) }
                let code = out.withUnsafeMutableBufferPointer { buffer -> Int32 in
                    stream.pointee.next_out = buffer.baseAddress.map { $0 + written }
                    stream.pointee.avail_out = uInt(buffer.count - written)
                    let code = CZlib.deflate(stream, isLast ? Z_FINISH : Z_SYNC_FLUSH)
                    written = buffer.count - Int(stream.pointee.avail_out)
                    return code
                }
                precondition(
                    code == Z_OK || code == Z_STREAM_END || code == Z_BUF_ERROR, "zlib deflate failed: \(code)")
                // Done when the stream is finished, or (a sync flush) when all input went in and
                // the output had room left over.
                if code == Z_STREAM_END || (!isLast && stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0) {
                    break
                }
            }
        }
        return Array(out.prefix(written))
    }
}
