import InkwellServiceKit
import Logging
import Testing

/// The log handlers are copied with the logger for every request: they must fit in an
/// existential's inline buffer (three words), so the copy allocates no box, and a copy's
/// metadata and level must stay its own.
@Suite struct LogHandlerLayoutTests {
    @Test func handlersFitInline() {
        #expect(MemoryLayout<TextLogHandler>.size <= 3 * MemoryLayout<Int>.size)
        #expect(MemoryLayout<JSONLogHandler>.size <= 3 * MemoryLayout<Int>.size)
    }

    @Test func copiesKeepTheirOwnMetadataLevelAndProvider() {
        let provider = Logger.MetadataProvider { ["from": "provider"] }
        var text = TextLogHandler(label: "t", metadataProvider: nil)
        var json = JSONLogHandler(label: "j", metadataProvider: nil)
        let textCopy = text
        let jsonCopy = json
        text[metadataKey: "a"] = "1"
        text.logLevel = .critical
        text.metadataProvider = provider
        json[metadataKey: "a"] = "1"
        json.logLevel = .critical
        json.metadataProvider = provider
        #expect(text[metadataKey: "a"] == "1" && textCopy[metadataKey: "a"] == nil)
        #expect(json[metadataKey: "a"] == "1" && jsonCopy[metadataKey: "a"] == nil)
        #expect(text.logLevel == .critical && textCopy.logLevel != .critical)
        #expect(json.logLevel == .critical && jsonCopy.logLevel != .critical)
        #expect(text.metadataProvider?.get()["from"] == "provider" && textCopy.metadataProvider == nil)
        #expect(json.metadataProvider?.get()["from"] == "provider" && jsonCopy.metadataProvider == nil)
    }
}
