package io.eksfleet.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, written by the build. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = EksFleet.class.getPackage().getImplementationVersion();
        return new String[] {"eksfleet " + (version == null ? "(development build)" : version)};
    }
}
