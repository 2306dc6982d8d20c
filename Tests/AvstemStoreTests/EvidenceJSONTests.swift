import AvstemCore
import Foundation
import XCTest
@testable import AvstemStore

/// The hand-written evidence encoder must write what JSONDecoder reads back exactly, for any text a
/// bank or a user can put into a detail: quotes, backslashes, control characters, any script.
final class EvidenceJSONTests: XCTestCase {
    func testEvidenceRoundTripsThroughTheDecoderForAwkwardText() throws {
        let texts = ["plain", "", "quote \" and backslash \\ and slash /", "line\nbreak\r\ttab",
                     "control \u{01}\u{1F} end", "Åse Kvåle · 作 · e\u{301} · 🧾", "\\u0041 is not an escape here"]
        var evidence: [Evidence] = []
        for (i, t) in texts.enumerated() {
            evidence.append(Evidence(i % 2 == 0 ? .relatedParty : .amount, t, "detail: " + t))
        }
        let text = JSONText.encode(evidence)
        XCTAssertEqual(try JSONText.decode([Evidence].self, text), evidence)
        // The same as the generic encoder's (sorted keys), apart from its escaped slashes.
        let generic = String(decoding: try JSONText.encoder.encode(evidence), as: UTF8.self)
        XCTAssertEqual(try JSONText.decode([Evidence].self, generic), try JSONText.decode([Evidence].self, text))
        XCTAssertEqual(JSONText.encode([Evidence]()), "[]")
    }

    func testControlCharactersAreEscapedAsJSONRequires() {
        let text = JSONText.encode([Evidence(.rule, "a\u{02}b", "\"")])
        XCTAssertEqual(text, #"[{"detail":"\"","dimension":"rule","value":"a\u0002b"}]"#)
    }
}
