// inkwell-devbroker: a Kafka-protocol development broker (librdkafka's mock cluster), for local
// development and tests. Not Apache Kafka.
import ArgumentParser
import Foundation
import InkwellKafka
import Logging

/// A topic to create: `NAME:PARTITIONS`.
struct TopicSpec: ExpressibleByArgument {
    var name: String
    var partitions: Int

    init?(argument: String) {
        guard let colon = argument.lastIndex(of: ":"), colon != argument.startIndex,
              let partitions = Int(argument[argument.index(after: colon)...]), partitions >= 1
        else { return nil }
        name = String(argument[..<colon])
        self.partitions = partitions
    }
}

@main
struct DevBrokerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inkwell-devbroker",
        abstract: "A Kafka-protocol development broker on loopback: librdkafka's mock cluster, NOT Apache Kafka.",
        discussion: "In memory only, nothing persists; for development and tests. Stops on SIGTERM/SIGINT."
    )

    @Option(help: "Write the bootstrap list (HOST:PORT,...) to this path once the broker is up.")
    var bootstrapFile: String?

    @Option(help: "Number of brokers.")
    var brokers: Int = 1

    @Option(name: .customLong("topic"), help: ArgumentHelp("Create a topic; repeatable. Default: users.events:3, blog.events:3, comments.events:3, each prefixed with $KAFKA_TOPIC_PREFIX if set.", valueName: "NAME:PARTITIONS"))
    var topics: [TopicSpec] = []

    func validate() throws {
        guard brokers >= 1 else { throw ValidationError("--brokers needs a positive number") }
    }

    func run() throws {
        var topics = self.topics.map { (name: $0.name, partitions: $0.partitions) }
        if topics.isEmpty {
            let prefix = ProcessInfo.processInfo.environment["KAFKA_TOPIC_PREFIX"] ?? ""
            topics = ["users.events", "blog.events", "comments.events"].map { (prefix + $0, 3) }
        }
        var logger = Logger(label: "inkwell-devbroker")
        logger.logLevel = .notice

        // Block the stop signals before the broker starts its threads (they inherit the mask), so
        // that only sigwait below receives them.
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGTERM)
        sigaddset(&stopSignals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &stopSignals, nil)

        let broker: DevelopmentBroker
        do {
            broker = try DevelopmentBroker(brokerCount: brokers, topics: topics, logger: logger)
        } catch {
            FileHandle.standardError.write(Data("inkwell-devbroker: \(error)\n".utf8))
            throw ExitCode(1)
        }
        print("inkwell-devbroker: Kafka-protocol development broker (librdkafka mock cluster, not Apache Kafka) at \(broker.bootstrapServers)")
        if let bootstrapFile {
            do {
                // .atomic writes a temporary file and renames it: readers never see a partial list.
                try Data("\(broker.bootstrapServers)\n".utf8).write(to: URL(fileURLWithPath: bootstrapFile), options: .atomic)
            } catch {
                FileHandle.standardError.write(Data("inkwell-devbroker: cannot write \(bootstrapFile): \(error)\n".utf8))
                throw ExitCode(1)
            }
        }
        fflush(nil)

        var received: Int32 = 0
        sigwait(&stopSignals, &received)
        print("inkwell-devbroker: signal \(received), stopping")
        fflush(nil)
        withExtendedLifetime(broker) {}
    }
}
