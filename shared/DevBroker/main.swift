// inkwell-devbroker: a Kafka-protocol development broker (librdkafka's mock cluster), for local
// development and tests. Not Apache Kafka.
import Foundation
import InkwellKafka
import Logging

let usage = """
    USAGE: inkwell-devbroker [--bootstrap-file PATH] [--brokers N] [--topic NAME:PARTITIONS ...]

    Runs a Kafka-protocol development broker on loopback: librdkafka's mock cluster, NOT Apache
    Kafka (in memory only, nothing persists; for development and tests). Stops on SIGTERM/SIGINT.

    OPTIONS:
      --bootstrap-file PATH     Write the bootstrap list (HOST:PORT,...) to PATH once the broker is up.
      --brokers N               Number of brokers (default 1).
      --topic NAME:PARTITIONS   Create a topic; repeatable. Default: users.events:3, blog.events:3,
                                comments.events:3, each prefixed with $KAFKA_TOPIC_PREFIX if set.
      -h, --help                Show this help.
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("inkwell-devbroker: \(message)\n\n\(usage)\n".utf8))
    exit(64)  // EX_USAGE
}

var bootstrapFile: String?
var brokerCount = 1
var topics: [(name: String, partitions: Int)] = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "-h", "--help":
        print(usage)
        exit(0)
    case "--bootstrap-file":
        guard let path = arguments.popFirst() else { fail("--bootstrap-file needs a path") }
        bootstrapFile = path
    case "--brokers":
        guard let value = arguments.popFirst(), let count = Int(value), count >= 1 else { fail("--brokers needs a positive number") }
        brokerCount = count
    case "--topic":
        guard let value = arguments.popFirst(), let colon = value.lastIndex(of: ":"),
            let partitions = Int(value[value.index(after: colon)...]), partitions >= 1, colon != value.startIndex
        else { fail("--topic needs NAME:PARTITIONS") }
        topics.append((String(value[..<colon]), partitions))
    default:
        fail("unknown argument \(argument)")
    }
}
if topics.isEmpty {
    let prefix = ProcessInfo.processInfo.environment["KAFKA_TOPIC_PREFIX"] ?? ""
    topics = ["users.events", "blog.events", "comments.events"].map { (prefix + $0, 3) }
}

var logger = Logger(label: "inkwell-devbroker")
logger.logLevel = .notice

// Block the stop signals before the broker starts its threads (they inherit the mask), so that
// only sigwait below receives them.
var stopSignals = sigset_t()
sigemptyset(&stopSignals)
sigaddset(&stopSignals, SIGTERM)
sigaddset(&stopSignals, SIGINT)
pthread_sigmask(SIG_BLOCK, &stopSignals, nil)

let broker: DevelopmentBroker
do {
    broker = try DevelopmentBroker(brokerCount: brokerCount, topics: topics, logger: logger)
} catch {
    FileHandle.standardError.write(Data("inkwell-devbroker: \(error)\n".utf8))
    exit(1)
}

print("inkwell-devbroker: Kafka-protocol development broker (librdkafka mock cluster, not Apache Kafka) at \(broker.bootstrapServers)")
if let bootstrapFile {
    do {
        // .atomic writes a temporary file and renames it: readers never see a partial list.
        try Data("\(broker.bootstrapServers)\n".utf8).write(to: URL(fileURLWithPath: bootstrapFile), options: .atomic)
    } catch {
        FileHandle.standardError.write(Data("inkwell-devbroker: cannot write \(bootstrapFile): \(error)\n".utf8))
        exit(1)
    }
}
fflush(nil)

var received: Int32 = 0
sigwait(&stopSignals, &received)
print("inkwell-devbroker: signal \(received), stopping")
fflush(nil)
withExtendedLifetime(broker) {}
exit(0)
