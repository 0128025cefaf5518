// libFuzzer harness: store bytes through decode -> encode -> decode; the second decode must
// equal the first, and encoding it again must give the same bytes. Built by scripts/fuzz.
import ZienCore
import ZienStore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStore(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let first = try? StoreData(decoding: bytes) else { return 0 }
    let encoded = first.encoded()
    guard let second = try? StoreData(decoding: encoded) else {
        fatalError("decode -> encode -> decode: the encoded document was refused")
    }
    guard second == first else { fatalError("decode -> encode -> decode: the second decode differs from the first") }
    guard second.encoded() == encoded else { fatalError("encode -> decode -> encode: the bytes differ") }
    return 0
}
