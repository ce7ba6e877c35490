// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "h2audit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "h2audit", targets: ["h2audit"]),
        .executable(name: "h2audit-bench", targets: ["h2audit-bench"]),
        .library(name: "H2Audit", targets: ["H2Audit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // libyaml from Debian's libyaml-dev, found through pkg-config `yaml-0.1`.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // Everything but argument parsing: YAML loading, site schema, packs,
        // expressions, the checker and the report renderers.
        .target(name: "H2Audit", dependencies: ["CYAML"]),
        // The thin command-line front end.
        .executableTarget(
            name: "h2audit",
            dependencies: [
                "H2Audit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Generates synthetic filings and measures checking against parsing alone.
        .executableTarget(
            name: "h2audit-bench",
            dependencies: [
                "H2Audit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzz targets: replay tools in normal builds, libFuzzer binaries with
        // scripts/fuzz.sh (-sanitize=fuzzer -DFUZZING -parse-as-library).
        .executableTarget(name: "FuzzSite", dependencies: ["H2Audit"]),
        .executableTarget(name: "FuzzPack", dependencies: ["H2Audit"]),
        // The tests run the CLI binary too, so it is a dependency.
        .testTarget(name: "H2AuditTests", dependencies: ["H2Audit", "h2audit"], exclude: ["Fixtures", "Hostile", "FuzzRegressions"]),
    ]
)
