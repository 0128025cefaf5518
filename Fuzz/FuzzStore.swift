// libFuzzer harness: store bytes through decode -> encode -> decode; the second decode must
// equal the first, and encoding it again must give the same bytes. And what the decoder marks
// as written the writer's way (StoreLayout) is: copying those rows from the input gives exactly
// the bytes of writing every record. Built by scripts/fuzz.
import ZienCore
@testable import ZienStore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStore(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var decoder = StoreDecoder(bytes)
    guard let first = try? decoder.document() else { return 0 }
    let encoded = first.encoded()
    guard let second = try? StoreData(decoding: encoded) else {
        fatalError("decode -> encode -> decode: the encoded document was refused")
    }
    guard second == first else { fatalError("decode -> encode -> decode: the second decode differs from the first") }
    guard second.encoded() == encoded else { fatalError("encode -> decode -> encode: the bytes differ") }
    var copied: [UInt8] = []
    for piece in first.encodedPieces(reusing: StoreReuse(layout: decoder.layout, undo: Undo(), read: { r in r.upperBound <= bytes.count ? Array(bytes[r]) : nil })) {
        switch piece {
        case .bytes(let b): copied += b
        case .source(let r): copied += bytes[r]
        }
    }
    guard copied == encoded else { fatalError("the rows marked as the writer's are not what the writer writes") }
    return 0
}
