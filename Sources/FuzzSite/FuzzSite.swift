import H2Audit

#if FUZZING
/// libFuzzer entry: built by scripts/fuzz.sh with -sanitize=fuzzer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzEntry.site(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
import Foundation

/// Without the fuzzer: replays the files given on the command line, so a
/// crashing input can be run under a debugger.
@main
struct Replay {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else { print("cannot read \(path)"); continue }
            FuzzEntry.site([UInt8](data))
            print("ok \(path)")
        }
    }
}
#endif
