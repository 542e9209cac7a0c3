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
    /// `level` (1…9), after `headroom` zero bytes for the caller to fill, and the length of the input.
    static func deflate(parts count: Int, level: Int32, headroom: Int = 0, _ make: @Sendable (Int) -> [UInt8]) -> (
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
        let parts = (0..<count).compactMap { segments.get($0) }
        var stream: [UInt8] = []
        // Joined once, into room for all of it.
        stream.reserveCapacity(headroom + 2 + parts.reduce(0) { $0 + $1.bytes.count } + 4)
        stream.append(contentsOf: repeatElement(0, count: headroom))
        stream += [UInt8(header >> 8), UInt8(truncatingIfNeeded: header + (31 - header % 31) % 31)]
        var adler = adler32(0, nil, 0)
        var length = 0
        for segment in parts {
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
        // deflateBound, plus a sync flush's empty stored block: written into uninitialized room, so
        // the pages past what deflate writes are never touched. Zeroing the bound first touched as
        // many bytes as the input (a 20 000-file record made 850 page faults doing it).
        let bound = Int(deflateBound(stream, uLong(input.count))) + 16
        var finished = false
        return input.withUnsafeBufferPointer { source in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.pointee.avail_in = uInt(source.count)
            var out = [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
                (count, finished) = drain(stream, into: buffer, isLast: isLast)
            }
            // Never expected (the bound holds the part): the rest in further pieces.
            while !finished {
                let more = [UInt8](unsafeUninitializedCapacity: 1 << 16) { buffer, count in
                    (count, finished) = drain(stream, into: buffer, isLast: isLast)
                }
                out += more
            }
            return out
        }
    }

    /// Deflates what is left of `stream`'s input into `buffer`: how many bytes it wrote, and whether
    /// the part is done (the stream finished, or all input in and flushed with room to spare).
    private static func drain(
        _ stream: UnsafeMutablePointer<z_stream>, into buffer: UnsafeMutableBufferPointer<UInt8>, isLast: Bool
    ) -> (written: Int, finished: Bool) {
        stream.pointee.next_out = buffer.baseAddress
        stream.pointee.avail_out = uInt(buffer.count)
        while true {
            let code = CZlib.deflate(stream, isLast ? Z_FINISH : Z_SYNC_FLUSH)
            precondition(code == Z_OK || code == Z_STREAM_END || code == Z_BUF_ERROR, "zlib deflate failed: \(code)")
            let written = buffer.count - Int(stream.pointee.avail_out)
            // Done when the stream is finished, or (a sync flush) when all input went in and the
            // output had room left over.
            if code == Z_STREAM_END || (!isLast && stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0) {
                return (written, true)
            }
            if stream.pointee.avail_out == 0 { return (written, false) }
        }
    }
}
