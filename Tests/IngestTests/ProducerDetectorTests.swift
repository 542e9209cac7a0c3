import CoverageModel
import Foundation
import Ingest
import TestSupport
import Testing

/// The producer is recognised from each real dialect in ../shared/corpus.
@Suite(.enabled(if: FixturePaths.sharedCorpus != nil, "../shared/corpus is absent: skipped"))
struct ProducerDetectorTests {
    static let expectedByFolder: [String: Producer] = [
        "public/coverage.py": .coveragePy, "public/tarpaulin": .tarpaulin, "public/gcovr": .gcovr,
        "public/grcov": .grcov, "public/cargo-llvm-cov": .cargoLlvmCov, "public/istanbul": .istanbul,
        "public/coverlet": .coverlet, "public/cobertura-java": .coberturaJava, "public/gocover-cobertura": .gocover,
        "public/kcov": .other, "public/matlab": .other, "public/simplecov": .other, "public/swift": .other,
        "public/phpunit": .other, "public/dotnet-coverage": .other, "public/altcover": .other,
        "public/cppcoverage": .other, "pytest-cov/attrs": .coveragePy, "local-tools/coveragepy": .coveragePy,
        "local-tools/c-gcovr": .gcovr,
    ]

    @Test("Every corpus file of a producer's folder is recognised as that producer")
    func corpusFolders() throws {
        let corpus = try #require(FixturePaths.sharedCorpus)
        for (folder, producer) in Self.expectedByFolder.sorted(by: { $0.key < $1.key }) {
            let url = corpus.appendingPathComponent(folder)
            let names = try FileManager.default.contentsOfDirectory(atPath: url.path)
                .filter { $0.hasSuffix(".xml") && !$0.hasPrefix("junit") }
            #expect(!names.isEmpty, "\(folder)")
            for name in names {
                let report = try CoberturaParser().parse(contentsOf: url.appendingPathComponent(name).path)
                #expect(report.producer == producer, "\(folder)/\(name)")
            }
        }
    }

    @Test("grcov's own output from Debian's grcov 0.8.12 is grcov")
    func localGrcov() throws {
        let corpus = try #require(FixturePaths.sharedCorpus)
        let path = corpus.appendingPathComponent("local-tools/rust-grcov/grcov-0.8.12-cobertura.xml").path
        #expect(try CoberturaParser().parse(contentsOf: path).producer == .grcov)
    }
}
