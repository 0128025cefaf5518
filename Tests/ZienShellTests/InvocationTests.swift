import Foundation
import Testing

/// The process as scripts see it: -c, exit codes, --version, bad invocations, ZIEN_STORE.
@Suite struct InvocationTests {
    @Test func commandLineCommandsAndExitCodes() throws {
        let ok = try Harness.run(script: "", scriptPath: nil, arguments: ["-c", "vestiging add Leeuwenbrug; vestigingen"])
        #expect(ok.hasSuffix("[exit 0]\n"))
        #expect(ok.contains("* Leeuwenbrug"))
        let fout = try Harness.run(script: "", scriptPath: nil, arguments: ["-c", "vestiging add Leeuwenbrug; load melding2381/leerling.csv; check; show row 2381"])
        #expect(fout.hasSuffix("[exit 3]\n"))
        #expect(fout.contains("Geslacht                             2381"))
        let failed = try Harness.run(script: "", scriptPath: nil, arguments: ["-c", "load nergens.csv; status"])
        #expect(failed.contains("opdracht 1 van -c: Kan 'nergens.csv' niet laden"))
        #expect(!failed.contains("Opslag:"))
        #expect(failed.hasSuffix("[exit 1]\n"))
    }

    @Test func badInvocationExitsTwo() throws {
        let r = try Harness.run(script: "", scriptPath: nil, arguments: ["--bestaat-niet"])
        #expect(r.hasSuffix("[exit 2]\n"))
        let both = try Harness.run(script: "", scriptPath: nil, arguments: ["-c", "status", "x.zs"])
        #expect(both.hasSuffix("[exit 2]\n"))
        let today = try Harness.run(script: "#! env: ZIEN_TODAY=gisteren\n", scriptPath: nil, arguments: ["-c", "status"])
        #expect(today.hasSuffix("[exit 2]\n"))
    }

    @Test func version() throws {
        let r = try Harness.run(script: "", scriptPath: nil, arguments: ["--version"])
        #expect(r.hasPrefix("0."))
        #expect(r.hasSuffix("[exit 0]\n"))
    }

    @Test func storeFromEnvironmentPersists() throws {
        let dir = NSTemporaryDirectory() + "zien-env-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/s.json"
        let first = try Harness.run(script: "#! store: env\n#! env: ZIEN_STORE=\(path)\n", scriptPath: nil, arguments: ["-c", "vestiging add 'Het Baken'"])
        #expect(first.hasSuffix("[exit 0]\n"))
        let second = try Harness.run(script: "#! store: env\n#! env: ZIEN_STORE=\(path)\n", scriptPath: nil, arguments: ["-c", "vestigingen"])
        #expect(second.contains("Het Baken"))
    }

    @Test func missingScript() throws {
        let r = try Harness.run(script: "", scriptPath: "bestaat-niet.zs")
        #expect(r.contains("bestaat niet"))
        #expect(r.hasSuffix("[exit 1]\n"))
    }
}
