import Foundation
import Hashing

/// Standard Webhooks signatures (https://www.standardwebhooks.com): `webhook-signature` is
/// `v1,` + base64 HMAC-SHA256 of `id.timestamp.body`. A secret written `whsec_<base64>` is the base64 of
/// the key, otherwise the secret's bytes are the key. Two secrets give two space-separated signatures,
/// so a receiver can rotate without losing a message.
public enum WebhookSigner {
    public static func signature(id: String, timestamp: Int, body: String, secrets: [String]) -> String {
        secrets.map { secret in
            let mac = Digest.hmacSHA256(key: key(secret), message: Array("\(id).\(timestamp).\(body)".utf8))
            return "v1," + Data(mac).base64EncodedString()
        }.joined(separator: " ")
    }

    static func key(_ secret: String) -> [UInt8] {
        if secret.hasPrefix("whsec_"), let data = Data(base64Encoded: String(secret.dropFirst(6))) { return Array(data) }
        return Array(secret.utf8)
    }
}
