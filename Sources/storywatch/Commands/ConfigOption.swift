import ArgumentParser
import Foundation
import StoryWatch

/// `--config FILE`, shared by every command that reads the config.
struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The config file; drop-ins are read from conf.d/ beside it.", valueName: "file"))
    var config: String = ConfigLoader.defaultPath

    /// The config, or every problem in it on standard error and exit status 78 (EX_CONFIG).
    func load() throws -> StoryConfig {
        do {
            return try ConfigLoader.load(config, catalog: PluginRegistry.catalog)
        } catch {
            for diagnostic in error.diagnostics {
                FileHandle.standardError.write(Data("\(SafeText.oneLine(diagnostic.description))\n".utf8))
            }
            let count = error.diagnostics.count
            FileHandle.standardError.write(Data("storywatch: \(count) problem\(count == 1 ? "" : "s") in the config\n".utf8))
            throw ExitCode(78)
        }
    }
}
