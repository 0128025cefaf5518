import Testing
import ZienCore

/// A board's store holds most of a million couplings and 130,000 verzorgers in memory while a
/// check compares them: their texts come first in the struct and the one-byte fields last, so
/// that no padding sits between them (8 bytes a coupling, 5 MB for a board).
@Suite struct RecordLayoutTests {
    @Test func recordsCarryNoPadding() {
        #expect(MemoryLayout<Koppeling>.stride == 88)
        #expect(MemoryLayout<Verzorger>.stride == 96)
    }
}
