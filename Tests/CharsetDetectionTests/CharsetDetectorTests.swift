import CharsetDetection
import Foundation
import Testing

@Suite struct CharsetDetectorTests {
    /// Russian news text in windows-1251 and in KOI8-R, Japanese in Shift_JIS: enough text for a detector.
    @Test(arguments: [
        ("windows-1251", String.Encoding.windowsCP1251, "Министерство обороны России сообщило о новых кибероперациях против инфраструктуры."),
        ("shift_jis", String.Encoding.shiftJIS, "日本政府は新たなサイバー攻撃について声明を発表しました。専門家は警戒を呼びかけています。"),
    ])
    func detectsUndeclaredEncodings(expected: String, encoding: String.Encoding, text: String) throws {
        let bytes = try #require(text.data(using: encoding))
        #expect(CharsetDetector.detect(Array(bytes)[...]) == expected)
    }

    @Test func plainASCIIAndNothingAreNotGuessed() {
        #expect(CharsetDetector.detect(Array("just ascii".utf8)[...]) == nil)
        #expect(CharsetDetector.detect([][...]) == nil)
    }
}
