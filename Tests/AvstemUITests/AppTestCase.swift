import AvstemCore
import AvstemUI
import XCTest

/// The fixture's books and an 80×24 app over them; keys are pressed by name and the main
/// loop's idle work (`settle`) follows each, as in the terminal.
class AppTestCase: XCTestCase {
    var backend: InMemoryJournalBackend!
    var state: AppState!

    /// Lets a test case adjust the books before the app reads them.
    func prepare(_ backend: InMemoryJournalBackend) {}

    override func setUp() {
        backend = Fixture.backend()
        prepare(backend)
        state = try! AppState.load(backend: backend, width: 80, height: 24)
    }

    @discardableResult
    func press(_ keys: Key...) -> Reaction {
        var r: Reaction = []
        for k in keys { r = handle(.key(k), state: &state, keyMap: .defaults, backend: backend); settle(&state, backend: backend) }
        return r
    }

    func type(_ text: String) { for c in text { press(.char(c)) } }
}
