package dev.meridian.server.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The request path's structure, held by the build: no package cycle anywhere in Meridian's main code (every
 * module the server ships), and the stages and the attempt loop never reach the writer or the HTTP layer: they
 * hand their result up, and only the writer writes.
 */
class ArchitectureTest {

    private static JavaClasses meridian;

    @BeforeAll
    static void importMainClasses() {
        meridian = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.meridian");
    }

    @Test
    void packages_haveNoCycles() {
        // "dev.meridian.(**)" gives every package, module roots included, a slice of its own.
        slices().matching("dev.meridian.(**)").should().beFreeOfCycles().check(meridian);
    }

    @Test
    void stagesAndAttempts_doNotUseTheWriter() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.meridian.server.pipeline..", "dev.meridian.server.attempt..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.meridian.server.reply..", "dev.meridian.server.http..")
                .because("nothing below the writer calls the writer; one object owns the connection")
                .check(meridian);
    }

    @Test
    void requestContext_holdsNoProtocolTypes() {
        noClasses()
                .that()
                .haveSimpleName("RequestContext")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.meridian.core.protocol..")
                .check(meridian);
    }
}
