/// The `Encoder` one value is encoded with: it opens at most one object or array in the
/// ``JSONSink`` (at `depth`), or writes one scalar; asking again for the same kind of container
/// gives the same one, as `Encoder` allows.
struct JSONValueEncoder: Encoder {
    let sink: JSONSink
    let depth: Int
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(sink: JSONSink, depth: Int, codingPath: [any CodingKey] = []) {
        self.sink = sink
        self.depth = depth
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if sink.frames.count <= depth { sink.open(object: true) }
        return KeyedEncodingContainer(JSONKeyedContainer<Key>(sink: sink, frame: depth, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if sink.frames.count <= depth { sink.open(object: false) }
        return JSONUnkeyedContainer(sink: sink, frame: depth, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        JSONSingleValueContainer(sink: sink, codingPath: codingPath)
    }
}
