// swift-tools-version: 6.0
import PackageDescription

// Layering (dependencies point one way):
//   zien-shell (executable: arguments, libedit, exit code)
//     → ZienShell (session, command table, rendering, script runner)
//       → ZienStore (JSON persistence, atomic write, lock, migrations)
//       → ZienCore  (decoding, tokenizing, validating, planning; no terminal, no writes)
let package = Package(
    name: "zien-shell",
    products: [
        .executable(name: "zien-shell", targets: ["zien-shell"]),
    ],
    dependencies: [
        // The command line of the executable only: help, usage errors and option parsing that
        // every Swift CLI user recognises; we map its usage errors to exit code 2 ourselves.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "ZienCore"),
        .target(name: "ZienStore", dependencies: ["ZienCore"]),
        .target(name: "ZienShell", dependencies: ["ZienCore", "ZienStore"]),
        .target(name: "ZienFixtures", dependencies: ["ZienCore"]),
        .executableTarget(
            name: "zien-shell",
            dependencies: [
                "ZienShell", "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "zien-gen", dependencies: ["ZienFixtures"]),
        .executableTarget(name: "zien-bench", dependencies: ["ZienCore", "ZienStore", "ZienFixtures"]),
        .testTarget(name: "ZienCoreTests", dependencies: ["ZienCore", "ZienFixtures"]),
        .testTarget(name: "ZienStoreTests", dependencies: ["ZienStore", "ZienFixtures"]),
        .testTarget(name: "ZienShellTests", dependencies: ["ZienShell", "ZienFixtures"], exclude: ["Transcripts"]),
    ]
)
