/// Why the store could not be opened or written. Messages are Dutch; the store file is never
/// overwritten after one of these.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
