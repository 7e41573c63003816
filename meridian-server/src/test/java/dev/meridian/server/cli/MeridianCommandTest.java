package dev.meridian.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code meridian} command itself: its version and its help. */
class MeridianCommandTest {

    @Test
    void version_showsTheBuildVersionAndCommit() {
        CommandRun r = CommandRun.of("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out().strip())
                .matches(
                        "meridian \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\((commit [0-9a-f]{7,}(, modified)?|unknown commit)\\)")
                .doesNotContain("development");
    }

    @Test
    void version_withoutGitMetadata_saysUnknownCommit() {
        Properties unfiltered = new Properties();
        unfiltered.setProperty("version", "0.1.0");
        unfiltered.setProperty("commit", "${git.commit.id.abbrev}");
        unfiltered.setProperty("dirty", "${git.dirty}");
        assertThat(Version.describe(unfiltered)).isEqualTo("meridian 0.1.0 (unknown commit)");
        unfiltered.setProperty("commit", "f71b301");
        unfiltered.setProperty("dirty", "false");
        assertThat(Version.describe(unfiltered)).isEqualTo("meridian 0.1.0 (commit f71b301)");
    }

    @Test
    void serve_parsedOnItsOwn_helpsAndRefusesAsThroughTheRoot() {
        java.io.StringWriter help = new java.io.StringWriter();
        java.io.StringWriter refusal = new java.io.StringWriter();

        int helped = MeridianCommand.serveCommandLine()
                .setOut(new java.io.PrintWriter(help))
                .execute("--help");
        int refused = MeridianCommand.serveCommandLine()
                .setErr(new java.io.PrintWriter(refusal))
                .execute("--prot", "9090");

        assertThat(helped).isZero();
        assertThat(help.toString()).startsWith("Usage: meridian serve").contains("--config", "--port", "--host");
        assertThat(refused).isEqualTo(2);
        assertThat(refusal.toString())
                .contains("Unknown options: '--prot', '9090'")
                .contains("Usage: meridian serve");
    }

    @Test
    void picocli_compiledForJava17_soTheClassDataArchiveHoldsIt() throws Exception {
        // meridian-server compiles picocli from its sources: the published Java 5 classes cannot be archived.
        try (java.io.DataInputStream in =
                new java.io.DataInputStream(CommandLine.class.getResourceAsStream("CommandLine.class"))) {
            in.readInt(); // magic
            in.readUnsignedShort(); // minor
            assertThat(in.readUnsignedShort()).isGreaterThanOrEqualTo(61);
        }
    }

    @Test
    void help_everyCommandOptionAndParameterHasADescription() {
        List<String> undescribed = new ArrayList<>();
        collectUndescribed(new CommandLine(new MeridianCommand()).getCommandSpec(), undescribed);
        assertThat(undescribed).isEmpty();
    }

    private static void collectUndescribed(CommandSpec command, List<String> undescribed) {
        if (blank(command.usageMessage().description())) {
            undescribed.add(command.qualifiedName());
        }
        List<ArgSpec> args = new ArrayList<>(command.options());
        args.addAll(command.positionalParameters());
        for (ArgSpec arg : args) {
            if (blank(arg.description())) {
                undescribed.add(command.qualifiedName() + " " + arg);
            }
        }
        command.subcommands().values().forEach(sub -> collectUndescribed(sub.getCommandSpec(), undescribed));
    }

    private static boolean blank(String[] lines) {
        return lines.length == 0 || String.join("", lines).isBlank();
    }

    @Test
    void serveHelp_offersHostAndPort() {
        CommandRun r = CommandRun.of("serve", "--help");
        assertThat(r.out()).contains("--host").contains("MERIDIAN_HOST").contains("--port");
    }
}
