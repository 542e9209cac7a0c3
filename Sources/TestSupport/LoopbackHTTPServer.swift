import Foundation

/// A real HTTP server on 127.0.0.1 (Python's http.server in a child process), for tests of
/// commands that fetch over HTTP. It serves `root`, plus a few routes that misbehave on purpose:
///
/// - `/missing/…` answers 404;
/// - `/moved/PATH` redirects (302) to `/PATH`;
/// - `/truncated/PATH` sends the first half of `root/PATH`;
/// - `/slow/PATH` waits `slowSeconds` before answering.
public final class LoopbackHTTPServer {
    public let port: Int
    private let process: Process

    private static let script = #"""
        import http.server, os, socketserver, sys, time
        root, slow = sys.argv[1], float(sys.argv[2])

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def send_file(self, path, cut=False):
                full = os.path.join(root, path.lstrip("/"))
                if os.path.isdir(full):
                    full = os.path.join(full, "index.html")
                if not os.path.isfile(full):
                    self.send_error(404)
                    return
                with open(full, "rb") as f:
                    data = f.read()
                if cut:
                    data = data[: len(data) // 2]
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                path = self.path.split("?")[0]
                if path.startswith("/missing/"):
                    self.send_error(404)
                elif path.startswith("/moved/"):
                    self.send_response(302)
                    self.send_header("Location", path[len("/moved"):])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif path.startswith("/truncated/"):
                    self.send_file(path[len("/truncated"):], cut=True)
                elif path.startswith("/slow/"):
                    time.sleep(slow)
                    self.send_file(path[len("/slow"):])
                else:
                    self.send_file(path)

        class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True

        server = Server(("127.0.0.1", 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """#

    /// Starts serving `root`.
    public init(root: String, slowSeconds: Double = 5) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, root, String(slowSeconds)]
        let output = Pipe().closingOnExec()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            process.terminate()
            throw CocoaError(.fileReadUnknown)
        }
        self.port = port
    }

    deinit {
        // SIGKILL: a test runner may ignore SIGTERM, and its children inherit that.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// `http://127.0.0.1:PORT` and `path`.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }
}
