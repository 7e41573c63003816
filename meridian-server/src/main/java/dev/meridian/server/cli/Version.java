package dev.meridian.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The build's version and git commit, from {@code version.properties} as Maven filtered it. A build without git
 * metadata (a source tarball) leaves the commit placeholder unreplaced: then the commit is "unknown commit".
 */
final class Version implements CommandLine.IVersionProvider {

    static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        return new String[] {describe(load())};
    }

    static String describe(Properties p) {
        String version = filled(p.getProperty("version"));
        String commit = filled(p.getProperty("commit"));
        boolean dirty = "true".equals(p.getProperty("dirty"));
        return "meridian " + (version == null ? "unknown version" : version) + " ("
                + (commit == null ? "unknown commit" : "commit " + commit + (dirty ? ", modified" : "")) + ")";
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // Described as unknown below.
        }
        return p;
    }

    /** The value, or null when missing or still a Maven placeholder. */
    private static String filled(String value) {
        return value == null || value.isBlank() || value.contains("${") ? null : value.trim();
    }
}
