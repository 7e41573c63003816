package dev.meridian.server.cli;

import picocli.CommandLine;

/** The version from the jar manifest (or "development" when run from classes). */
final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"meridian " + (v == null ? "development" : v)};
    }
}
