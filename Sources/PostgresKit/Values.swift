import CLibPQ

/// A statement parameter, sent as text (PostgreSQL casts it to the column's type).
public enum PostgresValue: Sendable, Equatable {
    case null
    case text(String)
    case integer(Int)
    case double(Double)
    case bool(Bool)

    public static func optional(_ value: String?) -> PostgresValue { value.map(PostgresValue.text) ?? .null }
    public static func optional(_ value: Double?) -> PostgresValue { value.map(PostgresValue.double) ?? .null }

    /// A text[] literal for `= ANY($n::text[])`, every element quoted and escaped.
    public static func textArray(_ values: [String]) -> PostgresValue { textArray(values.map(Optional.some)) }

    /// The same with NULL elements.
    public static func textArray(_ values: [String?]) -> PostgresValue {
        let elements = values.map { value in
            guard let value else { return "NULL" }
            return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return .text("{" + elements.joined(separator: ",") + "}")
    }

    /// A double precision[] literal.
    public static func numberArray(_ values: [Double]) -> PostgresValue {
        .text("{" + values.map { $0.isFinite ? "\($0)" : "NULL" }.joined(separator: ",") + "}")
    }

    var text: String? {
        switch self {
        case .null: nil
        case .text(let value): value
        case .integer(let value): String(value)
        case .double(let value): value.isFinite ? "\(value)" : nil
        case .bool(let value): value ? "t" : "f"
        }
    }
}

/// The rows of a result, read out at once (the result itself is freed).
public struct Rows: Sendable {
    public let rows: [[String?]]
    /// Rows changed by an INSERT, UPDATE or DELETE.
    public let affected: Int

    init(_ result: OpaquePointer) {
        let count = Int(PQntuples(result))
        let columns = Int(PQnfields(result))
        var rows: [[String?]] = []
        rows.reserveCapacity(count)
        for row in 0..<count {
            rows.append((0..<columns).map { column in
                PQgetisnull(result, Int32(row), Int32(column)) != 0 ? nil : String(cString: PQgetvalue(result, Int32(row), Int32(column)))
            })
        }
        self.rows = rows
        affected = Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    public var first: Row? { rows.first.map(Row.init) }
    public var all: [Row] { rows.map(Row.init) }
}

/// One row, with typed accessors (PostgreSQL's text form: "t"/"f" for booleans).
public struct Row: Sendable {
    let values: [String?]
    public func text(_ column: Int) -> String? { column < values.count ? values[column] : nil }
    public func int(_ column: Int) -> Int { text(column).flatMap { Int($0) } ?? 0 }
    public func double(_ column: Int) -> Double? { text(column).flatMap { Double($0) } }
    public func bool(_ column: Int) -> Bool { text(column) == "t" }
    public func isNull(_ column: Int) -> Bool { text(column) == nil }
}

/// A PostgreSQL failure: what kind, the server's message and its SQLSTATE.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable { case connection, statement }
    public let kind: Kind
    public let message: String
    public let sqlState: String

    public init(_ kind: Kind, _ message: String, sqlState: String = "") {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
    }

    public var description: String { sqlState.isEmpty ? message : "\(message) (SQLSTATE \(sqlState))" }
}
