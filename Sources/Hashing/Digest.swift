import CLibCrypto

/// SHA-256 and HMAC-SHA256 from the system's OpenSSL libcrypto (already on every machine we target),
/// so the project needs no second crypto library.
public enum Digest {
    public static let sha256Length = 32

    /// SHA-256 of `bytes`.
    public static func sha256<Bytes: Collection>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var output = [UInt8](repeating: 0, count: sha256Length)
        var outputLength: UInt32 = 0
        let input = Array(bytes)
        input.withUnsafeBytes { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                _ = EVP_Digest(inputBuffer.baseAddress, inputBuffer.count,
                               outputBuffer.baseAddress, &outputLength, EVP_sha256(), nil)
            }
        }
        return output
    }

    /// SHA-256 of the UTF-8 bytes of `text`, as lowercase hex.
    public static func sha256Hex(_ text: String) -> String {
        hex(sha256(Array(text.utf8)))
    }

    /// HMAC-SHA256 of `message` under `key`.
    public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: sha256Length)
        var outputLength: UInt32 = 0
        key.withUnsafeBytes { keyBuffer in
            message.withUnsafeBytes { messageBuffer in
                output.withUnsafeMutableBufferPointer { outputBuffer in
                    _ = HMAC(EVP_sha256(), keyBuffer.baseAddress, Int32(keyBuffer.count),
                             messageBuffer.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBuffer.count,
                             outputBuffer.baseAddress, &outputLength)
                }
            }
        }
        return output
    }

    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
