import ArgumentParser
import StoryWatch

/// `storywatch`: follows a developing news story across many sources and alerts its operator.
@main
struct StoryWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storywatch",
        abstract: "Follow a developing news story across many feeds and alert on each real development.",
        discussion: """
            storywatch polls news feeds, recognises new articles, new figures and developments \
            confirmed by several outlets, and writes alerts to files and syslog. \
            The daemon and its other commands arrive step by step; see README.md.
            """,
        version: Release.version,
        subcommands: [RunCommand.self, CheckCommand.self, StatusCommand.self, AlertsCommand.self, TestCommand.self, ParseCommand.self]
    )
}
