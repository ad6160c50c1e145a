/// The release of this build, as `storywatch --version` prints it and the User-Agent names it.
public enum Release {
    /// The version, following semantic versioning.
    public static let version = "0.1.0"
}
